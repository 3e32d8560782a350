package jp.nimo.projection.web.councils;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.nimo.councils.Membership;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.issues.IssueState;
import jp.nimo.projection.councils.CouncilViews.Attendance;
import jp.nimo.projection.councils.CouncilViews.CouncilView;
import jp.nimo.projection.councils.CouncilViews.MeetingView;
import jp.nimo.projection.councils.CouncilViews.Member;
import jp.nimo.projection.councils.ReadSideCaughtUp;
import jp.nimo.projection.councils.ReadableCouncils;
import jp.nimo.projection.issueplane.board.BoardFilter;
import jp.nimo.projection.issueplane.board.IssueBoard;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.web.Formats;
import jp.nimo.projection.web.ReferenceLabels;
import jp.nimo.projection.web.issue.IssueChoices;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Label;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The councils (協議の場) a person reads, one council with its members and its calendar of meetings, and one
 * meeting with its agenda, attendance, opinions, minutes, decisions and packs, read through the same checks
 * as GET /api/councils and /api/meetings/{id}. The council's own secretariat also gets the forms that run it,
 * posted through the write proxy; members and observers read the same pages without them. A page opened
 * right after a change ({@code recorded}) first waits, a bounded time, for the read side to reach it.
 */
@Controller
@Hidden
public class CouncilPages {

    private static final DateTimeFormatter LOCAL_MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");
    private static final List<String> FORMATS = List.of("IN_PERSON", "ONLINE", "WRITTEN");

    private final ReadableCouncils councils;
    private final ReadSideCaughtUp caughtUp;
    private final IssueBoard board;
    private final ReferenceLabels labels;
    private final IssueChoices choices;
    private final Formats fmt;
    private final Clock clock;

    public CouncilPages(ReadableCouncils councils, ReadSideCaughtUp caughtUp, IssueBoard board, ReferenceLabels labels,
                        IssueChoices choices, Formats fmt, Clock clock) {
        this.councils = councils;
        this.caughtUp = caughtUp;
        this.board = board;
        this.labels = labels;
        this.choices = choices;
        this.fmt = fmt;
        this.clock = clock;
    }

    /** A council in a list: what it is called, where and who runs it. */
    public record CouncilLine(String councilId, String name, String level, String area, String secretariat,
                              long members) {
    }

    @GetMapping("/councils")
    public String list(@AuthenticationPrincipal NimoUser user, Model model) {
        List<CouncilLine> lines = councils.councils(user).councils().stream().map(this::line).toList();
        model.addAttribute("councils", lines);
        return "councils/councils";
    }

    @GetMapping("/councils/{councilId}")
    public String council(@PathVariable("councilId") String councilId,
                          @RequestParam(name = "recorded", required = false) String recorded,
                          @AuthenticationPrincipal NimoUser user, Model model) {
        boolean caught = waitIfRecorded(recorded);
        CouncilView council = councils.councils(user).councils().stream()
                .filter(c -> c.councilId().equals(councilId)).findFirst()
                .orElseThrow(() -> new NotFoundException("no such council"));
        LocalDate today = today();
        model.addAttribute("council", council);
        model.addAttribute("line", line(council));
        model.addAttribute("labels", labels);
        model.addAttribute("calendar", MeetingCalendar.of(councils.meetings(councilId, null, null, user).meetings(), today));
        model.addAttribute("recorded", recorded != null);
        model.addAttribute("caughtUp", caught);
        boolean runs = runs(user, councilId);
        model.addAttribute("runs", runs);
        if (runs) {
            model.addAttribute("seated", council.members().stream().filter(m -> m.leftOn() == null).toList());
            model.addAttribute("stakeholderTypes", choices.worded("councils.stakeholder.",
                    List.of(Membership.StakeholderType.values())));
            model.addAttribute("tiers", choices.worded("councils.tier.", List.of(Membership.Tier.values())));
            model.addAttribute("roles", choices.worded("councils.role.", List.of(Membership.Role.values())));
            model.addAttribute("formats", choices.worded("issues.format.", FORMATS));
            model.addAttribute("asks", choices.worded("councils.ask.", List.of(jp.nimo.councils.AgendaItem.Ask.values())));
            model.addAttribute("agendaIssues", agendaIssues(user, councilId));
            model.addAttribute("today", today.toString());
        }
        return "councils/council";
    }

