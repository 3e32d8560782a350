package jp.nimo.command.importing;

import jp.nimo.validation.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of an import's lines: how many were accepted, how many repeated a line imported before, which
 * were rejected and why, and the case each of the agency's references names. Counts move from pending to
 * final when their batch commits, so a failure part-way answers only for what stays.
 */
public final class ImportReport {

    /** At most this many rejected lines are listed; the count covers all of them. */
    static final int LISTED_REJECTIONS = 1000;

    private final boolean dryRun;
    private long lines;
    private long accepted;
    private long duplicates;
    private long rejectedCount;
    private final List<Map<String, Object>> rejected = new ArrayList<>();
    private final Map<String, String> cases = new LinkedHashMap<>();
    private final Map<String, String> pendingCases = new LinkedHashMap<>();
    private long pendingAccepted;

    ImportReport(boolean dryRun) {
        this.dryRun = dryRun;
    }

    void accepted(ImportLine line, String caseId) {
        lines++;
        pendingAccepted++;
        if (line.caseRef() != null) {
            pendingCases.put(line.caseRef(), caseId);
        }
    }

    void duplicate(ImportLine line, String caseId) {
        lines++;
        duplicates++;
        if (line.caseRef() != null) {
            cases.put(line.caseRef(), caseId);
        }
    }

    void rejected(ImportLine line, List<FieldError> errors) {
        lines++;
        rejectedCount++;
        if (rejected.size() < LISTED_REJECTIONS) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", line.number());
            if (line.key() != null) {
                entry.put("key", line.key());
            }
            entry.put("errors", errors.stream().map(error -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("field", error.field());
                e.put("message", error.message());
                return e;
            }).toList());
            rejected.add(entry);
        }
    }

    /** The batch committed (or, in a dry run, was checked): its accepted lines count; a dry run opens no case. */
    void batchDone() {
        accepted += pendingAccepted;
        pendingAccepted = 0;
        if (!dryRun) {
            cases.putAll(pendingCases);
        }
        pendingCases.clear();
    }

    boolean dryRun() {
        return dryRun;
    }

    long lines() {
        return lines;
    }

    long accepted() {
        return accepted;
    }

    long duplicates() {
        return duplicates;
    }

    long rejectedCount() {
        return rejectedCount;
    }

    /** The answer of {@code POST /api/import}. */
    public Map<String, Object> answer() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", dryRun);
        answer.put("lines", lines);
        answer.put("accepted", accepted);
        answer.put("duplicates", duplicates);
        answer.put("rejectedCount", rejectedCount);
        answer.put("rejected", List.copyOf(rejected));
        answer.put("cases", Map.copyOf(cases));
        return answer;
    }
}
