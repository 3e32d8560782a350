package jp.nimo.projection.councils.pack;

import jp.nimo.projection.councils.CouncilQueries;
import jp.nimo.projection.councils.CouncilQueries.CouncilFigures;
import jp.nimo.projection.councils.CouncilQueries.CouncilHead;
import jp.nimo.projection.councils.CouncilQueries.MeetingHead;
import jp.nimo.projection.councils.CouncilViews.AgendaEntry;
import jp.nimo.projection.councils.CouncilViews.Attendance;
import jp.nimo.projection.councils.CouncilViews.Opinion;
import jp.nimo.projection.councils.pack.PackCharts.Bar;
import jp.nimo.projection.councils.pack.PackContent.Item;
import jp.nimo.projection.councils.pack.PackContent.Row;
import jp.nimo.projection.issueplane.issue.IssueDetail;
import jp.nimo.projection.issueplane.issue.IssueDetailQueries;
import jp.nimo.projection.issueplane.issue.IssueTimelineQueries;
import jp.nimo.projection.issueplane.targets.IssueTargets;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer.TargetFigures;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FiscalYear;
import jp.nimo.reference.Organisations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The meeting pack (会議資料): built from the log as known at a cut-off — the meeting's own rows recorded by
 * then and the issue plane's as-of reads — into its content (texts and figures, worded in Japanese), whose
 * canonical form's SHA-256 is the pack's content hash, and laid out as one XHTML document rendered to PDF. Counts are suppressed as for council members whoever asks:
 * the pack is what the meeting is shown, the same for everyone. Only the issue plane goes in: titles,
 * states, de-identified counts, targets, decisions and indicator tables.
 */
@Component
public class MeetingPacks {

    /** The canonical form of a pack's content: plain JSON, no indentation, records' members in their order. */
    private static final JsonMapper CANONICAL = JsonMapper.builder().build();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu年M月", Locale.JAPANESE);
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu年M月d日 HH:mm", Locale.JAPANESE);

    private final CouncilQueries councils;
    private final IssueDetailQueries issues;
    private final IssueTimelineQueries timelines;
    private final IssueTargets targets;
    private final EventKindCatalogue kinds;
    private final Organisations organisations;
    private final PackCharts charts;
    private final MessageSource messages;
    private final Disclosure disclosure;
    private final SpringTemplateEngine templates;

    public MeetingPacks(CouncilQueries councils, IssueDetailQueries issues, IssueTimelineQueries timelines,
                        IssueTargets targets, EventKindCatalogue kinds, Organisations organisations, PackCharts charts,
                        MessageSource messages,
                        @Value("${nimo.small-count-threshold:5}") int threshold) {
        this.councils = councils;
        this.issues = issues;
        this.timelines = timelines;
        this.targets = targets;
        this.kinds = kinds;
        this.organisations = organisations;
        this.charts = charts;
        this.messages = messages;
        this.disclosure = new Disclosure(true, threshold);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("jp/nimo/projection/councils/pack/");
        resolver.setSuffix(".xhtml");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        this.templates = new SpringTemplateEngine();
        this.templates.setTemplateResolver(resolver);
        this.templates.setTemplateEngineMessageSource(messages);
    }

    /**
     * A pack's document and its content hash: "sha256:" and the hex digest of the UTF-8 bytes of the pack's
     * content in its canonical form (JSON of {@link PackContent#withoutCharts()}, members in declaration order).
     */
    public record Pack(String meetingId, Instant cutOff, String html, String contentHash) {
    }

    public Pack build(MeetingHead meeting, Instant cutOff) {
        PackContent content = content(meeting, cutOff);
        Context context = new Context(Locale.JAPANESE);
        context.setVariable("pack", content);
        String html = templates.process("meeting-pack", context);
        return new Pack(meeting.meetingId(), cutOff, html, hash(CANONICAL.writeValueAsString(content.withoutCharts())));
    }

    /** An organisation by its Japanese name in the reference data; its code when the reference does not know it. */
    private String organisation(String id) {
        return organisations.organisation(id).map(o -> o.label().ja()).orElse(id);
    }

