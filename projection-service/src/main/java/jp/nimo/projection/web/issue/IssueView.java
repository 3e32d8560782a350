package jp.nimo.projection.web.issue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import jp.nimo.projection.issueplane.issue.IssueDetail;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer.RecordedActual;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer.TargetFigures;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer;
import jp.nimo.projection.web.DataBlock;
import jp.nimo.projection.web.Formats;
import jp.nimo.projection.web.ReferenceLabels;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The issue page's material in the shape the template shows it: the evidence as a month-by-kind table
 * and its chart, the timeline's entries, the targets beside their actuals. Charts are JSON data blocks
 * that the pages' script draws; every chart has its table on the page.
 */
final class IssueView {

    /** The order in which a figure is trusted, as the targets' verdict takes it. */
    private static final List<String> AUTHORITY = List.of("OFFICIAL_STATISTIC", "MANUAL", "PROJECTION");

    private final ReferenceLabels labels;
    private final JsonMapper json;
    private final Formats fmt;
    private final MessageSource messages;

    IssueView(ReferenceLabels labels, JsonMapper json, Formats fmt, MessageSource messages) {
        this.labels = labels;
        this.json = json;
        this.fmt = fmt;
        this.messages = messages;
    }

    public record Cell(Integer count, boolean suppressed) {
    }

    public record EvidenceRow(String month, List<Cell> cells) {
    }

    /** Months down, kinds across; a kind and month with no signal is a plain 0. */
    public record Evidence(List<String> kinds, List<EvidenceRow> rows, String chart) {
        public boolean empty() {
            return rows.isEmpty();
        }

        /** Whether any count is shown: a chart of hidden counts only would be an empty frame. */
        public boolean drawable() {
            return rows.stream().flatMap(r -> r.cells().stream()).anyMatch(c -> !c.suppressed() && c.count() != null);
        }
    }

    Evidence evidence(IssueDetail.Evidence evidence) {
        TreeSet<String> months = new TreeSet<>();
        Map<String, Map<String, IssueDetail.Cell>> byKind = new LinkedHashMap<>();
        for (IssueDetail.Cell cell : evidence.byKindAndMonth()) {
            months.add(cell.month());
            byKind.computeIfAbsent(cell.kind(), k -> new LinkedHashMap<>()).put(cell.month(), cell);
        }
        List<String> kinds = new ArrayList<>(byKind.keySet());
        List<EvidenceRow> rows = new ArrayList<>();
        for (String month : months) {
            List<Cell> cells = new ArrayList<>();
            for (String kind : kinds) {
                IssueDetail.Cell cell = byKind.get(kind).get(month);
                cells.add(cell == null ? new Cell(0, false) : new Cell(cell.count(), cell.suppressed()));
            }
            rows.add(new EvidenceRow(month, cells));
        }
        ObjectNode chart = json.createObjectNode();
        chart.put("type", "bar");
        chart.put("stacked", true);
        chart.put("integer", true);
        chart.put("yTitle", say("issues.evidence.yTitle"));
        ArrayNode monthLabels = chart.putArray("labels");
        months.forEach(m -> monthLabels.add(fmt.month(m)));
        ArrayNode datasets = chart.putArray("datasets");
        for (int k = 0; k < kinds.size(); k++) {
            ObjectNode set = datasets.addObject();
            set.put("label", fmt.label(labels.kind(kinds.get(k))));
            set.put("stack", "evidence");
            ArrayNode data = set.putArray("data");
            for (EvidenceRow row : rows) {
                Cell cell = row.cells().get(k);
                // a hidden count is no bar: the table beside the chart says 「5未満」
                if (cell.suppressed() || cell.count() == null) {
                    data.addNull();
                } else {
                    data.add(cell.count());
                }
            }
        }
        return new Evidence(kinds, rows, script(chart));
    }

    /** One step of the issue's history as the timeline shows it. */
    public record Step(long sequence, String type, String at, String recordedAt, String actorUser,
                       String actorOrganisation, String actorRole, String state, String reason, String meetingTitle,
                       String meetingHeldOn, String meetingFormat, String otherIssueId, String otherTitle,
                       String relation, String statement, String councilId, String toCouncilId, Integer signals,
                       boolean signalsSuppressed, String linkedCouncilId, String delegatedScope) {
        public boolean system() {
            return "SYSTEM".equals(actorRole);
        }
    }

