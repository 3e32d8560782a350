package jp.nimo.projection.web.issue;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.issues.IssueAction;
import jp.nimo.issues.IssueState;
import jp.nimo.projection.issueplane.board.BoardFilter;
import jp.nimo.projection.issueplane.board.BoardItem;
import jp.nimo.projection.issueplane.board.IssueBoard;
import jp.nimo.projection.issueplane.issue.IssueDetail;
import jp.nimo.projection.issueplane.issue.Relation;
import jp.nimo.reference.Council;
import jp.nimo.projection.issueplane.issue.ReadableIssues;
import jp.nimo.projection.issueplane.targets.IssueTargets;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer;
import jp.nimo.projection.shared.AggregateReaders;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.web.ReferenceLabels;
import jp.nimo.reference.Area;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * One issue: its facts, the de-identified evidence by kind and month, the timeline, linked issues and
 * targets against actuals, read through the same checks as the API. The secretariat of the issue's
 * council also gets a form for each action the issue's state allows, posted through the write proxy.
 * After a decision the page looks again, as the case page does, until the read side shows it.
 */
@Controller
@Hidden
public class IssuePage {

    /** The actions whose decision the lifecycle asks a reason for (IssueInput requires it). */
    private static final java.util.Set<String> REASON_REQUIRED = java.util.Set.of(IssueAction.DISMISS.path(),
            IssueAction.REOPEN.path(), IssueAction.MERGE.path(), IssueAction.ESCALATE.path(),
            IssueAction.CHANGE_SCOPE.path(), IssueAction.REPORT_UP.path(), IssueAction.DELEGATE.path());

    /** How many times a page opened right after a decision looks again for it, a second apart. */
    static final int MAX_WAITS = 10;

    private final ReadableIssues issues;
    private final AggregateReaders aggregateReaders;
    private final IssueTargets targets;
    private final IssueBoard board;
    private final ReferenceLabels labels;
    private final IssueView view;
    private final IssueChoices choices;
    private final java.time.Clock clock;
    private final jp.nimo.projection.councils.CouncilQueries councilQueries;
    private final jp.nimo.projection.councils.ReadableCouncils councils;

    public IssuePage(ReadableIssues issues, AggregateReaders aggregateReaders, IssueTargets targets, IssueBoard board,
                     ReferenceLabels labels, JsonMapper json, jp.nimo.projection.web.Formats fmt,
                     org.springframework.context.MessageSource messages, IssueChoices choices, java.time.Clock clock,
                     jp.nimo.projection.councils.CouncilQueries councilQueries,
                     jp.nimo.projection.councils.ReadableCouncils councils) {
        this.issues = issues;
        this.aggregateReaders = aggregateReaders;
        this.targets = targets;
        this.board = board;
        this.labels = labels;
        this.view = new IssueView(labels, json, fmt, messages);
        this.choices = choices;
        this.clock = clock;
        this.councilQueries = councilQueries;
        this.councils = councils;
    }

