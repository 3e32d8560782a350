package jp.nimo.infra.backup;

/** A restore that would mix a backup with data already in the target: nothing was changed. */
public class RestoreRefused extends RuntimeException {

    public RestoreRefused(String message) {
        super(message);
    }
}
