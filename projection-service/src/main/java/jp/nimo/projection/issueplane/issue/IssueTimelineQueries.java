package jp.nimo.projection.issueplane.issue;

import jp.nimo.projection.issueplane.board.IssueBoardTable;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Indicators;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an issue's timeline as known at a time: the entries recorded by then, in the issue's order,
 * each with the other issue's title as known then. Counts are disclosed as the viewer may see them.
 */
@Component
public class IssueTimelineQueries {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final IssueBoardTable board;
    private final Indicators indicators;

    public IssueTimelineQueries(JdbcTemplate jdbc, JsonMapper json, IssueBoardTable board, Indicators indicators) {
        this.jdbc = jdbc;
        this.json = json;
        this.board = board;
        this.indicators = indicators;
    }

    /** {@code {"issueId","asOf","entries":[…]}}, or empty when the issue was not known at that time. */
    public Optional<ObjectNode> timeline(String issueId, AsOf asOf, Disclosure disclosure) {
        if (board.knownAt(issueId, asOf).isEmpty()) {
            return Optional.empty();
        }
        record Row(ObjectNode entry, String otherIssueId, String relation) {
        }
        List<Row> rows = jdbc.query("SELECT sequence, type, at, recorded_at, decided_at, actor_user, actor_org,"
                        + " actor_role, state, reason, meeting::text AS meeting, other_issue_id, relation,"
                        + " details::text AS details FROM issue_timeline_entry WHERE issue_id = ? AND "
                        + IssueDetailQueries.recorded(asOf) + " ORDER BY sequence",
                (row, n) -> {
                    ObjectNode entry = json.createObjectNode();
                    entry.put("sequence", row.getLong("sequence"));
                    entry.put("type", row.getString("type"));
                    entry.put("at", row.getString("at"));
                    entry.put("recordedAt", KnowledgeTime.read(row, "recorded_at").toString());
                    entry.put("decidedAt", KnowledgeTime.read(row, "decided_at").toString());
                    ObjectNode actor = entry.putObject("actor");
                    actor.put("user", row.getString("actor_user"));
                    putIfPresent(actor, "organisation", row.getString("actor_org"));
                    putIfPresent(actor, "role", row.getString("actor_role"));
                    entry.put("state", row.getString("state"));
                    putIfPresent(entry, "reason", row.getString("reason"));
                    if (row.getString("meeting") != null) {
                        entry.set("meeting", read(row.getString("meeting")));
                    }
                    read(row.getString("details")).properties().forEach(field ->
                            entry.set(field.getKey(), disclose(field.getKey(), field.getValue(), disclosure)));
                    return new Row(entry, row.getString("other_issue_id"), row.getString("relation"));
                }, IssueDetailQueries.recordedParameters(issueId, asOf));
        Map<String, String> titles = board.titles(rows.stream().map(Row::otherIssueId)
                .filter(id -> id != null).collect(Collectors.toSet()), asOf);
        ObjectNode timeline = json.createObjectNode();
        timeline.put("issueId", issueId);
        timeline.put("asOf", asOf.at().toString());
        ArrayNode entries = timeline.putArray("entries");
        Map<String, ArrayNode> opinions = writtenOpinions(rows.stream().map(Row::entry).toList(), asOf);
        for (Row row : rows) {
            String meetingId = writtenMeetingId(row.entry());
            if (meetingId != null && opinions.containsKey(meetingId)) {
                row.entry().set("opinions", opinions.get(meetingId).deepCopy());
            }
            if (row.otherIssueId() != null) {
                ObjectNode other = row.entry().putObject("otherIssue");
                other.put("issueId", row.otherIssueId());
                putIfPresent(other, "title", titles.get(row.otherIssueId()));
                other.put("relation", row.relation());
            }
            entries.add(row.entry());
        }
        return Optional.of(timeline);
    }

    /** The meeting recorded in Nimo that took the entry's decision in writing (書面開催), if it did. */
    private static String writtenMeetingId(ObjectNode entry) {
        JsonNode meeting = entry.path("meeting");
        if (!"WRITTEN".equals(meeting.path("format").asString(null)) || !meeting.path("meetingId").isString()) {
            return null;
        }
        return meeting.path("meetingId").asString();
    }

