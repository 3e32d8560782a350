package jp.nimo.command.importing;

import jp.nimo.reference.EventKind;
import jp.nimo.reference.FieldSpec;
import jp.nimo.reference.FieldType;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV import of one kind (RFC 4180: comma-separated, fields with commas, quotes or line
 * breaks in double quotes), each turned into the line an NDJSON import would carry. The header names the
 * columns: {@code key}, {@code caseRef} or {@code caseId}, {@code occurredOn}, the kind's fields, and for a
 * case's first row {@code newCase.municipality}, {@code newCase.ageBand}, {@code newCase.externalRef}. A list
 * field's values are separated by {@code |}; an empty cell leaves the field out.
 */
final class CsvLines extends LineReader {

    static final String LIST_SEPARATOR = "|";
    private static final String NEW_CASE = "newCase.";
    private static final List<String> LINE_COLUMNS = List.of("key", "caseRef", "caseId");

    private final Reader body;
    private final JsonMapper json;
    private final EventKind kind;
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final List<String> header;
    private long number = 1;

    /** Reads the header; a column that is not the kind's is refused before any row is read. */
    CsvLines(Reader body, JsonMapper json, EventKind kind, List<FieldSpec> commonFields) {
        this.body = body;
        this.json = json;
        this.kind = kind;
        commonFields.forEach(f -> fields.put(f.name(), f));
        kind.fields().forEach(f -> fields.put(f.name(), f));
        List<String> columns = record();
        if (columns == null) {
            throw new InvalidInputException("body", "a CSV import starts with its header row");
        }
        List<FieldError> errors = new ArrayList<>();
        for (String column : columns) {
            boolean known = LINE_COLUMNS.contains(column) || column.equals("occurredOn") || fields.containsKey(column)
                    || List.of("municipality", "ageBand", "externalRef").stream().anyMatch(f -> column.equals(NEW_CASE + f));
            if (!known) {
                errors.add(new FieldError(column, "is not a column of a " + kind.kind() + " import (key, caseRef or caseId,"
                        + " occurredOn, newCase.municipality, newCase.ageBand, newCase.externalRef, and the kind's fields)"));
            }
        }
        if (!columns.contains("key") || !columns.contains("occurredOn")
                || !(columns.contains("caseRef") || columns.contains("caseId"))) {
            errors.add(new FieldError("header", "needs the columns key, occurredOn and caseRef or caseId"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        this.header = columns;
    }

    @Override
    protected ImportLine readNext() {
        while (true) {
            List<String> row = record();
            number++;
            if (row == null) {
                return null;
            }
            if (!(row.size() == 1 && row.get(0).isBlank())) {
                return line(number, row);
            }
        }
    }

    private ImportLine line(long number, List<String> row) {
        String hash = ImportLine.hash(String.join("\u001f", row));
        if (row.size() != header.size()) {
            return ImportLine.unreadable(number, null, hash, List.of(new FieldError(null,
                    "has " + row.size() + " cells where the header has " + header.size())));
        }
        ObjectNode line = json.createObjectNode();
        ObjectNode event = json.createObjectNode().put("kind", kind.kind());
        ObjectNode newCase = json.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String cell = row.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            if (LINE_COLUMNS.contains(column)) {
                line.put(column, cell);
            } else if (column.startsWith(NEW_CASE)) {
                newCase.put(column.substring(NEW_CASE.length()), cell);
            } else if (column.equals("occurredOn")) {
                event.put(column, cell);
            } else {
                put(event, fields.get(column), cell);
            }
        }
        if (!newCase.isEmpty()) {
            line.set("newCase", newCase);
        }
        line.set("event", event);
        return NdjsonLines.of(number, line, hash);
    }

    /** A cell as its field's JSON type; what does not convert is passed on as text, for the event's checks to name. */
    private void put(ObjectNode event, FieldSpec field, String cell) {
        FieldType type = field.type();
        if (type == FieldType.INTEGER && cell.matches("-?\\d{1,9}")) {
            event.put(field.name(), Integer.parseInt(cell));
        } else if (type == FieldType.BOOLEAN && (cell.equals("true") || cell.equals("false"))) {
            event.put(field.name(), Boolean.parseBoolean(cell));
        } else if (type == FieldType.ENUM_LIST) {
            ArrayNode values = event.putArray(field.name());
            for (String value : cell.split("\\" + LIST_SEPARATOR, -1)) {
                values.add(value.strip());
            }
        } else {
            event.put(field.name(), cell);
        }
    }

    /** The next record's cells, or null at the end of the body. */
    private List<String> record() {
        try {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int c;
            while ((c = body.read()) != -1) {
                any = true;
                if (quoted) {
                    if (c == '"') {
                        body.mark(1);
                        int after = body.read();
                        if (after == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            if (after != -1) {
                                body.reset();
                            }
                        }
                    } else {
                        cell.append((char) c);
                    }
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n') {
                    break;
                } else if (c != '\r') {
                    cell.append((char) c);
                }
            }
            if (!any) {
                return null;
            }
            cells.add(cell.toString());
            if (cells.size() > 0 && number == 1 && cells.get(0).startsWith("\uFEFF")) {
                cells.set(0, cells.get(0).substring(1));
            }
            return cells;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