    private PackContent content(MeetingHead meeting, Instant cutOff) {
        AsOf asOf = new AsOf(cutOff, true);
        String councilName = councils.council(meeting.councilId()).map(CouncilHead::name).orElse(meeting.councilId());
        List<Row> attendance = new ArrayList<>();
        for (Attendance a : councils.attendance(meeting.meetingId(), meeting.councilId(), cutOff)) {
            attendance.add(Row.of(organisation(a.organisation()), words("councils.stakeholder."
                    + (a.stakeholderType() == null ? "OTHER" : a.stakeholderType())), number(a.count())));
        }
        List<Row> opinions = new ArrayList<>();
        for (Opinion o : councils.opinions(meeting.meetingId(), cutOff)) {
            opinions.add(Row.of(organisation(o.organisation()), date(o.receivedOn()), o.opinion()));
        }
        List<Item> agenda = new ArrayList<>();
        int number = 1;
        for (AgendaEntry entry : councils.agenda(meeting.meetingId(), cutOff)) {
            var detail = issues.detail(entry.issueId(), asOf, disclosure);
            if (detail.isEmpty()) {
                continue;
            }
            agenda.add(item(number++, entry, detail.get(), asOf));
        }
        int fiscalYear = FiscalYear.containing(meeting.heldOn()).startYear();
        FiscalYear year = FiscalYear.of(fiscalYear);
        CouncilFigures figures = councils.figures(List.of(meeting.councilId()), year.firstDay(), year.lastDay(), cutOff)
                .get(meeting.councilId());
        List<Row> indicators = new ArrayList<>();
        indicators.add(Row.of(words("councils.pack.meetingsHeld"), number(figures.meetingsHeld())));
        indicators.add(Row.of(words("councils.pack.participants"), number(figures.participants())));
        new TreeMap<>(figures.participantsByStakeholderType()).forEach((type, count) -> indicators.add(
                Row.of("　" + words("councils.stakeholder." + type), number(count))));
        indicators.add(Row.of(words("councils.pack.issuesDecided"), number(figures.issuesDecided())));
        indicators.add(Row.of(words("councils.pack.issuesDecidedPerMeeting"), figures.meetingsHeld() == 0 ? "―"
                : BigDecimal.valueOf(figures.issuesDecided()).divide(BigDecimal.valueOf(figures.meetingsHeld()), 1,
                java.math.RoundingMode.HALF_UP).toPlainString()));
        return new PackContent(councilName, meeting.title(), date(meeting.heldOn()),
                words("issues.format." + meeting.format()),
                meeting.opinionsDue() == null ? null : date(meeting.opinionsDue()),
                INSTANT.format(cutOff.atZone(Formats.JAPAN)), attendance, opinions, agenda,
                FiscalYear.label(fiscalYear) + "（" + fiscalYear + "年度）", indicators,
                messages.getMessage("councils.pack.suppressionNote", new Object[]{String.valueOf(disclosure.threshold())},
                        Locale.JAPANESE));
    }