    /**
     * The written opinions sent to each 書面開催 that took one of the decisions, as known at the time asked
     * for: with the decision dated at the deadline for opinions, the timeline shows what the council had read.
     */
    private Map<String, ArrayNode> writtenOpinions(List<ObjectNode> entries, AsOf asOf) {
        Set<String> meetings = entries.stream().map(IssueTimelineQueries::writtenMeetingId).filter(id -> id != null)
                .collect(Collectors.toSet());
        Map<String, ArrayNode> opinions = new java.util.HashMap<>();
        if (meetings.isEmpty()) {
            return opinions;
        }
        List<Object> parameters = new ArrayList<>(meetings);
        if (asOf.given()) {
            parameters.add(KnowledgeTime.column(asOf.at()));
        }
        jdbc.query("SELECT meeting_id, organisation, received_on, opinion FROM meeting_opinion WHERE meeting_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(meetings.size(), "?")) + ") AND "
                        + IssueDetailQueries.recorded(asOf) + " ORDER BY received_on, sequence",
                row -> {
                    ObjectNode opinion = opinions.computeIfAbsent(row.getString("meeting_id"), m -> json.createArrayNode())
                            .addObject();
                    opinion.put("organisation", row.getString("organisation"));
                    opinion.put("receivedOn", row.getObject("received_on", java.time.LocalDate.class).toString());
                    opinion.put("opinion", row.getString("opinion"));
                }, parameters.toArray());
        return opinions;
    }

    /** Evidence batches, actuals and baselines carry counts; everything else is shown as recorded. */
    private JsonNode disclose(String field, JsonNode value, Disclosure disclosure) {
        return switch (field) {
            case "evidence" -> evidence((ObjectNode) value.deepCopy(), disclosure);
            case "actual" -> valueCountingPeople((ObjectNode) value.deepCopy(), "value",
                    unitOf(value.path("indicator").asString()), disclosure);
            case "targets" -> {
                ArrayNode targets = json.createArrayNode();
                value.forEach(target -> targets.add(valueCountingPeople((ObjectNode) target.deepCopy(), "baseline",
                        target.path("unit").asString(null), disclosure)));
                yield targets;
            }
            default -> value;
        };
    }

    private ObjectNode evidence(ObjectNode batch, Disclosure disclosure) {
        int signals = batch.path("signals").asInt();
        int distinctCases = batch.path("distinctCases").asInt();
        List<Integer> counts = new ArrayList<>();
        batch.path("cells").forEach(cell -> counts.add(cell.path("count").asInt()));
        Set<Integer> hidden = disclosure.hiddenCells(counts, signals);
        for (int i = 0; i < counts.size(); i++) {
            ObjectNode cell = (ObjectNode) batch.path("cells").get(i);
            cell.put("suppressed", hidden.contains(i));
            if (hidden.contains(i)) {
                cell.putNull("count");
            }
        }
        boolean suppressed = disclosure.hides(signals) || disclosure.hides(distinctCases) || !hidden.isEmpty();
        if (disclosure.hides(signals)) {
            batch.putNull("signals");
        }
        if (disclosure.hides(distinctCases)) {
            batch.putNull("distinctCases");
        }
        if (disclosure.suppresses()) {
            // the references of a batch would count its signals for anyone who sees them
            batch.remove("refs");
        }
        batch.put("suppressed", suppressed);
        return batch;
    }

    private static ObjectNode valueCountingPeople(ObjectNode holder, String field, String unit, Disclosure disclosure) {
        boolean hide = holder.hasNonNull(field) && disclosure.hidesValue(unit, holder.get(field).decimalValue());
        if (hide) {
            holder.putNull(field);
        }
        holder.put("suppressed", hide);
        return holder;
    }

    private String unitOf(String indicator) {
        return indicators.indicator(indicator).map(Indicator::unit).orElse(null);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private JsonNode read(String text) {
        return json.readTree(text);
    }
}
