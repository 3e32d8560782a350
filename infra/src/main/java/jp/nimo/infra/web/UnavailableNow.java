package jp.nimo.infra.web;

/**
 * Something the request needs cannot answer now (the other service, a read side still catching up):
 * answered with 503 and Retry-After; nothing was stored.
 */
public class UnavailableNow extends RuntimeException {

    public UnavailableNow(String message) {
        super(message);
    }
}