    /** One row of the attendance form: a seated organisation and the head count recorded for it, if any. */
    public record AttendanceRow(String organisation, String stakeholderType, Integer count) {
    }

    @GetMapping("/meetings/{meetingId}")
    public String meeting(@PathVariable("meetingId") String meetingId,
                          @RequestParam(name = "recorded", required = false) String recorded,
                          @RequestParam(name = "pack", required = false) String pack,
                          @AuthenticationPrincipal NimoUser user, Model model) {
        boolean caught = waitIfRecorded(recorded);
        MeetingView meeting = councils.meeting(meetingId, user);
        model.addAttribute("meeting", meeting);
        model.addAttribute("labels", labels);
        model.addAttribute("recorded", recorded != null);
        model.addAttribute("caughtUp", caught);
        // the pack just issued, if the read side shows it
        model.addAttribute("justIssued", meeting.packs().stream().anyMatch(p -> p.packId().equals(pack)) ? pack : null);
        boolean runs = runs(user, meeting.councilId());
        model.addAttribute("runs", runs);
        model.addAttribute("attendees", meeting.attendance().stream().mapToInt(Attendance::count).sum());
        if (runs) {
            CouncilView council = councils.councils(user).councils().stream()
                    .filter(c -> c.councilId().equals(meeting.councilId())).findFirst().orElse(null);
            List<Member> seated = council == null ? List.of()
                    : council.members().stream().filter(m -> m.leftOn() == null).toList();
            Map<String, Integer> counts = new HashMap<>();
            meeting.attendance().forEach(a -> counts.put(a.organisation(), a.count()));
            model.addAttribute("attendanceRows", seated.stream()
                    .map(m -> new AttendanceRow(m.organisation(), m.stakeholderType(), counts.get(m.organisation())))
                    .toList());
            model.addAttribute("seated", seated);
            model.addAttribute("cutOffNow", LocalDateTime.now(clock.withZone(Formats.JAPAN))
                    .truncatedTo(ChronoUnit.MINUTES).format(LOCAL_MINUTE));
            model.addAttribute("today", today().toString());
        }
        return "councils/meeting";
    }

    private CouncilLine line(CouncilView council) {
        return new CouncilLine(council.councilId(), Formats.english() && council.nameEn() != null ? council.nameEn()
                : council.name(), council.level(), fmt.label(area(council)),
                fmt.label(labels.organisation(council.secretariat())),
                council.members().stream().filter(m -> m.leftOn() == null).count());
    }

    private Label area(CouncilView council) {
        AreaLevel level;
        try {
            level = AreaLevel.valueOf(council.level());
        } catch (IllegalArgumentException | NullPointerException e) {
            return labels.area(null, null, council.area());
        }
        return switch (level) {
            case MUNICIPALITY -> labels.municipality(council.area());
            case REGION -> labels.region(council.area());
            case PREFECTURE -> labels.area(null, null, council.area());
        };
    }

    /** The council's own secretariat runs it; the write side checks the same again. */
    private static boolean runs(NimoUser user, String councilId) {
        return user.hasRole(Role.SECRETARIAT) && user.councils().contains(councilId);
    }

    /** The open issues an agenda of the council may take: its own, and candidates in the areas it covers. */
    private List<IssueChoices.Choice> agendaIssues(NimoUser user, String councilId) {
        BoardFilter open = new BoardFilter(EnumSet.copyOf(IssueState.OPEN), null, null, null, null);
        return choices.issues(board.itemsFor(user, open, AsOf.now(clock)).stream()
                .filter(i -> councilId.equals(i.councilId()) || (i.councilId() == null && i.state() == IssueState.CANDIDATE))
                .toList());
    }

    private boolean waitIfRecorded(String recorded) {
        return recorded == null || caughtUp.await();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Formats.JAPAN));
    }
}
