package jp.nimo.projection.issueplane.issue;

import jp.nimo.projection.shared.JsonColumns;
import jp.nimo.issues.EvidenceItem;
import jp.nimo.issues.IssueEvent.ActualRecorded;
import jp.nimo.issues.IssueEvent.EvidenceAttached;
import jp.nimo.issues.IssueEvent.IssueDelegated;
import jp.nimo.issues.IssueEvent.IssueEscalated;
import jp.nimo.issues.IssueEvent.IssueLinked;
import jp.nimo.issues.IssueEvent.IssueReportedUp;
import jp.nimo.issues.IssueEvent.IssueMerged;
import jp.nimo.issues.IssueEvent.IssuePlanned;
import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent.MergedIssueTakenIn;
import jp.nimo.issues.Target;
import jp.nimo.projection.issueplane.board.IssueBoardProjection;
import jp.nimo.projection.shared.KnowledgeTime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The issue file beyond its head: evidence counts by kind, month and area, targets, the plan's roles
 * and milestones, actuals, and the links to other issues. Counts and targets are versioned over
 * knowledge time like the board, so an issue as known at T reads the versions valid at T. Each end of a
 * link is written from its own issue's event (the escalated issue's IssueEscalated, the linked issue's
 * IssueRaised; the merged issue's IssueMerged, the other's MergedIssueTakenIn; the reporting or delegating
 * issue's IssueReportedUp or IssueDelegated, the issue opened by it its IssueLinked), so that events of one
 * issue stay the only thing a segment needs in order. The part a delegation hands over is the timeline
 * entry's of the same event.
 */
