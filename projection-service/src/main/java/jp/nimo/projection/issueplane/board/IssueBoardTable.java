package jp.nimo.projection.issueplane.board;

import jp.nimo.issues.IssueOrigin;
import jp.nimo.issues.IssueState;
import jp.nimo.issues.Population;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.reference.AreaLevel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The versions of issues on the board ({@code issue_board_version}), read and written by index: the
 * current board from the open-ended versions, the board as known at T from the versions whose
 * knowledge range contains T.
 */
@Component
public class IssueBoardTable {

    private static final String COLUMNS = "issue_id, last_sequence, recorded_from, title, description, category,"
            + " area_level, municipality, region, prefecture, population, council_id, state, origin, raised_at, signals,"
            + " distinct_cases, first_on, last_on, evidence_since, last_decision_at, updated_at";

    private static final RowMapper<IssueBoardRow> ROW = (row, n) -> new IssueBoardRow(
            row.getString("issue_id"), row.getLong("last_sequence"), KnowledgeTime.read(row, "recorded_from"),
            row.getString("title"), row.getString("description"),
            new ScopeView(row.getString("category"), AreaLevel.valueOf(row.getString("area_level")),
                    row.getString("municipality"), row.getString("region"), row.getString("prefecture"),
                    Population.valueOf(row.getString("population"))),
            row.getString("council_id"), IssueState.valueOf(row.getString("state")),
            IssueOrigin.valueOf(row.getString("origin")), KnowledgeTime.read(row, "raised_at"), row.getInt("signals"),
            row.getInt("distinct_cases"), row.getObject("first_on", LocalDate.class),
            row.getObject("last_on", LocalDate.class), KnowledgeTime.read(row, "evidence_since"),
            KnowledgeTime.read(row, "last_decision_at"), KnowledgeTime.read(row, "updated_at"));

    private final JdbcTemplate jdbc;

