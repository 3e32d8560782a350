package jp.nimo.projection.issueplane.issue;

import jp.nimo.projection.issueplane.board.IssueBoard;
import jp.nimo.projection.issueplane.board.IssueBoardRow;
import jp.nimo.projection.issueplane.board.IssueBoardTable;
import jp.nimo.projection.issueplane.board.ScopeView;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Indicators;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one issue as known at a time from the issue-plane tables, by issue and knowledge time: the
 * versions valid then and the rows recorded by then, never a replay of the issue's events.
 */
@Component
public class IssueDetailQueries {

    private final IssueBoardTable board;
    private final IssueBoard issueBoard;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Indicators indicators;

    public IssueDetailQueries(IssueBoardTable board, IssueBoard issueBoard, JdbcTemplate jdbc, JsonMapper json,
                              Indicators indicators) {
        this.board = board;
        this.issueBoard = issueBoard;
        this.jdbc = jdbc;
        this.json = json;
        this.indicators = indicators;
    }

    public Optional<IssueDetail> detail(String issueId, AsOf asOf, Disclosure disclosure) {
        return board.knownAt(issueId, asOf).map(head -> {
            ScopeView scope = head.scope();
            return new IssueDetail(head.issueId(), head.title(), head.description(), scope.category(),
                    scope.municipality(), scope.region(), scope.prefecture(), scope.population(), head.councilId(),
                    head.state(), head.origin(), head.raisedAt(), head.lastDecisionAt(), head.updatedAt(),
                    issueBoard.attention(head, asOf), evidence(head, asOf, disclosure), targets(issueId, asOf, disclosure),
                    plan(issueId, asOf), actuals(issueId, asOf, disclosure), links(issueId, asOf),
                    asOf.at());
        });
    }

    private IssueDetail.Evidence evidence(IssueBoardRow head, AsOf asOf, Disclosure disclosure) {
        record Count(String kind, String month, int count) {
        }
        List<Count> counts = jdbc.query("SELECT kind, month, SUM(signals) AS count FROM issue_evidence_version"
                        + " WHERE issue_id = ? AND " + valid(asOf) + " GROUP BY kind, month ORDER BY kind, month",
                (row, n) -> new Count(row.getString("kind"), row.getString("month"), row.getInt("count")),
                parameters(head.issueId(), asOf));
        Set<Integer> hidden = disclosure.hiddenCells(counts.stream().map(Count::count).toList(), head.signals());
        List<IssueDetail.Cell> cells = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            Count count = counts.get(i);
            boolean hide = hidden.contains(i);
            cells.add(new IssueDetail.Cell(count.kind(), count.month(), hide ? null : count.count(), hide));
        }
        return new IssueDetail.Evidence(disclosure.show(head.signals()), disclosure.show(head.distinctCases()),
                head.firstOn(), head.lastOn(),
                disclosure.hides(head.signals()) || disclosure.hides(head.distinctCases()) || !hidden.isEmpty(), cells);
    }

    private List<IssueDetail.TargetView> targets(String issueId, AsOf asOf, Disclosure disclosure) {
        return jdbc.query("SELECT indicator, fiscal_year, unit, direction, baseline, target FROM issue_target_version"
                        + " WHERE issue_id = ? AND " + valid(asOf) + " ORDER BY fiscal_year, indicator",
                (row, n) -> {
                    BigDecimal baseline = row.getBigDecimal("baseline");
                    boolean hide = disclosure.hidesValue(row.getString("unit"), baseline);
                    return new IssueDetail.TargetView(row.getString("indicator"), row.getInt("fiscal_year"),
                            row.getString("unit"), row.getString("direction"), hide ? null : baseline,
                            row.getBigDecimal("target"), hide);
                }, parameters(issueId, asOf));
    }

    private IssueDetail.Plan plan(String issueId, AsOf asOf) {
        return jdbc.query("SELECT planned_on, recorded_at, roles::text AS roles, milestones::text AS milestones"
                        + " FROM issue_plan WHERE issue_id = ? AND " + recorded(asOf)
                        + " ORDER BY recorded_at DESC, sequence DESC LIMIT 1",
                (row, n) -> new IssueDetail.Plan(row.getObject("planned_on", LocalDate.class),
                        KnowledgeTime.read(row, "recorded_at"), read(row.getString("roles")),
                        read(row.getString("milestones"))),
                recordedParameters(issueId, asOf)).stream().findFirst().orElse(null);
    }

    private List<IssueDetail.ActualView> actuals(String issueId, AsOf asOf, Disclosure disclosure) {
        return jdbc.query("SELECT indicator, fiscal_year, value, source, at, recorded_at FROM issue_actual"
                        + " WHERE issue_id = ? AND " + recorded(asOf) + " ORDER BY sequence",
                (row, n) -> {
                    String indicator = row.getString("indicator");
                    BigDecimal value = row.getBigDecimal("value");
                    boolean hide = disclosure.hidesValue(
                            indicators.indicator(indicator).map(Indicator::unit).orElse(null), value);
                    return new IssueDetail.ActualView(indicator, row.getInt("fiscal_year"), hide ? null : value, hide,
                            row.getString("source"), row.getObject("at", LocalDate.class),
                            KnowledgeTime.read(row, "recorded_at"));
                }, recordedParameters(issueId, asOf));
    }

    private List<IssueDetail.Link> links(String issueId, AsOf asOf) {
        // the part a delegation hands over is on the timeline entry of the same event
        List<IssueDetail.Link> links = jdbc.query("SELECT l.relation, l.other_issue_id, l.council_id, l.at, l.recorded_at,"
                        + " t.details ->> '" + IssueTimelineProjection.DELEGATED_SCOPE + "' AS scope FROM issue_link l"
                        + " LEFT JOIN issue_timeline_entry t ON t.issue_id = l.issue_id AND t.sequence = l.sequence"
                        + " WHERE l.issue_id = ? AND " + recorded(asOf).replace("recorded_at", "l.recorded_at")
                        + " ORDER BY l.sequence",
                (row, n) -> new IssueDetail.Link(Relation.valueOf(row.getString("relation")), row.getString("other_issue_id"), null,
                        row.getString("council_id"), row.getString("scope"), row.getObject("at", LocalDate.class),
                        KnowledgeTime.read(row, "recorded_at")),
                recordedParameters(issueId, asOf));
        Map<String, String> titles = board.titles(links.stream().map(IssueDetail.Link::issueId)
                .collect(Collectors.toSet()), asOf);
        return links.stream().map(link -> new IssueDetail.Link(link.relation(), link.issueId(),
                titles.get(link.issueId()), link.councilId(), link.scope(), link.at(), link.recordedAt())).toList();
    }

    /** Versions valid at the time asked for; the current ones without {@code asOf}. */
    private static String valid(AsOf asOf) {
        return asOf.given() ? "recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)" : "recorded_to IS NULL";
    }

    private static Object[] parameters(String issueId, AsOf asOf) {
        return asOf.given() ? new Object[]{issueId, KnowledgeTime.column(asOf.at()), KnowledgeTime.column(asOf.at())}
                : new Object[]{issueId};
    }

    /** Rows recorded by the time asked for; all of them without {@code asOf}. */
    static String recorded(AsOf asOf) {
        return asOf.given() ? "recorded_at <= ?" : "TRUE";
    }

    static Object[] recordedParameters(String issueId, AsOf asOf) {
        return asOf.given() ? new Object[]{issueId, KnowledgeTime.column(asOf.at())} : new Object[]{issueId};
    }

    private JsonNode read(String text) {
        return json.readTree(text);
    }
}