@Component
@ProcessingGroup(IssueBoardProjection.ISSUE_PLANE)
public class IssueDetailProjection {

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public IssueDetailProjection(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private record Cell(String kind, String month, String area) {
    }

    @EventHandler
    void on(EvidenceAttached event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        Map<Cell, Integer> counts = new TreeMap<>(Comparator.comparing(Cell::kind)
                .thenComparing(Cell::month).thenComparing(Cell::area));
        for (EvidenceItem item : event.items()) {
            counts.merge(new Cell(item.kind(), item.month(), item.area().code()), 1, Integer::sum);
        }
        String issueId = event.issueId().value();
        Instant at = KnowledgeTime.of(recordedAt);
        counts.forEach((cell, count) -> {
            Optional<Version> current = current("SELECT last_sequence, recorded_from, signals AS amount"
                    + " FROM issue_evidence_version WHERE issue_id = ? AND kind = ? AND month = ? AND area = ?"
                    + " AND recorded_to IS NULL", issueId, cell.kind(), cell.month(), cell.area());
            if (current.isPresent() && current.get().lastSequence() >= sequence) {
                return;
            }
            Instant from = current.map(v -> v.followedAt(at)).orElse(at);
            if (current.isPresent()) {
                jdbc.update("UPDATE issue_evidence_version SET recorded_to = ? WHERE issue_id = ? AND kind = ?"
                                + " AND month = ? AND area = ? AND recorded_to IS NULL",
                        KnowledgeTime.column(from), issueId, cell.kind(), cell.month(), cell.area());
            }
            jdbc.update("INSERT INTO issue_evidence_version (issue_id, kind, month, area, last_sequence, recorded_from,"
                            + " signals) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    issueId, cell.kind(), cell.month(), cell.area(), sequence, KnowledgeTime.column(from),
                    current.map(Version::amount).orElse(0) + count);
        });
    }

    /** A later plan replaces the target of the same indicator and fiscal year; the others stay, as they do for actuals. */
    @EventHandler
    void on(IssuePlanned event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        String issueId = event.issueId().value();
        Instant at = KnowledgeTime.of(recordedAt);
        for (Target target : event.targets()) {
            Optional<Version> current = current("SELECT last_sequence, recorded_from, 0 AS amount"
                    + " FROM issue_target_version WHERE issue_id = ? AND indicator = ? AND fiscal_year = ?"
                    + " AND recorded_to IS NULL", issueId, target.indicator(), target.fiscalYear().startYear());
            if (current.isPresent() && current.get().lastSequence() >= sequence) {
                continue;
            }
            Instant from = current.map(v -> v.followedAt(at)).orElse(at);
            if (current.isPresent()) {
                jdbc.update("UPDATE issue_target_version SET recorded_to = ? WHERE issue_id = ? AND indicator = ?"
                                + " AND fiscal_year = ? AND recorded_to IS NULL",
                        KnowledgeTime.column(from), issueId, target.indicator(), target.fiscalYear().startYear());
            }
            jdbc.update("INSERT INTO issue_target_version (issue_id, indicator, fiscal_year, last_sequence, recorded_from,"
                            + " unit, direction, baseline, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    issueId, target.indicator(), target.fiscalYear().startYear(), sequence, KnowledgeTime.column(from),
                    target.unit(), target.direction().name(), target.baseline(), target.target());
        }
        jdbc.update("INSERT INTO issue_plan (issue_id, sequence, recorded_at, planned_on, roles, milestones)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT DO NOTHING",
                issueId, sequence, KnowledgeTime.column(at), BusinessTime.of(event.decision()), json.write(event.roles()),
                json.write(event.milestones()));
    }

    @EventHandler
    void on(ActualRecorded event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        jdbc.update("INSERT INTO issue_actual (issue_id, sequence, recorded_at, at, indicator, fiscal_year, value, source)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.issueId().value(), sequence, KnowledgeTime.column(KnowledgeTime.of(recordedAt)),
                BusinessTime.of(event.decision()), event.actual().indicator(), event.actual().fiscalYear().startYear(),
                event.actual().value(), event.actual().source().name());
    }

    @EventHandler
    void on(IssueRaised event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        if (event.escalatedFrom() != null) {
            link(event.issueId().value(), sequence, Relation.ESCALATED_FROM, event.escalatedFrom().value(), null,
                    BusinessTime.of(event.decision()), recordedAt);
        }
    }

    @EventHandler
    void on(IssueEscalated event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        link(event.issueId().value(), sequence, Relation.ESCALATED_TO, event.linkedIssueId().value(), event.toCouncilId(),
                BusinessTime.of(event.decision()), recordedAt);
    }

    @EventHandler
    void on(IssueReportedUp event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        link(event.issueId().value(), sequence, Relation.REPORTED_TO, event.linkedIssueId().value(), event.toCouncilId(),
                BusinessTime.of(event.decision()), recordedAt);
    }

    @EventHandler
    void on(IssueDelegated event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        link(event.issueId().value(), sequence, Relation.DELEGATED_TO, event.linkedIssueId().value(), event.toCouncilId(),
                BusinessTime.of(event.decision()), recordedAt);
    }

    @EventHandler
    void on(IssueLinked event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        link(event.issueId().value(), sequence, Relation.of(event.link()), event.otherIssueId().value(),
                event.otherCouncilId(), BusinessTime.of(event.decision()), recordedAt);
    }

    @EventHandler
    void on(IssueMerged event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        link(event.issueId().value(), sequence, Relation.MERGED_INTO, event.intoIssueId().value(), null,
                BusinessTime.of(event.decision()), recordedAt);
    }

    @EventHandler
    void on(MergedIssueTakenIn event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        link(event.issueId().value(), sequence, Relation.TOOK_IN, event.mergedIssueId().value(), null,
                BusinessTime.of(event.decision()), recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM issue_evidence_version");
        jdbc.update("DELETE FROM issue_target_version");
        jdbc.update("DELETE FROM issue_plan");
        jdbc.update("DELETE FROM issue_actual");
        jdbc.update("DELETE FROM issue_link");
    }

    private void link(String issueId, long sequence, Relation relation, String otherIssueId, String councilId,
                      LocalDate at, Instant recordedAt) {
        jdbc.update("INSERT INTO issue_link (issue_id, sequence, relation, other_issue_id, council_id, at, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                issueId, sequence, relation.name(), otherIssueId, councilId, at,
                KnowledgeTime.column(KnowledgeTime.of(recordedAt)));
    }

    /** The current version of a cell or target: the sequence that made it, when it starts, its count. */
    private record Version(long lastSequence, Instant recordedFrom, int amount) {

        /** Where the next version starts: never before this one, even when nodes' clocks disagree. */
        Instant followedAt(Instant at) {
            return at.isBefore(recordedFrom) ? recordedFrom : at;
        }
    }

    private Optional<Version> current(String sql, Object... parameters) {
        return jdbc.query(sql, (row, n) -> new Version(row.getLong("last_sequence"),
                KnowledgeTime.read(row, "recorded_from"), row.getInt("amount")), parameters).stream().findFirst();
    }
}
