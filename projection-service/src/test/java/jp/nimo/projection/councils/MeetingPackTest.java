package jp.nimo.projection.councils;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.councils.AgendaItem;
import jp.nimo.councils.AgendaItem.Ask;
import jp.nimo.councils.Attendee;
import jp.nimo.councils.MeetingId;
import jp.nimo.councils.Membership.StakeholderType;
import jp.nimo.councils.Membership.Tier;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.OpenApiContract;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.IssueState;
import jp.nimo.issues.Meeting.Format;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.issueplane.issue.Secretariat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.imageio.ImageIO;
import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.projection.issueplane.issue.Secretariat.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meeting pack of Meguro's council, over real HTTP from the real event store: issues taken through the
 * lifecycle on the real write side, a case with a note and an agency's reference planted beside them, and
 * the meeting's own facts appended as its aggregate stores them. The PDF is read back with PDFBox.
 */
@NimoServiceTest
class MeetingPackTest {

    private static final String CASE_REF = "MG-PACK-7731";
    private static final String NOTE = "家主に精神疾患を理由に断られたと本人が話した";
    private static final String HOUSING = "精神障害のある人の住まいの確保（会議資料）";
    private static final String AFTERCARE = "措置入院者の退院後支援が途切れる（会議資料）";
    private static final String TITLE = "令和6年度 第1回 目黒区協議の場";

    @LocalServerPort
    int port;
    @Autowired
    EventStore store;
    @Autowired
    DataSource dataSource;

    private Http read;
    private MeetingLog log;

    @BeforeEach
    void setUp() {
        read = new Http(port);
        WriteSide.http();
        log = new MeetingLog(store);
        log.meguroDesignated();
    }

    /** A meeting of Meguro's council with two issues on its agenda, one with evidence and targets. */
    private record Fixture(String housing, String aftercare, String caseId, MeetingId meeting) {
    }

    private Fixture meetingWithTwoIssues() {
        Secretariat meguro = new Secretariat(MEGURO_SECRETARIAT);
        String earlier = meeting("令和6年度 準備会", "2024-05-20");
        String housing = meguro.raise(HOUSING, "C04", "\"municipality\":\"13110\"");
        meguro.act(housing, "promote", "{\"councilId\":\"council-13110\",\"reason\":\"入居を断られる事例が続いている\"," + earlier + "}");
        meguro.act(housing, "start-verification", "{" + earlier + "}");
        meguro.act(housing, "verify", "{\"statement\":\"個別の課題ではなく地域の課題として共有\"," + earlier + "}");
        meguro.act(housing, "plan", """
                {"targets":[{"indicator":"RENTAL_REFUSALS","fiscalYear":2024,"unit":"cases","direction":"DECREASE","baseline":12,"target":6}],
                 "roles":[{"organisation":"setagaya-realtors-association","responsibility":"物件情報の提供"}],
                 "milestones":[{"due":"2024-12-31","title":"生活サポートシートの試行"}],""" + earlier + "}");
        meguro.act(housing, "start-implementation", "{}");
        meguro.act(housing, "record-actual", "{\"indicator\":\"RENTAL_REFUSALS\",\"fiscalYear\":2024,\"value\":8,\"source\":\"MANUAL\"}");
        String aftercare = meguro.raise(AFTERCARE, "C07", "\"municipality\":\"13110\"");
        meguro.act(aftercare, "promote", "{\"councilId\":\"council-13110\"," + earlier + "}");

        // a case on the case plane, with the agency's reference and a note: neither may reach a pack
        Http write = WriteSide.http();
        Answer opened = write.post(MEGURO_WORKER, "/api/cases",
                "{\"municipality\":\"13110\",\"externalRef\":\"" + CASE_REF + "\",\"ageBand\":\"40-49\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        Answer recorded = write.post(MEGURO_WORKER, "/api/cases/" + opened.field("caseId") + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\",\"note\":\"" + NOTE + "\"}");
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);

