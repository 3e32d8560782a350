package jp.nimo.command.importing;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An import body read one line at a time as it streams in; a reader says only how the next line is read. */
abstract class LineReader implements Iterator<ImportLine> {

    private ImportLine next;
    private boolean ended;

    /** The next line of the body, or null at its end. */
    protected abstract ImportLine readNext();

    @Override
    public final boolean hasNext() {
        if (next == null && !ended) {
            next = readNext();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public final ImportLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportLine line = next;
        next = null;
        return line;
    }
}
