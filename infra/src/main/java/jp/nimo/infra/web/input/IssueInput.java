package jp.nimo.infra.web.input;

import tools.jackson.databind.JsonNode;
import jp.nimo.issues.Actor;
import jp.nimo.issues.Actual;
import jp.nimo.issues.Decision;
import jp.nimo.issues.IssueAction;
import jp.nimo.issues.IssueCommand;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.IssueOrigin;
import jp.nimo.issues.Meeting;
import jp.nimo.issues.Milestone;
import jp.nimo.issues.Population;
import jp.nimo.issues.RoleAssignment;
import jp.nimo.issues.Scope;
import jp.nimo.issues.Target;
import jp.nimo.issues.IssueCommand.ChangeScope;
import jp.nimo.issues.IssueCommand.DelegateIssue;
import jp.nimo.issues.IssueCommand.DismissIssue;
import jp.nimo.issues.IssueCommand.ReportIssueUp;
import jp.nimo.issues.IssueLinkType;
import jp.nimo.issues.IssueCommand.EscalateIssue;
import jp.nimo.issues.IssueCommand.MergeIssue;
import jp.nimo.issues.IssueCommand.MonitorIssue;
import jp.nimo.issues.IssueCommand.PlanIssue;
import jp.nimo.issues.IssueCommand.PromoteIssue;
import jp.nimo.issues.IssueCommand.RaiseIssue;
import jp.nimo.issues.IssueCommand.RecordActual;
import jp.nimo.issues.IssueCommand.ReopenIssue;
import jp.nimo.issues.IssueCommand.ResolveIssue;
import jp.nimo.issues.IssueCommand.StartEvaluation;
import jp.nimo.issues.IssueCommand.StartImplementation;
import jp.nimo.issues.IssueCommand.StartVerification;
import jp.nimo.issues.IssueCommand.VerifyIssue;
import jp.nimo.reference.Area;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Councils;
import jp.nimo.reference.FiscalYear;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.RegionCode;

import jp.nimo.councils.MeetingId;
import jp.nimo.councils.MeetingState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the issue requests of the REST contract into commands: {@code POST /api/issues} and each
 * {@code POST /api/issues/{issueId}/{action}}. Every body may carry {@code meeting} and {@code reason};
 * the reason is required where the lifecycle asks for one.
 */
public final class IssueInput {

    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 4000;
    private static final Set<String> DECISION_FIELDS = Set.of("meeting", "meetingId", "reason");

    private final Areas areas;
    private final Categories categories;
    private final Councils councils;
    private final Indicators indicators;
    private final Meetings meetings;

    /** Finds a meeting recorded in Nimo, for a decision that names it by {@code meetingId}. */
    @FunctionalInterface
    public interface Meetings {
        Optional<jp.nimo.councils.Meeting.Summary> find(MeetingId meetingId);
    }

    public IssueInput(Areas areas, Categories categories, Councils councils, Indicators indicators, Meetings meetings) {
        this.areas = areas;
        this.categories = categories;
        this.councils = councils;
        this.indicators = indicators;
        this.meetings = meetings;
    }

    /** {@code {"title","category","municipality" or "region","origin","description","population"?}} */
    public RaiseIssue raise(IssueId issueId, JsonNode body, Actor actor, Instant now, LocalDate today) {
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(with("title", "category", "municipality", "region", "origin", "description", "population"));
        String title = in.text("title", true, MAX_TITLE);
        String category = category(in, true);
        Area area = area(in, true);
        IssueOrigin origin = in.enumValue("origin", IssueOrigin.class, true);
        String description = in.text("description", false, MAX_TEXT);
        Population population = in.enumValue("population", Population.class, false);
        Decision decision = decision(in, actor, now, today, false);
        in.check();
        return new RaiseIssue(issueId, title, description,
                new Scope(category, area, population == null ? Population.MENTAL_DISABILITY : population), origin, decision);
    }