        log.evidence(housing, IssueState.IN_IMPLEMENTATION, "RentalRefused", 9, "2024-05", 3, "2024-06", 6, "2024-07", 8);
        log.joined("meguro-health-centre", StakeholderType.GOVERNMENT, Tier.REPRESENTATIVE);
        log.joined("meguro-central-hospital", StakeholderType.MEDICAL, Tier.REPRESENTATIVE);
        log.joined("setagaya-realtors-association", StakeholderType.HOUSING, Tier.PRACTITIONER);
        MeetingId meeting = log.scheduled(TITLE, LocalDate.of(2024, 7, 10), Format.IN_PERSON, null,
                List.of(new AgendaItem(IssueId.of(housing), Ask.EVALUATE), new AgendaItem(IssueId.of(aftercare), Ask.VERIFY)));
        log.attended(meeting, new Attendee("meguro-health-centre", 3), new Attendee("meguro-central-hospital", 2),
                new Attendee("setagaya-realtors-association", 1));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Answer answer = read.get(MEGURO_SECRETARIAT, "/api/meetings/" + meeting.value());
            return answer.status() == 200 && answer.json().get("attendance").size() == 3;
        });
        return new Fixture(housing, aftercare, opened.field("caseId"), meeting);
    }

    /** A knowledge time after everything appended so far, and before anything appended later. */
    private static Instant cutOffNow() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        await().pollInterval(Duration.ofMillis(5)).until(() -> Instant.now().isAfter(at.plusMillis(2)));
        return at;
    }

    private String packPath(MeetingId meeting, Instant cutOff, String format) {
        return "/api/meetings/" + meeting.value() + "/pack?cutOff=" + URLEncoder.encode(cutOff.toString(), StandardCharsets.UTF_8)
                + (format == null ? "" : "&format=" + format);
    }

    private String hash(String user, MeetingId meeting, Instant cutOff) {
        Answer answer = read.get(user, packPath(meeting, cutOff, "json"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.field("meetingId")).isEqualTo(meeting.value());
        assertThat(Instant.parse(answer.field("cutOff"))).isEqualTo(cutOff);
        return answer.field("contentHash");
    }

    /** The PDF as a client asking with {@code Accept: application/pdf} gets it. */
    private byte[] pdf(String user, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "application/pdf")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build();
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse("");
            OpenApiContract.of(port).check("GET", path, response.statusCode(), type,
                    type.contains("json") ? new String(response.body(), StandardCharsets.UTF_8) : "(pdf)");
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(type).startsWith("application/pdf");
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The PDF's text. The font's glyphs for 目, 月, 日 … also serve the Kangxi radicals (⽬, ⽉, ⽇), which the
     * text layer may name instead; NFKC folds them back, as a search in a PDF reader does.
     */
    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return Normalizer.normalize(new PDFTextStripper().getText(document), Normalizer.Form.NFKC);
        }
    }

    @Test
    void thePackShowsTheCouncilItsIssuesAndTargetsAndNothingOfTheCases() throws IOException {
        Fixture fixture = meetingWithTwoIssues();
        Instant cutOff = cutOffNow();

        byte[] pdf = pdf(MEGURO_SECRETARIAT, packPath(fixture.meeting(), cutOff, null));
        String text = text(pdf);
        String compact = text.replaceAll("\\s+", "");
        assertThat(compact).contains("目黒区保健・医療・福祉関係者による協議の場", TITLE.replace(" ", ""), "2024年7月10日", "対面");
        assertThat(compact).contains(nfkc(HOUSING), nfkc(AFTERCARE));
        // the targets table: indicator, baseline, target and the actual recorded
        assertThat(compact).contains("数値目標と実績", "賃貸住宅への入居を断られた件数", "基準値", "目標値", "実績");
        assertThat(text).containsPattern("12\\s+6\\s+8");
        // the attendance list and the council's indicators
        // (an organisation by its name in the reference data, or by its code where the reference has none)
        assertThat(compact).contains("目黒区保健所", "meguro-central-hospital", "医療", "開催回数")
                .doesNotContain("meguro-health-centre");
        // nothing of the case plane: no case id, no agency reference, no note
        assertThat(text).doesNotContain(fixture.caseId(), CASE_REF);
        assertThat(compact).doesNotContain(nfkc(NOTE));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
            PDFRenderer renderer = new PDFRenderer(document);
            ImageIO.write(renderer.renderImageWithDPI(0, 110), "png", screenshots.resolve("meeting-pack-cover.png").toFile());
            if (document.getNumberOfPages() > 1) {
                ImageIO.write(renderer.renderImageWithDPI(1, 110), "png",
                        screenshots.resolve("meeting-pack-issue.png").toFile());
            }
        }

        Answer html = read.get(MEGURO_SECRETARIAT, packPath(fixture.meeting(), cutOff, "html"));
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.text()).contains(HOUSING).doesNotContain(NOTE, CASE_REF, fixture.caseId());
    }

    @Test
    void theSameCutOffGivesTheSameHashAndALaterDecisionAnotherOne() {
        Fixture fixture = meetingWithTwoIssues();
        Instant before = cutOffNow();
        String first = hash(MEGURO_SECRETARIAT, fixture.meeting(), before);
        assertThat(first).matches("sha256:[0-9a-f]{64}");
        assertThat(hash(MEGURO_SECRETARIAT, fixture.meeting(), before)).isEqualTo(first);

        // the meeting decides on the aftercare issue and is held
        log.verificationStartedAt(fixture.aftercare(), fixture.meeting(), TITLE, LocalDate.of(2024, 7, 10));
        log.held(fixture.meeting());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                read.get(MEGURO_SECRETARIAT, "/api/meetings/" + fixture.meeting().value()).json().get("decisions").size() == 1);
        Instant after = cutOffNow();

        assertThat(hash(MEGURO_SECRETARIAT, fixture.meeting(), after)).isNotEqualTo(first);
        // what the meeting was shown before stays reproducible, whoever asks
        assertThat(hash(MEGURO_SECRETARIAT, fixture.meeting(), before)).isEqualTo(first);
        assertThat(hash(TestUsers.COUNCIL_MEMBER, fixture.meeting(), before)).isEqualTo(first);

        JsonNode meeting = read.get(MEGURO_SECRETARIAT, "/api/meetings/" + fixture.meeting().value()).json();
        assertThat(meeting.get("state").asText()).isEqualTo("HELD");
        assertThat(meeting.get("councilName").asText()).isEqualTo("目黒区 保健・医療・福祉関係者による協議の場");
        JsonNode decision = meeting.get("decisions").get(0);
        assertThat(decision.get("issueId").asText()).isEqualTo(fixture.aftercare());
        assertThat(decision.get("title").asText()).isEqualTo(AFTERCARE);
        assertThat(decision.get("type").asText()).isEqualTo("VerificationStarted");
        assertThat(decision.get("decidedOn").asText()).isEqualTo("2024-07-10");
        assertThat(meeting.get("agenda").get(1).get("state").asText()).isEqualTo("UNDER_VERIFICATION");
        assertThat(meeting.get("agenda").get(0).get("title").asText()).isEqualTo(HOUSING);
    }

    @Test
    void aCouncilMemberReadsSmallCountsSuppressed() throws IOException {
        Fixture fixture = meetingWithTwoIssues();
        Instant cutOff = cutOffNow();
        // 3 refusals in May: fewer than 5, shown as such in every pack
        String text = text(pdf(TestUsers.COUNCIL_MEMBER, packPath(fixture.meeting(), cutOff, null)));
        assertThat(text.replaceAll("\\s+", "")).contains("5未満", nfkc(HOUSING));
        assertThat(hash(TestUsers.COUNCIL_MEMBER, fixture.meeting(), cutOff))
                .isEqualTo(hash(MEGURO_SECRETARIAT, fixture.meeting(), cutOff));
    }

    @Test
    void aPackWaitsForTheReadSideToCatchUpAndOtherwiseAsksToRetry() throws Exception {
        Fixture fixture = meetingWithTwoIssues();
        Instant cutOff;
        // the projection cannot write attendance while this transaction holds the table: it falls behind the log
        try (Connection holding = dataSource.getConnection()) {
            holding.setAutoCommit(false);
            try (Statement lock = holding.createStatement()) {
                lock.execute("LOCK TABLE meeting_attendance IN EXCLUSIVE MODE");
            }
            log.attended(fixture.meeting(), new Attendee("meguro-health-centre", 4));
            cutOff = cutOffNow();
            String path = packPath(fixture.meeting(), cutOff, "json");
            HttpResponse<String> behind = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (MEGURO_SECRETARIAT + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            OpenApiContract.of(port).check("GET", path, behind.statusCode(),
                    behind.headers().firstValue("Content-Type").orElse(""), behind.body());
            assertThat(behind.statusCode()).as(behind.body()).isEqualTo(503);
            assertThat(behind.headers().firstValue("Retry-After")).isPresent();
            holding.rollback();
        }
        // caught up, the pack holds the attendance recorded before its cut-off
        String text = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> read.get(MEGURO_SECRETARIAT, packPath(fixture.meeting(), cutOff, "html")),
                        a -> a.status() == 200).text();
        assertThat(text).contains("目黒区保健所").doesNotContain("meguro-central-hospital");
    }

    @Test
    void withoutACutOffThePackIsTheOneLastIssued() {
        Fixture fixture = meetingWithTwoIssues();
        String path = "/api/meetings/" + fixture.meeting().value() + "/pack?format=json";
        assertThat(read.get(MEGURO_SECRETARIAT, path).status()).isEqualTo(404);

        Instant cutOff = cutOffNow();
        String hash = hash(MEGURO_SECRETARIAT, fixture.meeting(), cutOff);
        log.packIssued(fixture.meeting(), cutOff, hash);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                read.get(MEGURO_SECRETARIAT, path).status() == 200);
        Answer last = read.get(MEGURO_SECRETARIAT, path);
        assertThat(Instant.parse(last.field("cutOff"))).isEqualTo(cutOff);
        assertThat(last.field("contentHash")).isEqualTo(hash);
        JsonNode packs = read.get(MEGURO_SECRETARIAT, "/api/meetings/" + fixture.meeting().value()).json().get("packs");
        assertThat(packs).hasSize(1);
        assertThat(packs.get(0).get("contentHash").asText()).isEqualTo(hash);
        assertThat(packs.get(0).get("issuedBy").asText()).isEqualTo("secretariat-meguro");
    }

    @Test
    void badRequestsNameTheFieldAndUnknownMeetingsAreNotFound() {
        Fixture fixture = meetingWithTwoIssues();
        String base = "/api/meetings/" + fixture.meeting().value() + "/pack";
        assertField(read.get(MEGURO_SECRETARIAT, base + "?cutOff=yesterday&format=json"), "cutOff");
        assertField(read.get(MEGURO_SECRETARIAT, base + "?cutOff=" + URLEncoder.encode(
                Instant.now().plus(1, ChronoUnit.DAYS).toString(), StandardCharsets.UTF_8) + "&format=json"), "cutOff");
        assertField(read.get(MEGURO_SECRETARIAT, base + "?cutOff=" + URLEncoder.encode(
                Instant.now().toString(), StandardCharsets.UTF_8) + "&format=xlsx"), "format");
        assertThat(read.get(MEGURO_SECRETARIAT, "/api/meetings/" + MeetingId.random().value() + "/pack?format=json&cutOff="
                + URLEncoder.encode(Instant.now().toString(), StandardCharsets.UTF_8)).status()).isEqualTo(404);
        assertThat(read.get(MEGURO_SECRETARIAT, "/api/meetings/not-a-meeting").status()).isEqualTo(404);
        assertThat(read.get(MEGURO_WORKER, base + "?format=json").status()).isEqualTo(403);
        assertThat(read.get(TestUsers.ADMIN, "/api/meetings/" + fixture.meeting().value()).status()).isEqualTo(403);
        assertThat(read.get(null, "/api/meetings/" + fixture.meeting().value()).status()).isEqualTo(401);
        assertField(read.get(MEGURO_SECRETARIAT, "/api/councils/council-13110/meetings?from=2024-13-01"), "from");
        assertThat(read.get(MEGURO_SECRETARIAT, "/api/councils/council-99999/meetings").status()).isEqualTo(404);
    }

    private static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }
}
