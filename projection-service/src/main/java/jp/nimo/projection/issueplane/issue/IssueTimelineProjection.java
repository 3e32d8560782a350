package jp.nimo.projection.issueplane.issue;

import jp.nimo.projection.shared.JsonColumns;
import jp.nimo.issues.Decision;
import jp.nimo.issues.EvidenceItem;
import jp.nimo.issues.IssueEvent.ActualRecorded;
import jp.nimo.issues.IssueEvent.EvidenceAttached;
import jp.nimo.issues.IssueEvent.IssueDelegated;
import jp.nimo.issues.IssueEvent.IssueEscalated;
import jp.nimo.issues.IssueEvent.IssueLinked;
import jp.nimo.issues.IssueEvent.IssueReportedUp;
import jp.nimo.issues.IssueEvent.IssueMerged;
import jp.nimo.issues.IssueEvent.IssuePlanned;
import jp.nimo.issues.IssueEvent.IssuePromoted;
import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent.IssueReopened;
import jp.nimo.issues.IssueEvent.IssueScopeChanged;
import jp.nimo.issues.IssueEvent.IssueVerified;
import jp.nimo.issues.IssueEvent.MergedIssueTakenIn;
import jp.nimo.issues.IssueEvent;
import jp.nimo.issues.IssueId;
import jp.nimo.projection.issueplane.board.IssueBoardProjection;
import jp.nimo.projection.issueplane.board.ScopeView;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.reference.Areas;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The issue timeline: one row per event of the issue, in the issue's own order, with business time
 * ({@code at}: the meeting's day, or the day decided; for evidence its last business date), knowledge
 * time ({@code recorded_at}), actor, state, meeting and reason. A merge, an escalation, a report-up or a
 * delegation is on both issues' timelines, each row written from that issue's own event and naming the other
 * issue.
 */
@Component
@ProcessingGroup(IssueBoardProjection.ISSUE_PLANE)
public class IssueTimelineProjection {

    /** The entry's member for the part of an issue a delegation hands over (the API's {@code scope}). */
    public static final String DELEGATED_SCOPE = "delegatedScope";

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final Areas areas;

    public IssueTimelineProjection(JdbcTemplate jdbc, JsonColumns json, Areas areas) {
        this.jdbc = jdbc;
        this.json = json;
        this.areas = areas;
    }

    /** What an entry says beyond the decision itself, and the other issue it names, if any. */
    private record Content(LocalDate at, Map<String, Object> details, IssueId otherIssue, Relation relation) {

        static Content of(Decision decision) {
            return new Content(BusinessTime.of(decision), new LinkedHashMap<>(), null, null);
        }

        Content with(String field, Object value) {
            if (value != null) {
                details.put(field, value);
            }
            return this;
        }

        Content naming(IssueId other, Relation how) {
            return new Content(at, details, other, how);
        }
    }

    @EventHandler
    void on(IssueEvent event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        Content content = contentOf(event);
        Decision decision = event.decision();
        jdbc.update("INSERT INTO issue_timeline_entry (issue_id, sequence, type, at, recorded_at, decided_at, actor_user,"
                        + " actor_org, actor_role, state, reason, meeting, other_issue_id, relation, details)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING",
                event.issueId().value(), sequence, event.getClass().getSimpleName(), content.at(),
                KnowledgeTime.column(KnowledgeTime.of(recordedAt)), KnowledgeTime.column(decision.decidedAt()),
                decision.actor().user(), decision.actor().organisation(), decision.actor().role(), event.state().name(),
                decision.reason(), decision.meeting() == null ? null : json.write(decision.meeting()),
                content.otherIssue() == null ? null : content.otherIssue().value(),
                content.relation() == null ? null : content.relation().name(),
                json.write(content.details()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM issue_timeline_entry");
    }

    private Content contentOf(IssueEvent event) {
        Content content = Content.of(event.decision());
        if (event instanceof IssueRaised raised) {
            content.with("title", raised.title()).with("description", raised.description())
                    .with("scope", ScopeView.of(raised.scope(), areas)).with("origin", raised.origin());
            return raised.escalatedFrom() == null ? content
                    : content.naming(raised.escalatedFrom(), Relation.ESCALATED_FROM);
        }
        if (event instanceof EvidenceAttached evidence) {
            LocalDate at = evidence.lastOn() != null ? evidence.lastOn() : content.at();
            return new Content(at, content.details(), null, null).with("evidence", batch(evidence));
        }
        if (event instanceof IssuePromoted promoted) {
            return content.with("councilId", promoted.councilId());
        }
        if (event instanceof IssueVerified verified) {
            return content.with("statement", verified.statement());
        }
        if (event instanceof IssueEscalated escalated) {
            return content.with("fromCouncilId", escalated.fromCouncilId()).with("toCouncilId", escalated.toCouncilId())
                    .naming(escalated.linkedIssueId(), Relation.ESCALATED_TO);
        }
        if (event instanceof IssueReportedUp reported) {
            return content.with("fromCouncilId", reported.fromCouncilId()).with("toCouncilId", reported.toCouncilId())
                    .naming(reported.linkedIssueId(), Relation.REPORTED_TO);
        }
        if (event instanceof IssueDelegated delegated) {
            return content.with("fromCouncilId", delegated.fromCouncilId()).with("toCouncilId", delegated.toCouncilId())
                    .with(DELEGATED_SCOPE, delegated.scope()).naming(delegated.linkedIssueId(), Relation.DELEGATED_TO);
        }
        if (event instanceof IssueLinked linked) {
            return content.with("fromCouncilId", linked.otherCouncilId()).with(DELEGATED_SCOPE, linked.scope())
                    .naming(linked.otherIssueId(), Relation.of(linked.link()));
        }
        if (event instanceof IssuePlanned planned) {
            return content.with("targets", planned.targets()).with("roles", planned.roles())
                    .with("milestones", planned.milestones());
        }
        if (event instanceof ActualRecorded recorded) {
            return content.with("actual", recorded.actual());
        }
        if (event instanceof IssueMerged merged) {
            return content.naming(merged.intoIssueId(), Relation.MERGED_INTO);
        }
        if (event instanceof MergedIssueTakenIn takenIn) {
            return content.naming(takenIn.mergedIssueId(), Relation.TOOK_IN);
        }
        if (event instanceof IssueReopened reopened) {
            return content.with("reopenedFrom", reopened.reopenedFrom());
        }
        if (event instanceof IssueScopeChanged changed) {
            return content.with("oldScope", ScopeView.of(changed.oldScope(), areas))
                    .with("newScope", ScopeView.of(changed.newScope(), areas));
        }
        // the remaining decisions only move the state
        return content;
    }

    /** A batch as the issue plane keeps it: counts by kind, month and area, dates, and the opaque references. */
    private static Map<String, Object> batch(EvidenceAttached evidence) {
        Map<List<String>, Integer> cells = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)).thenComparing(key -> key.get(2)));
        for (EvidenceItem item : evidence.items()) {
            cells.merge(List.of(item.kind(), item.month(), item.area().code()), 1, Integer::sum);
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("batchId", evidence.batchId());
        batch.put("signals", evidence.items().size());
        batch.put("distinctCases", evidence.distinctCases());
        batch.put("firstOn", evidence.firstOn());
        batch.put("lastOn", evidence.lastOn());
        batch.put("cells", cells.entrySet().stream().map(cell -> Map.of("kind", cell.getKey().get(0),
                "month", cell.getKey().get(1), "area", cell.getKey().get(2), "count", cell.getValue())).toList());
        batch.put("refs", evidence.items().stream().map(EvidenceItem::ref).toList());
        return batch;
    }
}