    /**
     * The command for an action. {@code linkedIssueId} is the id the escalated issue will have at the
     * receiving council; a report-up or a delegation derives its linked issue's id from the issue and the
     * council, so that a retry cannot open a second one.
     */
    public IssueCommand action(IssueAction action, IssueId issueId, JsonNode body, Actor actor, Instant now,
                               LocalDate today, IssueId linkedIssueId) {
        JsonFields in = JsonFields.of(body);
        IssueCommand command = switch (action) {
            case PROMOTE -> {
                in.onlyKnown(with("councilId"));
                String council = councilId(in, "councilId");
                yield new PromoteIssue(issueId, council, decision(in, actor, now, today, false));
            }
            case START_VERIFICATION -> simple(in, new StartVerification(issueId, decision(in, actor, now, today, false)));
            case VERIFY -> {
                in.onlyKnown(with("statement"));
                String statement = in.text("statement", true, MAX_TEXT);
                yield new VerifyIssue(issueId, statement, decision(in, actor, now, today, false));
            }
            case ESCALATE -> {
                in.onlyKnown(with("toCouncilId"));
                String council = councilId(in, "toCouncilId");
                yield new EscalateIssue(issueId, council, linkedIssueId, decision(in, actor, now, today, true));
            }
            case REPORT_UP -> {
                in.onlyKnown(with("toCouncilId"));
                String council = councilId(in, "toCouncilId");
                yield new ReportIssueUp(issueId, council,
                        council == null ? null : issueId.linked(IssueLinkType.REPORTED_TO, council),
                        decision(in, actor, now, today, true));
            }
            case DELEGATE -> {
                in.onlyKnown(with("toCouncilId", "scope"));
                String council = councilId(in, "toCouncilId");
                String part = in.text("scope", false, MAX_TEXT);
                yield new DelegateIssue(issueId, council, part,
                        council == null ? null : issueId.linked(IssueLinkType.DELEGATED_TO, council),
                        decision(in, actor, now, today, true));
            }
            case PLAN -> {
                in.onlyKnown(with("targets", "roles", "milestones"));
                List<Target> targets = in.list("targets", true, this::target);
                if (in.isEmptyList("targets")) {
                    in.error("targets", "a plan needs at least one target");
                }
                List<RoleAssignment> roles = in.list("roles", false, r -> new RoleAssignment(
                        r.text("organisation", true, MAX_TITLE), r.text("responsibility", true, MAX_TEXT)));
                List<Milestone> milestones = in.list("milestones", false, m -> new Milestone(
                        m.date("due", true), m.text("title", true, MAX_TITLE)));
                yield new PlanIssue(issueId, targets, roles, milestones, decision(in, actor, now, today, false));
            }
            case START_IMPLEMENTATION -> simple(in, new StartImplementation(issueId, decision(in, actor, now, today, false)));
            case RECORD_ACTUAL -> {
                in.onlyKnown(with("indicator", "fiscalYear", "value", "source"));
                String indicator = indicator(in);
                FiscalYear year = fiscalYear(in);
                java.math.BigDecimal value = in.number("value", true);
                Actual.Source source = in.enumValue("source", Actual.Source.class, true);
                yield new RecordActual(issueId, new Actual(indicator, year, value, source),
                        decision(in, actor, now, today, false));
            }
            case START_EVALUATION -> simple(in, new StartEvaluation(issueId, decision(in, actor, now, today, false)));
            case RESOLVE -> simple(in, new ResolveIssue(issueId, decision(in, actor, now, today, false)));
            case MONITOR -> simple(in, new MonitorIssue(issueId, decision(in, actor, now, today, false)));
            case DISMISS -> simple(in, new DismissIssue(issueId, decision(in, actor, now, today, true)));
            case REOPEN -> simple(in, new ReopenIssue(issueId, decision(in, actor, now, today, true)));
            case MERGE -> {
                in.onlyKnown(with("intoIssueId"));
                String into = in.code("intoIssueId", true, IssueInput::isUuid, "an issue id");
                yield new MergeIssue(issueId, into == null ? null : IssueId.of(into), decision(in, actor, now, today, true));
            }
            case CHANGE_SCOPE -> {
                in.onlyKnown(with("category", "municipality", "region", "population"));
                String category = category(in, false);
                Area area = area(in, false);
                Population population = in.enumValue("population", Population.class, false);
                if (!in.has("category") && !in.has("municipality") && !in.has("region") && !in.has("population")) {
                    in.error("category", "give the new category, area (municipality or region) or population");
                }
                yield new ChangeScope(issueId, category, area, population, decision(in, actor, now, today, true));
            }
        };
        in.check();
        return command;
    }

    private static IssueCommand simple(JsonFields in, IssueCommand command) {
        in.onlyKnown(DECISION_FIELDS);
        return command;
    }

    private Target target(JsonFields t) {
        String indicator = indicator(t);
        FiscalYear year = fiscalYear(t);
        String unit = t.text("unit", false, 40);
        Target.Direction direction = t.enumValue("direction", Target.Direction.class, true);
        java.math.BigDecimal baseline = t.number("baseline", true);
        java.math.BigDecimal target = t.number("target", true);
        if (indicator == null || year == null || direction == null || baseline == null || target == null) {
            return null;
        }
        return new Target(indicator, year, unit != null ? unit : indicators.indicator(indicator).orElseThrow().unit(),
                direction, baseline, target);
    }

