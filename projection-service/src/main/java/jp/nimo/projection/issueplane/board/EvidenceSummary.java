package jp.nimo.projection.issueplane.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import jp.nimo.projection.shared.SmallCounts.Disclosure;

import java.time.LocalDate;

/**
 * An issue's evidence in brief: how many signals, from how many distinct cases, first and last
 * business date. A hidden count is null (written out, not left away) with {@code suppressed} true.
 */
public record EvidenceSummary(@JsonInclude(JsonInclude.Include.ALWAYS) Integer signals,
                              @JsonInclude(JsonInclude.Include.ALWAYS) Integer distinctCases, LocalDate firstOn,
                              LocalDate lastOn, boolean suppressed) {

    public static EvidenceSummary of(IssueBoardRow row, Disclosure disclosure) {
        return new EvidenceSummary(disclosure.show(row.signals()), disclosure.show(row.distinctCases()), row.firstOn(),
                row.lastOn(), disclosure.hides(row.signals()) || disclosure.hides(row.distinctCases()));
    }
}
