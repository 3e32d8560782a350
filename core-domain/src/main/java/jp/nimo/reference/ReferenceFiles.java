package jp.nimo.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the reference data shipped in this module's resources under {@code reference/}. */
final class ReferenceFiles {

    private ReferenceFiles() {
    }

    static InputStream open(String name) {
        InputStream in = ReferenceFiles.class.getClassLoader().getResourceAsStream("reference/" + name);
        if (in == null) {
            throw new IllegalStateException("reference file missing from the build: reference/" + name);
        }
        return in;
    }

    /** The rows of a simple CSV file (no quoted commas), without its header line. */
    static List<String[]> csvRows(String name) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            String header = reader.readLine();
            if (header == null) {
                return rows;
            }
            int columns = header.split(",", -1).length;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException("reference/" + name + ": expected " + columns + " columns in: " + line);
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
