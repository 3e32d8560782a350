package jp.nimo.projection.shared;

import jp.nimo.validation.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An answer as CSV for a spreadsheet: UTF-8 with a byte-order mark, which Excel in Japan needs to read
 * UTF-8 rather than Shift_JIS, and CRLF line ends (RFC 4180). Asked for with {@code ?format=csv} or
 * {@code Accept: text/csv}.
 */
public final class CsvDownload {

    public static final String FORMAT = "format";
    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public CsvDownload(String... header) {
        this.header = List.of(header);
    }

    /** Whether the caller asked for CSV: {@code format=csv}, or without {@code format} an Accept of text/csv. */
    public static boolean requested(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidInputException(FORMAT, "must be csv or json");
            };
        }
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(t -> "text".equals(t.getType()) && "csv".equals(t.getSubtype()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public CsvDownload row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + header.size() + " columns");
        }
        rows.add(Arrays.stream(values).map(v -> v == null ? "" : String.valueOf(v)).toList());
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        line(out, header);
        rows.forEach(row -> line(out, row));
        return out.toByteArray();
    }

    public ResponseEntity<byte[]> answer(String filename) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(bytes());
    }

    private static void line(ByteArrayOutputStream out, List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quoted(values.get(i)));
        }
        line.append("\r\n");
        out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String value) {
        boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        // a leading =, +, - or @ would make Excel run the cell as a formula
        boolean formula = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?");
        String text = formula ? "'" + value : value;
        return needs || formula ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
