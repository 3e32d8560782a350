package jp.nimo.projection.admin;

import jp.nimo.projection.analytics.SignalProjection;
import jp.nimo.projection.councils.CouncilProjection;
import jp.nimo.projection.indicators.IndicatorProjection;
import jp.nimo.projection.issueplane.board.IssueBoardProjection;
import jp.nimo.projection.timeline.CaseTimelineProjection;

import java.util.List;
import java.util.Optional;

/**
 * A projection rebuilt blue/green: the tables its processing group writes, which exist in versions, and
 * the processor that builds the next version ({@code <name>~next}, the same handlers in a group of their
 * own). A table a handler writes must be listed here, or a rebuild would write it in the live version.
 */
public record VersionedProjection(String name, List<String> tables) {

    static final String NEXT = "~next";

    public static final List<VersionedProjection> ALL = List.of(
            new VersionedProjection(CaseTimelineProjection.NAME,
                    List.of("case_file", "case_organisation", "case_timeline_entry")),
            new VersionedProjection(IssueBoardProjection.ISSUE_PLANE,
                    List.of("issue_board_version", "issue_timeline_entry", "issue_evidence_version",
                            "issue_target_version", "issue_plan", "issue_actual", "issue_link")),
            new VersionedProjection(IndicatorProjection.NAME,
                    List.of("indicator_fact_event", "indicator_fact_day", "indicator_fact_month", "indicator_admission",
                            "indicator_discharge", "indicator_case_event", "indicator_case_mark", "indicator_case_age")),
            new VersionedProjection(SignalProjection.NAME, List.of("analytics_signal")),
            new VersionedProjection(CouncilProjection.NAME,
                    List.of("council", "council_member", "council_working_group", "meeting", "meeting_agenda_item",
                            "meeting_attendance", "meeting_opinion", "meeting_minutes", "meeting_pack",
                            "meeting_decision")));

    public static Optional<VersionedProjection> named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The processor that builds the next version. */
    public String nextProcessor() {
        return name + NEXT;
    }

    /** The schema a version other than the live one is built in. */
    public String schema(int version) {
        return "proj_" + name.replace('-', '_') + "_v" + version;
    }

    static boolean isNextProcessor(String processor) {
        return processor.endsWith(NEXT);
    }
}