    public IssueBoardTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<IssueBoardRow> current(String issueId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM issue_board_version WHERE issue_id = ? AND recorded_to IS NULL",
                ROW, issueId).stream().findFirst();
    }

    /** Closes the issue's current version, if any, where the next one starts, and stores the next. */
    void append(IssueBoardRow next) {
        jdbc.update("UPDATE issue_board_version SET recorded_to = ? WHERE issue_id = ? AND recorded_to IS NULL",
                KnowledgeTime.column(next.recordedFrom()), next.issueId());
        ScopeView scope = next.scope();
        jdbc.update("INSERT INTO issue_board_version (" + COLUMNS + ", open)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                next.issueId(), next.lastSequence(), KnowledgeTime.column(next.recordedFrom()), next.title(),
                next.description(), scope.category(), scope.level().name(), scope.municipality(), scope.region(),
                scope.prefecture(), scope.population().name(), next.councilId(), next.state().name(),
                next.origin().name(), KnowledgeTime.column(next.raisedAt()), next.signals(), next.distinctCases(),
                next.firstOn(), next.lastOn(), KnowledgeTime.column(next.evidenceSince()),
                KnowledgeTime.column(next.lastDecisionAt()), KnowledgeTime.column(next.updatedAt()),
                next.state().isOpen());
    }

    void clear() {
        jdbc.update("DELETE FROM issue_board_version");
    }

    /** The issue as known at the time asked for; empty if it was not known yet (or does not exist). */
    public Optional<IssueBoardRow> knownAt(String issueId, AsOf asOf) {
        if (!asOf.given()) {
            return current(issueId);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM issue_board_version WHERE issue_id = ? AND recorded_from <= ?"
                        + " AND (recorded_to IS NULL OR recorded_to > ?) ORDER BY recorded_from DESC LIMIT 1",
                ROW, issueId, KnowledgeTime.column(asOf.at()), KnowledgeTime.column(asOf.at())).stream().findFirst();
    }

    /** The issues matching the filter as known at the time asked for, in no particular order. */
    public List<IssueBoardRow> matching(BoardFilter filter, AsOf asOf) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM issue_board_version WHERE ");
        List<Object> parameters = new ArrayList<>();
        if (asOf.given()) {
            // the same expression as the GiST index issue_board_known_idx
            sql.append("tstzrange(recorded_from, recorded_to) @> ?::timestamptz");
            parameters.add(KnowledgeTime.column(asOf.at()));
        } else {
            sql.append("recorded_to IS NULL");
        }
        if (!filter.states().isEmpty()) {
            sql.append(" AND state IN (").append(placeholders(filter.states().size())).append(')');
            filter.states().forEach(s -> parameters.add(s.name()));
        }
        if (filter.category() != null) {
            sql.append(" AND category = ?");
            parameters.add(filter.category());
        }
        if (filter.municipality() != null) {
            sql.append(" AND municipality = ?");
            parameters.add(filter.municipality());
        }
        if (filter.region() != null) {
            sql.append(" AND region = ?");
            parameters.add(filter.region());
        }
        if (filter.council() != null) {
            sql.append(" AND (council_id = ? OR (council_id IS NULL AND (");
            parameters.add(filter.council().id());
            List<String> covered = new ArrayList<>();
            if (!filter.council().municipalities().isEmpty()) {
                covered.add("(area_level = 'MUNICIPALITY' AND municipality IN ("
                        + placeholders(filter.council().municipalities().size()) + "))");
                parameters.addAll(filter.council().municipalities());
            }
            if (!filter.council().regions().isEmpty()) {
                covered.add("(area_level = 'REGION' AND region IN ("
                        + placeholders(filter.council().regions().size()) + "))");
                parameters.addAll(filter.council().regions());
            }
            if (filter.councilPrefecture() != null) {
                covered.add("(area_level = 'PREFECTURE' AND prefecture = ?)");
                parameters.add(filter.councilPrefecture());
            }
            sql.append(covered.isEmpty() ? "FALSE" : String.join(" OR ", covered)).append(")))");
        }
        return jdbc.query(sql.toString(), ROW, parameters.toArray());
    }

    /** The titles of issues as known at the time asked for; an issue not known then is left out. */
    public Map<String, String> titles(Collection<String> issueIds, AsOf asOf) {
        if (issueIds.isEmpty()) {
            return Collections.emptyMap();
        }
        List<Object> parameters = new ArrayList<>(issueIds);
        String known = "recorded_to IS NULL";
        if (asOf.given()) {
            known = "recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)";
            parameters.add(KnowledgeTime.column(asOf.at()));
            parameters.add(KnowledgeTime.column(asOf.at()));
        }
        Map<String, String> titles = new HashMap<>();
        jdbc.query("SELECT issue_id, title FROM issue_board_version WHERE issue_id IN ("
                        + placeholders(issueIds.size()) + ") AND " + known,
                row -> {
                    titles.put(row.getString("issue_id"), row.getString("title"));
                }, parameters.toArray());
        return titles;
    }

    /**
     * The links of the issues as known at the time asked for, by issue, in each issue's order; the part a
     * delegation handed over is on the timeline entry of the same event.
     */
    public Map<String, List<BoardLink>> links(Collection<String> issueIds, AsOf asOf) {
        if (issueIds.isEmpty()) {
            return Collections.emptyMap();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(issueIds.toArray(new String[0]));
        String known = "TRUE";
        if (asOf.given()) {
            known = "l.recorded_at <= ?";
            parameters.add(KnowledgeTime.column(asOf.at()));
        }
        Map<String, List<BoardLink>> links = new HashMap<>();
        jdbc.query("SELECT l.issue_id, l.relation, l.other_issue_id, l.council_id, t.details ->> '"
                        + jp.nimo.projection.issueplane.issue.IssueTimelineProjection.DELEGATED_SCOPE + "' AS scope"
                        + " FROM issue_link l LEFT JOIN issue_timeline_entry t"
                        + " ON t.issue_id = l.issue_id AND t.sequence = l.sequence"
                        + " WHERE l.issue_id = ANY(?) AND " + known + " ORDER BY l.issue_id, l.sequence",
                row -> {
                    links.computeIfAbsent(row.getString("issue_id"), id -> new ArrayList<>()).add(new BoardLink(
                            jp.nimo.projection.issueplane.issue.Relation.valueOf(row.getString("relation")),
                            row.getString("other_issue_id"), row.getString("council_id"), row.getString("scope")));
                }, parameters.toArray());
        return links;
    }

    private static String placeholders(int count) {
        return Collections.nCopies(count, "?").stream().collect(Collectors.joining(", "));
    }
}
