package jp.nimo.projection.admin;

/** A rebuild was asked for while another rebuild of the same projection is still running: 409. */
public class RebuildAlreadyRunning extends RuntimeException {

    private final String projection;
    private final long runningRebuild;

    public RebuildAlreadyRunning(String projection, long runningRebuild) {
        super("a rebuild of " + projection + " is already running");
        this.projection = projection;
        this.runningRebuild = runningRebuild;
    }

    public String projection() {
        return projection;
    }

    public long runningRebuild() {
        return runningRebuild;
    }
}