    private String indicator(JsonFields in) {
        return in.code("indicator", true, code -> indicators.indicator(code).isPresent(),
                "a known indicator (see GET /api/reference/indicators)");
    }

    private static FiscalYear fiscalYear(JsonFields in) {
        Integer year = in.integer("fiscalYear", true);
        if (year == null) {
            return null;
        }
        try {
            return FiscalYear.of(year);
        } catch (IllegalArgumentException e) {
            in.error("fiscalYear", e.getMessage());
            return null;
        }
    }

    private String councilId(JsonFields in, String field) {
        return in.code(field, true, id -> councils.council(id).isPresent(),
                "a known council (see GET /api/reference/councils)");
    }

    private String category(JsonFields in, boolean required) {
        return in.code("category", required, code -> categories.category(code).isPresent(),
                "a known category (see GET /api/reference/categories)");
    }

    private Area area(JsonFields in, boolean required) {
        boolean municipality = in.has("municipality");
        boolean region = in.has("region");
        if (municipality && region) {
            in.error("region", "give either a municipality or a region, not both");
            return null;
        }
        if (municipality) {
            String code = in.code("municipality", true, c -> isMunicipality(c), "a known municipality");
            return code == null ? null : Area.municipality(code);
        }
        if (region) {
            String code = in.code("region", true, c -> isRegion(c), "a known region");
            return code == null ? null : Area.region(code);
        }
        if (required) {
            in.error("municipality", "give the municipality or the region the issue is about");
        }
        return null;
    }

    private boolean isMunicipality(String code) {
        try {
            return areas.isKnown(MunicipalityCode.of(code));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean isRegion(String code) {
        try {
            return areas.region(RegionCode.of(code)).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isUuid(String value) {
        try {
            IssueId.of(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The meeting that decided, if named (by {@code meetingId}, dated at the meeting; or inline, for history
     * entered after the fact), and the reason, required where {@code reasonRequired}.
     */
    private Decision decision(JsonFields in, Actor actor, Instant now, LocalDate today, boolean reasonRequired) {
        if (in.has("meetingId")) {
            if (in.has("meeting")) {
                in.error("meeting", "name the meeting by meetingId or inline, not both");
            }
            Meeting meeting = recordedMeeting(in, today);
            return new Decision(actor, now, meeting, in.text("reason", reasonRequired, MAX_TEXT));
        }
        Meeting meeting = null;
        JsonFields m = in.object("meeting", false);
        if (m != null) {
            m.onlyKnown(Set.of("title", "heldOn", "format"));
            String title = m.text("title", true, MAX_TITLE);
            LocalDate heldOn = m.date("heldOn", true);
            Meeting.Format format = m.enumValue("format", Meeting.Format.class, true);
            if (heldOn != null && heldOn.isAfter(today)) {
                m.error("heldOn", "a decision is recorded after its meeting: must not be in the future");
                heldOn = null;
            }
            if (title != null && heldOn != null && format != null) {
                meeting = new Meeting(title, heldOn, format);
            }
        }
        String reason = in.text("reason", reasonRequired, MAX_TEXT);
        return new Decision(actor, now, meeting, reason);
    }

    private Meeting recordedMeeting(JsonFields in, LocalDate today) {
        String id = in.text("meetingId", true, 36);
        if (id == null) {
            return null;
        }
        MeetingId meetingId;
        try {
            meetingId = MeetingId.of(id);
        } catch (IllegalArgumentException e) {
            in.error("meetingId", "must be a meeting id (a UUID)");
            return null;
        }
        Optional<jp.nimo.councils.Meeting.Summary> found = meetings.find(meetingId);
        if (found.isEmpty()) {
            in.error("meetingId", "is not a known meeting");
            return null;
        }
        jp.nimo.councils.Meeting.Summary summary = found.get();
        if (summary.state() == MeetingState.CANCELLED) {
            in.error("meetingId", "the meeting was cancelled");
            return null;
        }
        if (summary.decidedOn().isAfter(today)) {
            in.error("meetingId", "the meeting decides on " + summary.decidedOn()
                    + ": a decision is recorded after its meeting");
            return null;
        }
        return new Meeting(summary.title(), summary.decidedOn(), summary.format(), meetingId, summary.councilId());
    }

    private static Set<String> with(String... fields) {
        Set<String> known = new HashSet<>(DECISION_FIELDS);
        known.addAll(List.of(fields));
        return known;
    }
}
