package jp.nimo.projection.web.issue;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.List;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.issues.IssueAction;
import jp.nimo.issues.IssueState;
import jp.nimo.projection.indicators.AggregateReaders;
import jp.nimo.projection.issueplane.board.BoardFilter;
import jp.nimo.projection.issueplane.board.BoardItem;
import jp.nimo.projection.issueplane.board.IssueBoard;
import jp.nimo.projection.issueplane.issue.IssueDetail;
import jp.nimo.projection.issueplane.issue.ReadableIssues;
import jp.nimo.projection.issueplane.targets.IssueTargets;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.web.ReferenceLabels;
import jp.nimo.reference.Area;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * One issue: its facts, the de-identified evidence by kind and month, the timeline, linked issues and
 * targets against actuals, read through the same checks as the API. The secretariat of the issue's
 * council also gets a form for each action the issue's state allows, posted through the write proxy.
 */
@Controller
@Hidden
public class IssuePage {

    /** The actions whose decision the lifecycle asks a reason for (IssueInput requires it). */
    private static final java.util.Set<String> REASON_REQUIRED = java.util.Set.of(IssueAction.DISMISS.path(),
            IssueAction.REOPEN.path(), IssueAction.MERGE.path(), IssueAction.ESCALATE.path(),
            IssueAction.CHANGE_SCOPE.path());

    private final ReadableIssues issues;
    private final AggregateReaders aggregateReaders;
    private final IssueTargets targets;
    private final IssueBoard board;
    private final ReferenceLabels labels;
    private final IssueView view;
    private final java.time.Clock clock;

    public IssuePage(ReadableIssues issues, AggregateReaders aggregateReaders, IssueTargets targets, IssueBoard board,
                     ReferenceLabels labels, JsonMapper json, jp.nimo.projection.web.Formats fmt,
                     org.springframework.context.MessageSource messages, java.time.Clock clock) {
        this.issues = issues;
        this.aggregateReaders = aggregateReaders;
        this.targets = targets;
        this.board = board;
        this.labels = labels;
        this.view = new IssueView(labels, json, fmt, messages);
        this.clock = clock;
    }

    @GetMapping("/issues/{issueId}")
    public String issue(@PathVariable("issueId") String issueId,
                        @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                        @RequestParam(name = "recorded", required = false) String recorded,
                        @AuthenticationPrincipal NimoUser user, Model model) {
        IssueState expected = asOf == null || asOf.isBlank() ? stateOf(recorded) : null;
        IssueDetail issue = expected == null ? issues.issue(issueId, asOf, user) : afterDecision(issueId, expected, user);
        model.addAttribute("recorded", expected);
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
        model.addAttribute("actions", knownAt.given() ? List.of() : actionsFor(user, issue));
        model.addAttribute("reasonRequired", REASON_REQUIRED);
        if (!knownAt.given() && decides(user, issue)) {
            Area area = areaOf(issue);
            model.addAttribute("promoteTo", labels.councilsOf(user).stream().filter(c -> c.covers(area)).toList());
            model.addAttribute("escalateTo", labels.councilsCovering(area).stream()
                    .filter(c -> !c.id().equals(issue.councilId()) && !user.councils().contains(c.id())).toList());
            model.addAttribute("mergeInto", mergeCandidates(user, issue));
            model.addAttribute("indicators", labels.indicators());
            model.addAttribute("municipalities", labels.municipalitiesOf(user));
            model.addAttribute("regions", labels.regionsOf(user));
            model.addAttribute("formats", List.of("IN_PERSON", "ONLINE", "WRITTEN"));
            model.addAttribute("directions", List.of("INCREASE", "DECREASE", "MAINTAIN"));
            model.addAttribute("sources", List.of("MANUAL", "OFFICIAL_STATISTIC", "PROJECTION"));
            model.addAttribute("fiscalYear", currentFiscalYear());
        }
        return "issue/issue";
    }

    /** How long a page opened right after a decision waits for the read side to show it. */
    private static final java.time.Duration CATCH_UP = java.time.Duration.ofSeconds(5);

    /**
     * The issue right after the person's own decision (or raising): the read side follows the write side
     * within moments, so the page waits that long for the state the write side answered rather than show
     * the state before, or no issue at all.
     */
    private IssueDetail afterDecision(String issueId, IssueState expected, NimoUser user) {
        java.time.Instant giveUp = java.time.Instant.now().plus(CATCH_UP);
        while (true) {
            try {
                IssueDetail issue = issues.issue(issueId, null, user);
                if (issue.state() == expected || java.time.Instant.now().isAfter(giveUp)) {
                    return issue;
                }
            } catch (jp.nimo.infra.web.NotFoundException notYet) {
                if (java.time.Instant.now().isAfter(giveUp)) {
                    throw notYet;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return issues.issue(issueId, null, user);
            }
        }
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
