package jp.nimo.issues;

import java.time.LocalDate;
import java.util.List;

/** A batch of evidence: its id (so that it is attached once), its items, dates and the issue's distinct-case count. */
public record EvidenceBatch(String batchId, List<EvidenceItem> items, LocalDate firstOn, LocalDate lastOn,
                            int distinctCases) {

    public EvidenceBatch {
        items = List.copyOf(items);
    }
}
