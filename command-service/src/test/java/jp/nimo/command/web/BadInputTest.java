package jp.nimo.command.web;

import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.RawHttp;
import jp.nimo.infra.test.RawHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static jp.nimo.infra.test.RawHttp.refused;
import static jp.nimo.infra.test.RawHttp.request;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on the write side is refused early, as problem+json naming what was wrong, and stores
 * nothing: the requests a probe of every endpoint once answered with 500 or an HTML page.
 */
@NimoServiceTest
class BadInputTest {

    private static final String RENTAL_REFUSED = "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private RawHttp raw;
    private String caseId;
    private long eventsBefore;
    private long keysBefore;

    @BeforeEach
    void openMeguroCase() {
        raw = new RawHttp(port);
        Http.Answer opened = new Http(port).post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"ageBand\":\"40-49\"}");
        assertThat(opened.status()).isEqualTo(201);
        caseId = opened.field("caseId");
        eventsBefore = EventStoreRows.count(jdbc);
        keysBefore = idempotencyRecords();
    }

    private long idempotencyRecords() {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_record", Long.class);
    }

    private void nothingStored() {
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(eventsBefore);
        assertThat(idempotencyRecords()).isEqualTo(keysBefore);
    }

    private Answer post(String user, String path, String json) {
        return raw.send(request("POST", path).basic(user).json(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"40", "true", "{\"band\":\"40-49\"}", "[\"40-49\"]", "\"41-50\""})
    void anAgeBandThatIsNoBandIsNamed(String ageBand) {
        refused(post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"ageBand\":" + ageBand + "}"), 400, "ageBand");
        nothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "NaN", "Infinity", "-Infinity"})
    void anActualThatIsNoFiniteNumberIsNamed(String value) {
        Http.Answer raised = new Http(port).post(MEGURO_SECRETARIAT, "/api/issues", """
                {"title":"住まいの確保","category":"C04","municipality":"13110","origin":"PRACTITIONER_REPORT"}""");
        assertThat(raised.status()).isEqualTo(201);
        eventsBefore = EventStoreRows.count(jdbc);
        refused(post(MEGURO_SECRETARIAT, "/api/issues/" + raised.field("issueId") + "/record-actual",
                "{\"indicator\":\"OUTREACH_VISITS\",\"fiscalYear\":2024,\"value\":" + value + ",\"source\":\"MANUAL\"}"), 400, "value");
        nothingStored();
    }

    @Test
    void aNumberTooLongToReadIsRefusedAsTheBody() {
        refused(post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"EmergencyAdmissionSearchFailed\",\"occurredOn\":\"2024-05-01\",\"hospitalsContacted\":"
                        + "9".repeat(5000) + "}"), 400, "body");
        nothingStored();
    }

    @Test
    void deeplyNestedJsonIsRefusedAsTheBody() {
        String nested = "[".repeat(40) + "]".repeat(40);
        refused(post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"ageBand\":" + nested + "}"), 400, "body");
        nothingStored();
    }

    @Test
    void invalidUtf8IsRefusedAsTheBody() {
        byte[] body = "{\"municipality\":\"13110\",\"externalRef\":\"MG-\u0000\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[body.length + 2];
        System.arraycopy(body, 0, broken, 0, body.length - 2);
        broken[body.length - 2] = (byte) 0xC3;
        broken[body.length - 1] = (byte) 0x28;
        broken[body.length] = '"';
        broken[body.length + 1] = '}';
        refused(raw.send(request("POST", "/api/cases").basic(MEGURO_WORKER).body("application/json", broken)), 400, "body");
        nothingStored();
    }

    @Test
    void controlCharactersInStoredTextAreNamed() {
        refused(post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\",\"note\":\"a\\u0000b\"}"), 400, "note");
        nothingStored();
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
        String big = "{\"reason\":\"" + "x".repeat(1_100_000) + "\"}";
        refused(post(MEGURO_WORKER, "/api/cases/" + caseId + "/erasure", big), 413, "body");
        nothingStored();
    }

    @Test
    void eightBodiesOf18MiBAtOnceAreRefusedOnTheirDeclaredLengthWithoutBeingSent() throws Exception {
        // only the headers go out: the answer must come from the Content-Length alone, before any body is read
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> raw.send(request("POST", "/api/cases/" + caseId + "/events")
                        .basic(MEGURO_WORKER).body("application/json", "{".getBytes(StandardCharsets.UTF_8))
                        .declaredLength(18L * 1024 * 1024))));
            }
            for (java.util.concurrent.Future<Answer> answer : answers) {
                Answer refused = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                refused(refused, 413, "body");
                assertThat(refused.json().get("maxBytes").asLong()).isEqualTo(1024 * 1024);
            }
        } finally {
            clients.shutdownNow();
        }
        nothingStored();
    }

    @Test
    void aChunkedBodyIsCountedAsItStreams() {
        // many short strings, so that only the byte count (not a string length) can refuse it
        String items = String.join(",", java.util.Collections.nCopies(30_000, "\"" + "x".repeat(40) + "\""));
        byte[] big = ("{\"reason\":\"lost\",\"pad\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
        refused(raw.send(request("POST", "/api/cases/" + caseId + "/erasure").basic(MEGURO_WORKER)
                .body("application/json", big).chunked()), 413, "body");
        nothingStored();
    }

    @Test
    void anImportBodyHasTheLargerLimit() {
        // an NDJSON body over the JSON limit but under the import limit passes the size check (no import endpoint yet)
        byte[] lines = ("{\"caseId\":\"x\"}\n".repeat(80_000)).getBytes(StandardCharsets.UTF_8);
        Answer answer = raw.send(request("POST", "/api/cases").basic(MEGURO_WORKER).body("application/x-ndjson", lines));
        refused(answer, 415, null);
        nothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-1-1-1-1", "0a1b2c3d-0000-4000-8000-0000000000000", "not-a-case", "%01%02", "%E3%82%AD"})
    void aMalformedCaseIdIsNotFound(String id) {
        refused(post(MEGURO_WORKER, "/api/cases/" + id + "/events", RENTAL_REFUSED), 404, null);
        nothingStored();
    }

    @Test
    void anOverlongCaseIdIsNotFound() {
        refused(post(MEGURO_WORKER, "/api/cases/" + caseId + "x".repeat(300) + "/events", RENTAL_REFUSED), 404, null);
        nothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%2F", "%5C", "%2e%2e", ";jsessionid=1"})
    void anEncodedSlashBackslashOrNulInThePathIs400(String segment) {
        refused(post(MEGURO_WORKER, "/api/cases/" + caseId + segment + "/events", RENTAL_REFUSED), 400, null);
        nothingStored();
    }

    @Test
    void anIdempotencyKeyOfRawUtf8IsNamed() {
        Answer answer = raw.send(request("POST", "/api/cases/" + caseId + "/events").basic(MEGURO_WORKER)
                .header("Idempotency-Key", "キー-1".getBytes(StandardCharsets.UTF_8)).json(RENTAL_REFUSED));
        refused(answer, 400, "Idempotency-Key");
        nothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\there", "é-latin1"})
    void anIdempotencyKeyThatIsNoPrintableAsciiIsNamed(String key) {
        Answer answer = raw.send(request("POST", "/api/cases/" + caseId + "/events").basic(MEGURO_WORKER)
                .header("Idempotency-Key", key.getBytes(StandardCharsets.ISO_8859_1)).json(RENTAL_REFUSED));
        refused(answer, 400, "Idempotency-Key");
        nothingStored();
    }

    @Test
    void anIdempotencyKeyOver200CharactersIsNamed() {
        refused(raw.send(request("POST", "/api/cases/" + caseId + "/events").basic(MEGURO_WORKER)
                .header("Idempotency-Key", "k".repeat(201)).json(RENTAL_REFUSED)), 400, "Idempotency-Key");
        nothingStored();
        Answer accepted = raw.send(request("POST", "/api/cases/" + caseId + "/events").basic(MEGURO_WORKER)
                .header("Idempotency-Key", "k".repeat(200)).json(RENTAL_REFUSED));
        assertThat(accepted.status()).isEqualTo(201);
    }

    @Test
    void aMalformedHeaderLineNamesTheHeader() {
        Answer answer = raw.send(request("POST", "/api/cases/" + caseId + "/events").basic(MEGURO_WORKER)
                .header("X-Broken", new byte[]{'a', 0x01, 'b'}).json(RENTAL_REFUSED));
        refused(answer, 400, "header");
        nothingStored();
    }

    @Test
    void headersOverTheLimitAre431() {
        Answer answer = raw.send(request("POST", "/api/cases/" + caseId + "/events").basic(MEGURO_WORKER)
                .header("X-Padding", "p".repeat(10_000)).json(RENTAL_REFUSED));
        refused(answer, 431, null);
        nothingStored();
    }

    @Test
    void theWrongMethodTypeOrPathAnswersInProblemJson() {
        refused(raw.send(request("GET", "/api/cases").basic(MEGURO_WORKER).header("Accept", "text/html")), 405, null);
        refused(raw.send(request("POST", "/api/cases").basic(MEGURO_WORKER).header("Accept", "text/html")
                .body("text/plain", "municipality=13110".getBytes(StandardCharsets.UTF_8))), 415, null);
        refused(raw.send(request("GET", "/api/nothing-here").basic(MEGURO_WORKER).header("Accept", "text/html")), 404, null);
        refused(raw.send(request("GET", "/error").header("Accept", "text/html")), 401, null);
        nothingStored();
    }
}