    List<Step> timeline(ObjectNode timeline) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode e : timeline.path("entries")) {
            JsonNode meeting = e.path("meeting");
            JsonNode other = e.path("otherIssue");
            JsonNode evidence = e.path("evidence");
            String type = text(e, "type");
            // a report-up or a delegation names the other council (to, or for the opened issue from), not a handover
            boolean linking = "IssueReportedUp".equals(type) || "IssueDelegated".equals(type);
            String linkedCouncil = linking ? text(e, "toCouncilId")
                    : "IssueLinked".equals(type) ? text(e, "fromCouncilId") : null;
            steps.add(new Step(e.path("sequence").asLong(), text(e, "type"), text(e, "at"), text(e, "recordedAt"),
                    text(e.path("actor"), "user"), text(e.path("actor"), "organisation"), text(e.path("actor"), "role"),
                    text(e, "state"), text(e, "reason"), text(meeting, "title"), text(meeting, "heldOn"),
                    text(meeting, "format"), text(other, "issueId"), text(other, "title"), text(other, "relation"),
                    text(e, "statement"), text(e, "councilId"), linking ? null : text(e, "toCouncilId"),
                    evidence.isMissingNode() || !evidence.path("signals").isNumber() ? null
                            : evidence.path("signals").asInt(),
                    !evidence.isMissingNode() && evidence.path("signals").isNull(), linkedCouncil,
                    text(e, "delegatedScope")));
        }
        return steps;
    }

    public record RoleLine(String organisation, String responsibility) {
    }

    public record MilestoneLine(String due, String title) {
    }

    /** The latest plan's roles (役割分担) and milestones, and the day it was decided. */
    public record Plan(java.time.LocalDate plannedOn, List<RoleLine> roles, List<MilestoneLine> milestones) {
    }

    Plan plan(IssueDetail.Plan plan) {
        if (plan == null) {
            return null;
        }
        List<RoleLine> roles = new ArrayList<>();
        if (plan.roles() != null) {
            plan.roles().forEach(r -> roles.add(new RoleLine(text(r, "organisation"), text(r, "responsibility"))));
        }
        List<MilestoneLine> milestones = new ArrayList<>();
        if (plan.milestones() != null) {
            plan.milestones().forEach(m -> milestones.add(new MilestoneLine(text(m, "due"), text(m, "title"))));
        }
        return new Plan(plan.plannedOn(), roles, milestones);
    }

    /** A target beside the figure it is judged on. */
    public record TargetRow(String indicator, int fiscalYear, String unit, String direction, String baseline,
                            String target, String actual, String actualSource, Boolean met) {
    }

    public record Targets(List<TargetRow> rows, String chart) {
        public boolean empty() {
            return rows.isEmpty();
        }
    }

    Targets targets(IssueTargetsAnswer answer, int threshold) {
        List<TargetRow> rows = new ArrayList<>();
        ObjectNode chart = json.createObjectNode();
        chart.put("type", "bar");
        chart.put("yTitle", say("issues.targets.yTitle"));
        ArrayNode axis = chart.putArray("labels");
        ArrayNode datasets = chart.putArray("datasets");
        ObjectNode baselineSet = datasets.addObject().put("label", say("issues.targets.baseline"));
        ObjectNode targetSet = datasets.addObject().put("label", say("issues.targets.target"));
        ObjectNode actualSet = datasets.addObject().put("label", say("issues.targets.actual"));
        ArrayNode baselines = baselineSet.putArray("data");
        ArrayNode goals = targetSet.putArray("data");
        ArrayNode actuals = actualSet.putArray("data");
        for (TargetFigures t : answer == null ? List.<TargetFigures>of() : answer.targets()) {
            Figure actual = actualOf(t);
            rows.add(new TargetRow(t.indicator(), t.fiscalYear(), t.unit(), t.direction(),
                    figure(t.baseline(), t.baselineSuppressed(), threshold), figure(t.target(), false, threshold),
                    actual == null ? null : figure(actual.value(), actual.suppressed(), threshold),
                    actual == null ? null : actual.source(), t.met()));
            axis.add(fmt.label(labels.indicator(t.indicator())) + " " + fmt.fiscalYear(t.fiscalYear()));
            number(baselines, t.baselineSuppressed() ? null : t.baseline());
            number(goals, t.target());
            number(actuals, actual == null || actual.suppressed() ? null : actual.value());
        }
        return new Targets(rows, script(chart));
    }

    private record Figure(BigDecimal value, boolean suppressed, String source) {
    }

    /** The most authoritative recorded actual, else what the indicator projection computes. */
    private static Figure actualOf(TargetFigures t) {
        for (String source : AUTHORITY) {
            RecordedActual latest = null;
            for (RecordedActual a : t.actuals()) {
                if (a.source().equals(source)) {
                    latest = a;
                }
            }
            if (latest != null) {
                return new Figure(latest.value(), latest.suppressed(), latest.source());
            }
        }
        if (t.projectedActual() != null) {
            return new Figure(t.projectedActual().value(), t.projectedActual().suppressed(), "PROJECTION");
        }
        return null;
    }

    private String figure(BigDecimal value, boolean suppressed, int threshold) {
        if (suppressed) {
            return fmt.count(null, true, threshold);
        }
        if (value == null) {
            return "";
        }
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? fmt.count(plain.toBigInteger(), false, threshold) : plain.toPlainString();
    }

    private static void number(ArrayNode data, BigDecimal value) {
        if (value == null) {
            data.addNull();
        } else {
            data.add(value);
        }
    }

    private String say(String key) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, null, key, locale);
    }

    private String script(ObjectNode node) {
        return DataBlock.json(json, node);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
