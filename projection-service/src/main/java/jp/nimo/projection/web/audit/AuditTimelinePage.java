package jp.nimo.projection.web.audit;

import io.swagger.v3.oas.annotations.Hidden;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.issueplane.board.BoardItem;
import jp.nimo.projection.issueplane.board.IssueBoardController;
import jp.nimo.projection.issueplane.issue.IssueDetail;
import jp.nimo.projection.issueplane.issue.IssueDetailController;
import jp.nimo.projection.shared.SmallCounts;
import jp.nimo.projection.web.Formats;
import jp.nimo.projection.web.ReferenceLabels;
import jp.nimo.reference.Label;
import jp.nimo.reference.Organisations;
import jp.nimo.validation.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An issue's timeline as the council could have known it at a chosen time: the auditor finds the issue on
 * the board and picks a day (and, if need be, a time of day) in Japan. The board and the timeline are read
 * through the API's own controllers, so the page answers exactly what the API would.
 */
@Controller
@Hidden
public class AuditTimelinePage {

    private static final int SHOWN = 30;

    private final IssueBoardController board;
    private final IssueDetailController issues;
    private final ReferenceLabels names;
    private final Organisations organisations;
    private final CodeWords words;
    private final SmallCounts smallCounts;
    private final Clock clock;

    public AuditTimelinePage(IssueBoardController board, IssueDetailController issues, ReferenceLabels names,
                             Organisations organisations, CodeWords words, SmallCounts smallCounts, Clock clock) {
        this.smallCounts = smallCounts;
        this.board = board;
        this.issues = issues;
        this.names = names;
        this.organisations = organisations;
        this.words = words;
        this.clock = clock;
    }

    /** One issue found on the board, with its names. */
    public record Found(String issueId, String title, Label category, Label area, String state, Instant lastDecisionAt) {
    }

    /** One step of the timeline, ready to be shown. */
    public record Step(long sequence, String type, String state, Instant recordedAt, Instant decidedAt, String at,
                       String actor, String organisation, String role, String reason, String meetingTitle,
                       String meetingHeldOn, String meetingFormat, String otherIssueTitle, String relation,
                       Evidence evidence, String statement) {
    }

    /** What an evidence batch added: its signals and the distinct cases the issue's evidence then came from (null when hidden). */
    public record Evidence(Integer signals, Integer distinctCases) {
    }

    @GetMapping("/audit/timeline")
    public String page(@RequestParam(name = "q", required = false) String query,
                       @RequestParam(name = "issueId", required = false) String issueId,
                       @RequestParam(name = "date", required = false) String date,
                       @RequestParam(name = "time", required = false) String time,
                       @AuthenticationPrincipal NimoUser user, Model model) {
        AuditorsOnly.require(user);
        String asOf = asOf(date, time);
        model.addAttribute("threshold", smallCounts.to(user).threshold());
        model.addAttribute("q", query == null ? "" : query.strip());
        model.addAttribute("date", blank(date) ? "" : date);
        model.addAttribute("time", blank(time) ? "" : time);
        model.addAttribute("today", LocalDate.now(clock.withZone(Formats.JAPAN)).toString());
        String chosen = !blank(issueId) ? issueId.strip() : idIn(query);
        if (chosen != null) {
            timeline(chosen, asOf, user, model);
        } else {
            model.addAttribute("found", find(query, user));
        }
        return "audit/timeline";
    }

    /** The API's asOf: a date alone is the end of that day in Japan; with a time, that moment in Japan. */
    private String asOf(String date, String time) {
        if (blank(date)) {
            if (!blank(time)) {
                throw new InvalidInputException("date", "a time needs a date");
            }
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(date.strip());
            if (blank(time)) {
                return day.toString();
            }
            return day.atTime(LocalTime.parse(time.strip())).atZone(Formats.JAPAN).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date", "must be a date (2024-07-10) and a time (09:30)");
        }
    }

    private void timeline(String issueId, String asOf, NimoUser user, Model model) {
        // the issue as known now names it; one outside the reader's view is a 404, as in the API
        IssueDetail now = issues.issue(issueId, null, user);
        model.addAttribute("issue", now);
        model.addAttribute("issueArea", names.area(now.municipality(), now.region(), now.prefecture()));
        model.addAttribute("issueCategory", names.category(now.category()));
        JsonNode timeline;
        try {
            timeline = issues.timeline(issueId, asOf, user);
        } catch (NotFoundException notYetKnown) {
            model.addAttribute("notYetKnown", true);
            return;
        }
        model.addAttribute("asOf", Instant.parse(timeline.path("asOf").asString()));
        model.addAttribute("asOfGiven", asOf != null);
        IssueDetail then = asOf == null ? now : issues.issue(issueId, asOf, user);
        model.addAttribute("stateThen", then.state().name());
        List<Step> steps = new ArrayList<>();
        for (JsonNode entry : timeline.path("entries")) {
            JsonNode actor = entry.path("actor");
            JsonNode meeting = entry.path("meeting");
            JsonNode other = entry.path("otherIssue");
            // detection decides as the system: its name says it all, without an organisation
            boolean system = "SYSTEM".equals(text(actor, "role"));
            String organisation = system ? null : text(actor, "organisation");
            steps.add(new Step(entry.path("sequence").asLong(), entry.path("type").asString(),
                    entry.path("state").asString(), Instant.parse(entry.path("recordedAt").asString()),
                    Instant.parse(entry.path("decidedAt").asString()), text(entry, "at"),
                    system ? words.of("audit.role.", "SYSTEM") : text(actor, "user"),
                    organisation == null ? null : organisations.organisation(organisation)
                            .map(o -> o.label()).map(this::inPageLanguage).orElse(organisation),
                    words.of("audit.role.", text(actor, "role")), text(entry, "reason"), text(meeting, "title"),
                    text(meeting, "heldOn"), text(meeting, "format"), text(other, "title"), text(other, "relation"),
                    evidence(entry.path("evidence")), text(entry, "statement")));
        }
        model.addAttribute("steps", steps);
    }

    private static Evidence evidence(JsonNode batch) {
        if (batch.isMissingNode() || batch.isNull()) {
            return null;
        }
        JsonNode signals = batch.path("signals");
        JsonNode cases = batch.path("distinctCases");
        return new Evidence(signals.isNumber() ? signals.asInt() : null, cases.isNumber() ? cases.asInt() : null);
    }

    private List<Found> find(String query, NimoUser user) {
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<BoardItem> items = board.board(null, null, null, null, null, null, user).items();
        return items.stream()
                .filter(item -> needle.isEmpty() || item.title().toLowerCase(Locale.ROOT).contains(needle)
                        || item.issueId().startsWith(needle))
                .sorted(Comparator.comparing(BoardItem::lastDecisionAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(SHOWN)
                .map(item -> new Found(item.issueId(), item.title(), names.category(item.category()),
                        names.area(item.municipality(), item.region(), item.prefecture()), item.state().name(),
                        item.lastDecisionAt()))
                .toList();
    }

    /** A whole issue id typed into the search box opens that issue. */
    private static String idIn(String query) {
        if (query == null) {
            return null;
        }
        String text = query.strip();
        return text.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") ? text : null;
    }

    private String inPageLanguage(Label label) {
        return Formats.english() ? label.en() : label.ja();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
