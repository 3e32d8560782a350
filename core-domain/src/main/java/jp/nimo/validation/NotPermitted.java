package jp.nimo.validation;

/** The caller's role or scope does not allow the action: answered with 403. */
public class NotPermitted extends RuntimeException {

    public NotPermitted(String message) {
        super(message);
    }
}
