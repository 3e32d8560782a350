package jp.nimo.command.importing;

import jp.nimo.infra.web.input.JsonFields;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The lines of an NDJSON import body, read one at a time as the body streams in:
 * {@code {"key","caseRef" or "caseId","newCase"?,"event"}} each. Blank lines are skipped but counted, so
 * that a line's number is its line in the file.
 */
final class NdjsonLines extends LineReader {

    static final int MAX_KEY = 200;
    static final int MAX_CASE_REF = 100;
    private static final Set<String> FIELDS = Set.of("key", "caseRef", "caseId", "newCase", "event");

    private final BufferedReader body;
    private final JsonMapper json;
    private long number;

    NdjsonLines(BufferedReader body, JsonMapper json) {
        this.body = body;
        this.json = json;
    }

    @Override
    protected ImportLine readNext() {
        while (true) {
            String text;
            try {
                text = body.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (text == null) {
                return null;
            }
            number++;
            if (!text.isBlank()) {
                return read(number, text.strip());
            }
        }
    }

    private ImportLine read(long number, String text) {
        String hash = ImportLine.hash(text);
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            return ImportLine.unreadable(number, null, hash, List.of(new FieldError("line", "not one JSON object: "
                    + e.getOriginalMessage())));
        }
        return of(number, node, hash);
    }

    /** A line from its JSON object (also what a CSV row becomes). */
    static ImportLine of(long number, JsonNode node, String hash) {
        if (node == null || !node.isObject()) {
            return ImportLine.unreadable(number, null, hash, List.of(new FieldError("line", "must be a JSON object")));
        }
        JsonFields in = JsonFields.of(node);
        String key = null;
        try {
            in.onlyKnown(FIELDS);
            key = in.text("key", true, MAX_KEY);
            String caseRef = in.text("caseRef", false, MAX_CASE_REF);
            String caseId = in.text("caseId", false, 36);
            if ((caseRef == null) == (caseId == null)) {
                in.error("caseRef", "give either caseRef (your own reference) or caseId, not both");
            }
            JsonNode newCase = node.get("newCase");
            if (newCase != null && !newCase.isObject()) {
                in.error("newCase", "must be an object");
            }
            if (newCase != null && caseId != null) {
                in.error("newCase", "a line with a caseId records into an open case: leave newCase out");
            }
            JsonNode event = node.get("event");
            if (event == null || !event.isObject()) {
                in.error("event", "must be an object with the event's kind, occurredOn and fields");
            }
            in.check();
            return new ImportLine(number, key, caseRef, caseId, newCase, event, hash, List.of());
        } catch (InvalidInputException e) {
            return ImportLine.unreadable(number, key, hash, e.errors());
        }
    }
}