    private Item item(int number, AgendaEntry entry, IssueDetail issue, AsOf asOf) {
        String id = "i" + number;
        List<Row> evidence = new ArrayList<>();
        List<Bar> evidenceBars = new ArrayList<>();
        for (IssueDetail.Cell cell : issue.evidence().byKindAndMonth()) {
            String kind = kinds.kind(cell.kind()).map(k -> k.label().ja()).orElse(cell.kind());
            evidence.add(Row.of(kind, month(cell.month()), count(cell.count(), cell.suppressed())));
            // a hidden count keeps its month on the axis, with no bar: never drawn as zero
            evidenceBars.add(new Bar(kind, month(cell.month()), cell.suppressed() ? null : cell.count()));
        }
        String evidenceTotal = issue.evidence().signals() == null && issue.evidence().distinctCases() == null
                && issue.evidence().byKindAndMonth().isEmpty() ? null
                : messages.getMessage("councils.pack.evidenceTotal", new Object[]{
                count(issue.evidence().signals(), issue.evidence().signals() == null),
                count(issue.evidence().distinctCases(), issue.evidence().distinctCases() == null)}, Locale.JAPANESE);
        List<Row> timeline = new ArrayList<>();
        timelines.timeline(issue.issueId(), asOf, disclosure).ifPresent(t -> {
            for (JsonNode e : t.path("entries")) {
                String type = e.path("type").asString("");
                String what = words("issues.timeline.type." + type, type);
                JsonNode meeting = e.path("meeting");
                if (meeting.isObject() && meeting.hasNonNull("title")) {
                    what = what + "（" + meeting.path("title").asString("") + "）";
                }
                if (e.path("opinions").isArray()) {
                    what = what + messages.getMessage("councils.pack.opinionsReceived",
                            new Object[]{String.valueOf(e.path("opinions").size())}, Locale.JAPANESE);
                }
                timeline.add(Row.of(dateText(e.path("at").asString("")), what,
                        words("issues.state." + e.path("state").asString(""), e.path("state").asString("")),
                        organisation(e.path("actor").path("organisation").asString("")), e.path("reason").asString("")));
            }
        });
        List<Row> targetRows = new ArrayList<>();
        List<Bar> targetBars = new ArrayList<>();
        IssueTargetsAnswer answer = targets.of(issue.issueId(), asOf, disclosure).orElse(null);
        if (answer != null) {
            for (TargetFigures t : answer.targets()) {
                String actual = actualText(t);
                String met = t.met() == null ? words("councils.pack.metUnknown")
                        : words(t.met() ? "councils.pack.metYes" : "councils.pack.metNo");
                String year = FiscalYear.label(t.fiscalYear());
                targetRows.add(Row.of(t.label(), year, t.unit(), words("issues.direction." + t.direction(), t.direction()),
                        value(t.baseline(), t.baselineSuppressed()), value(t.target(), false), actual, met));
                String category = t.label() + " " + year;
                if (t.baseline() != null) {
                    targetBars.add(new Bar(words("councils.pack.baseline"), category, t.baseline()));
                }
                targetBars.add(new Bar(words("councils.pack.target"), category, t.target()));
                BigDecimal shown = actualValue(t);
                if (shown != null) {
                    targetBars.add(new Bar(words("councils.pack.actual"), category, shown));
                }
            }
        }
        return new Item(number, issue.title(), words("issues.state." + issue.state().name(), issue.state().name()),
                words("councils.ask." + entry.ask(), entry.ask()), evidenceTotal, evidence,
                evidenceBars.stream().allMatch(b -> b.value() == null) ? null : charts.stacked(id + "e", evidenceBars, words("councils.pack.chart.signals")),
                timeline, targetRows,
                targetBars.isEmpty() ? null : charts.grouped(id + "t", targetBars, words("councils.pack.chart.value")));
    }

    /** The figure the verdict is judged on: the latest recorded actual of the most authoritative source, else the projection's. */
    private static BigDecimal actualValue(TargetFigures t) {
        if (t.metBy() != null) {
            for (int i = t.actuals().size() - 1; i >= 0; i--) {
                var a = t.actuals().get(i);
                if (a.source().equals(t.metBy())) {
                    return a.suppressed() ? null : a.value();
                }
            }
        }
        if (!t.actuals().isEmpty()) {
            var last = t.actuals().get(t.actuals().size() - 1);
            return last.suppressed() ? null : last.value();
        }
        return t.projectedActual() == null || t.projectedActual().suppressed() ? null : t.projectedActual().value();
    }

    private String actualText(TargetFigures t) {
        boolean hidden = false;
        if (!t.actuals().isEmpty()) {
            hidden = t.actuals().get(t.actuals().size() - 1).suppressed();
        } else if (t.projectedActual() != null) {
            hidden = t.projectedActual().suppressed();
        } else {
            return "―";
        }
        BigDecimal value = actualValue(t);
        return value == null && hidden ? fewer() : value == null ? "―" : value.stripTrailingZeros().toPlainString();
    }

    private String value(BigDecimal value, boolean suppressed) {
        if (suppressed) {
            return fewer();
        }
        return value == null ? "―" : value.stripTrailingZeros().toPlainString();
    }

    private String count(Integer count, boolean suppressed) {
        return suppressed || count == null ? fewer() : number(count);
    }

    private String fewer() {
        return messages.getMessage("format.fewerThan", new Object[]{String.valueOf(disclosure.threshold())},
                Locale.JAPANESE);
    }

    private static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.JAPANESE).format(value);
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.format(DATE);
    }

    private static String dateText(String iso) {
        try {
            return date(LocalDate.parse(iso.length() > 10 ? iso.substring(0, 10) : iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    private static String month(String yearMonth) {
        try {
            return YearMonth.parse(yearMonth).atDay(1).format(MONTH);
        } catch (java.time.format.DateTimeParseException e) {
            return yearMonth;
        }
    }

    private String words(String key) {
        return messages.getMessage(key, null, Locale.JAPANESE);
    }

    private String words(String key, String fallback) {
        return messages.getMessage(key, null, fallback, Locale.JAPANESE);
    }

    static String hash(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
