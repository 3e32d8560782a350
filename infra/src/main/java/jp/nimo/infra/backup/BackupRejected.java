package jp.nimo.infra.backup;

/** A backup file that is not one, or not the one it claims to be (a checksum or a count differs). */
public class BackupRejected extends RuntimeException {

    public BackupRejected(String message) {
        super(message);
    }
}