    @GetMapping("/issues/{issueId}")
    public String issue(@PathVariable("issueId") String issueId,
                        @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                        @RequestParam(name = "recorded", required = false) String recorded,
                        @RequestParam(name = "wait", defaultValue = "0") int wait,
                        @RequestParam(name = "linked", required = false) String linked,
                        @AuthenticationPrincipal NimoUser user, Model model, HttpServletResponse response) {
        IssueState expected = asOf == null || asOf.isBlank() ? stateOf(recorded) : null;
        // a report-up or a delegation keeps the state: the page waits for the link to the issue it opened
        String linkedIssue = expected == null || linked == null || linked.isBlank() ? null : linked.trim();
        UriComponentsBuilder next = UriComponentsBuilder.fromPath("/issues/{id}").queryParam("recorded", expected);
        if (linkedIssue != null) {
            next.queryParam("linked", linkedIssue);
        }
        String again = expected == null || wait >= MAX_WAITS ? null
                : next.queryParam("wait", wait + 1).buildAndExpand(issueId).encode().toUriString();
        IssueDetail issue;
        try {
            issue = issues.issue(issueId, asOf, user);
        } catch (NotFoundException notYet) {
            if (again == null) {
                throw notYet;
            }
            // an issue just raised is not yet on the read side; the wait is the same for any id
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("pending", again);
            return "issue/pending";
        }
        model.addAttribute("recorded", expected);
        boolean shown = expected == null || issue.state() == expected && (linkedIssue == null
                || issue.links().stream().anyMatch(l -> l.issueId().equals(linkedIssue)));
        model.addAttribute("pending", shown ? null : again);
        AsOf knownAt = AsOf.parse(asOf, clock);
        Disclosure disclosure = aggregateReaders.admit(user);
        IssueTargetsAnswer figures = targets.of(issue.issueId(), knownAt, disclosure).orElse(null);
        int threshold = disclosure.threshold();

        model.addAttribute("issue", issue);
        model.addAttribute("labels", labels);
        model.addAttribute("threshold", threshold);
        model.addAttribute("asOfGiven", knownAt.given());
        model.addAttribute("evidence", view.evidence(issue.evidence()));
        model.addAttribute("timeline", view.timeline(issues.timeline(issue.issueId(), asOf, user)));
        model.addAttribute("targets", view.targets(figures, threshold));
        model.addAttribute("plan", view.plan(issue.plan()));
        List<Council> reportUpTo = reportUpTo(issue);
        List<Council> delegateTo = delegateTo(issue);
        model.addAttribute("actions", knownAt.given() ? List.of() : actionsFor(user, issue).stream()
                .filter(a -> a != IssueAction.REPORT_UP || !reportUpTo.isEmpty())
                .filter(a -> a != IssueAction.DELEGATE || !delegateTo.isEmpty()).toList());
        model.addAttribute("reasonRequired", REASON_REQUIRED);
        model.addAttribute("decidingMeetings", knownAt.given() ? List.of() : decidingMeetings(user, issue));
        model.addAttribute("meetingChoices", List.of());
        if (!knownAt.given() && decides(user, issue)) {
            Area area = areaOf(issue);
            model.addAttribute("promoteTo", choices.councils(labels.councilsOf(user).stream()
                    .filter(c -> c.covers(area)).toList()));
            model.addAttribute("escalateTo", choices.councils(labels.councilsCovering(area).stream()
                    .filter(c -> !c.id().equals(issue.councilId()) && !user.councils().contains(c.id())).toList()));
            model.addAttribute("reportUpTo", choices.councils(reportUpTo));
            model.addAttribute("delegateTo", choices.councils(delegateTo));
            model.addAttribute("mergeInto", choices.issues(mergeCandidates(user, issue)));
            model.addAttribute("indicators", choices.indicators());
            model.addAttribute("categories", choices.categories());
            model.addAttribute("municipalities", choices.municipalities(labels.municipalitiesOf(user)));
            model.addAttribute("regions", choices.regions(labels.regionsOf(user)));
            model.addAttribute("formats", choices.worded("issues.format.", List.of("IN_PERSON", "ONLINE", "WRITTEN")));
            model.addAttribute("directions", choices.worded("issues.direction.", List.of("INCREASE", "DECREASE", "MAINTAIN")));
            model.addAttribute("sources", choices.worded("issues.source.", List.of("MANUAL", "OFFICIAL_STATISTIC", "PROJECTION")));
            model.addAttribute("fiscalYear", currentFiscalYear());
            model.addAttribute("meetingChoices", meetingChoices(user, issue, area));
        }
        return "issue/issue";
    }

    /** The meetings recorded in Nimo at which decisions on the issue were taken, of councils the person reads. */
    private List<jp.nimo.projection.councils.CouncilQueries.DecidingMeeting> decidingMeetings(NimoUser user,
                                                                                            IssueDetail issue) {
        return councilQueries.meetingsDeciding(issue.issueId()).stream().filter(m -> {
            try {
                councils.visibleMeeting(m.meetingId(), user);
                return true;
            } catch (NotFoundException notVisible) {
                return false;
            }
        }).toList();
    }

