package jp.nimo.infra.web;

import java.io.IOException;

/**
 * A request body that grew past its limit while it was read. An IOException, so that whatever is
 * reading the stream (Jackson, a CSV reader) stops at once and the limit is answered with 413.
 */
public class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The BodyTooLarge somewhere in the causes of {@code e}, or null. */
    public static BodyTooLarge in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