    /**
     * The meetings a decision may name instead of a meeting typed by hand: those of the issue's council (before
     * it has one, of the person's councils covering its area), neither cancelled nor still to decide.
     */
    private List<IssueChoices.Choice> meetingChoices(NimoUser user, IssueDetail issue, Area area) {
        List<String> councilIds = issue.councilId() != null ? List.of(issue.councilId())
                : labels.councilsOf(user).stream().filter(c -> c.covers(area))
                .filter(c -> user.councils().contains(c.id())).map(jp.nimo.reference.Council::id).toList();
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(jp.nimo.projection.web.Formats.JAPAN));
        return councilIds.stream().flatMap(id -> councilQueries.decidable(id, today).stream())
                .map(m -> choices.meeting(m.meetingId(), m.title(), m.heldOn(), m.state())).toList();
    }

    private static IssueState stateOf(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return null;
        }
        try {
            return IssueState.valueOf(recorded.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The actions the issue's state allows, by the lifecycle's own table, for the secretariat that decides
     * on it: its council's once on an agenda, before that any council covering its area. The write side
     * checks the same again.
     */
    private List<IssueAction> actionsFor(NimoUser user, IssueDetail issue) {
        if (!decides(user, issue)) {
            return List.of();
        }
        return Arrays.stream(IssueAction.values()).filter(a -> a.allowedFrom(issue.state())).toList();
    }

    private boolean decides(NimoUser user, IssueDetail issue) {
        if (!user.hasRole(Role.SECRETARIAT)) {
            return false;
        }
        if (issue.councilId() != null) {
            return user.councils().contains(issue.councilId());
        }
        Area area = areaOf(issue);
        return labels.councilsOf(user).stream().anyMatch(c -> c.covers(area));
    }

    /**
     * The councils the issue may be reported up to, as the write side decides: of a higher level than its
     * council, covering its area, not already reported to.
     */
    private List<Council> reportUpTo(IssueDetail issue) {
        Council holding = issue.councilId() == null ? null : labels.councilById(issue.councilId()).orElse(null);
        if (holding == null) {
            return List.of();
        }
        Area area = areaOf(issue);
        return labels.councilsCovering(area).stream()
                .filter(c -> c.level().ordinal() > holding.level().ordinal())
                .filter(c -> !linked(issue, Relation.REPORTED_TO, c)).toList();
    }

    /** The councils part of the issue may be delegated to: of a lower level, inside its council's area. */
    private List<Council> delegateTo(IssueDetail issue) {
        Council holding = issue.councilId() == null ? null : labels.councilById(issue.councilId()).orElse(null);
        if (holding == null) {
            return List.of();
        }
        return labels.councils().stream()
                .filter(c -> c.level().ordinal() < holding.level().ordinal() && holding.contains(c))
                .filter(c -> !linked(issue, Relation.DELEGATED_TO, c)).toList();
    }

    private static boolean linked(IssueDetail issue, Relation relation, Council council) {
        return issue.links().stream().anyMatch(l -> l.relation() == relation && council.id().equals(l.councilId()));
    }

    /** The open issues on the person's board that this one could be merged into. */
    private List<BoardItem> mergeCandidates(NimoUser user, IssueDetail issue) {
        BoardFilter open = new BoardFilter(java.util.EnumSet.copyOf(IssueState.OPEN), null, null, null, null);
        return board.itemsFor(user, open, AsOf.now(clock)).stream()
                .filter(item -> !item.issueId().equals(issue.issueId())).toList();
    }

    private static Area areaOf(IssueDetail issue) {
        return issue.municipality() != null ? Area.municipality(issue.municipality())
                : issue.region() != null ? Area.region(issue.region()) : Area.prefecture(issue.prefecture());
    }

    /** The fiscal year (April to March) today falls in, in Japan: the default for a target or an actual. */
    private int currentFiscalYear() {
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(jp.nimo.projection.web.Formats.JAPAN));
        return today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
    }
}
