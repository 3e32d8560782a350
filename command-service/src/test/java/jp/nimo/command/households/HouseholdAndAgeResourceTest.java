package jp.nimo.command.households;

import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.SETAGAYA_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Households (8050) and the person's age at an event, over real HTTP on the real event store: the birth
 * year-month is sealed under the case's key, the events carry only the age band at the event.
 */
@NimoServiceTest
class HouseholdAndAgeResourceTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private String open(String user, String body) {
        Answer opened = http.post(user, "/api/cases", body);
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.field("caseId");
    }

    private String payloadOf(String caseId, long sequence) {
        return jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = ?", String.class, caseId, sequence);
    }

    @Test
    void theAgeBandAtEachEventIsRecordedWhileTheBirthMonthStaysSealed() {
        String caseId = open(MEGURO_WORKER, """
                {"municipality":"13110","birthYearMonth":"1959-06"}""");
        assertThat(http.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events", """
                {"kind":"RentalRefused","occurredOn":"2024-05-31","reason":"PREJUDICE"}""").status()).isEqualTo(201);
        assertThat(http.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events", """
                {"kind":"RentalRefused","occurredOn":"2024-06-01","reason":"PREJUDICE"}""").status()).isEqualTo(201);

        assertThat(payloadOf(caseId, 1)).contains("\"ageBand\":\"60-64\"");
        assertThat(payloadOf(caseId, 2)).contains("\"ageBand\":\"65-69\"");
        Long plaintext = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND convert_from(payload, 'UTF8') LIKE '%1959%'", Long.class, caseId);
        assertThat(plaintext).as("the birth month never reaches the log in plaintext").isZero();
        String opening = payloadOf(caseId, 0);
        assertThat(opening).contains("\"birthYearMonth\":\"v1:").contains("\"ageBand\":\"60-69\"");
    }

    @Test
    void withoutABirthMonthTheAgeAtAnEventIsUnknown() {
        String caseId = open(MEGURO_WORKER, """
                {"municipality":"13110","ageBand":"60-69"}""");
        assertThat(http.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events", """
                {"kind":"RentalRefused","occurredOn":"2024-05-31","reason":"PREJUDICE"}""").status()).isEqualTo(201);
        assertThat(payloadOf(caseId, 1)).contains("\"ageBand\":null");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not a month           | {"municipality":"13110","birthYearMonth":"1959-13"}
            a full date           | {"municipality":"13110","birthYearMonth":"1959-06-01"}
            too early             | {"municipality":"13110","birthYearMonth":"1899-12"}
            disagrees with band   | {"municipality":"13110","birthYearMonth":"1959-06","ageBand":"20-29"}
            not text              | {"municipality":"13110","birthYearMonth":195906}
            """)
    void aBadBirthMonthIsRefusedNamingTheFieldAndStoresNothing(String problem, String body) {
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, "/api/cases", body);
        assertThat(answer.status()).as(problem).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("birthYearMonth");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void aBirthMonthInTheFutureIsRefused() {
        String next = YearMonth.from(LocalDate.now(ZoneId.of("Asia/Tokyo"))).plusMonths(1).toString();
        Answer answer = http.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"birthYearMonth\":\"" + next + "\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("birthYearMonth");
    }

    @Test
    void twoCasesBecomeOneHouseholdUnderAnOpaqueIdAndALinkIsAppliedOnce() {
        String mother = open(MEGURO_WORKER, "{\"municipality\":\"13110\",\"ageBand\":\"80-89\"}");
        String son = open(MEGURO_WORKER, "{\"municipality\":\"13110\",\"ageBand\":\"50-59\"}");
        String body = "{\"cases\":[\"" + mother + "\",\"" + son + "\"]}";
        Answer linked = http.post(MEGURO_WORKER, "/api/households", body, "household-link-1");
        assertThat(linked.status()).as(linked.text()).isEqualTo(201);
        String household = linked.field("householdId");
        assertThat(household).matches("hh-[0-9a-f-]{36}");
        Answer again = http.post(MEGURO_WORKER, "/api/households", body, "household-link-1");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.field("householdId")).isEqualTo(household);
        assertThat(EventStoreRows.countFor(jdbc, mother)).isEqualTo(2);
        assertThat(EventStoreRows.countFor(jdbc, son)).isEqualTo(2);

        // the same case cannot count in another household, and nothing is linked when one case fails
        String daughter = open(MEGURO_WORKER, "{\"municipality\":\"13110\",\"ageBand\":\"40-49\"}");
        Answer refused = http.post(MEGURO_WORKER, "/api/households", "{\"cases\":[\"" + daughter + "\",\"" + son + "\"]}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(EventStoreRows.countFor(jdbc, daughter)).isEqualTo(1);

        Answer joined = http.post(MEGURO_WORKER, "/api/households/" + household + "/cases", "{\"caseId\":\"" + daughter + "\"}");
        assertThat(joined.status()).isEqualTo(201);
        Answer left = http.post(MEGURO_WORKER, "/api/households/" + household + "/cases/" + son + "/leave", "{}");
        assertThat(left.status()).isEqualTo(200);
        assertThat(http.post(MEGURO_WORKER, "/api/households/" + household + "/cases/" + son + "/leave", "{}").status())
                .isEqualTo(422);
    }

    @Test
    void aWorkerCannotLinkACaseTheirOrganisationDoesNotHold() {
        String meguro = open(MEGURO_WORKER, "{\"municipality\":\"13110\"}");
        String setagaya = open(SETAGAYA_WORKER, "{\"municipality\":\"13112\"}");
        Answer answer = http.post(MEGURO_WORKER, "/api/households", "{\"cases\":[\"" + meguro + "\",\"" + setagaya + "\"]}");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(EventStoreRows.countFor(jdbc, meguro)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one case            | {"cases":["0b0c6f8e-6f5d-4e55-9f57-1f2b3c4d5e6f"]}                                         | cases
            the same case twice | {"cases":["0b0c6f8e-6f5d-4e55-9f57-1f2b3c4d5e6f","0b0c6f8e-6f5d-4e55-9f57-1f2b3c4d5e6f"]} | cases[1]
            not an id           | {"cases":["0b0c6f8e-6f5d-4e55-9f57-1f2b3c4d5e6f","x"]}                                      | cases[1]
            no list             | {"cases":"0b0c6f8e-6f5d-4e55-9f57-1f2b3c4d5e6f"}                                           | cases
            unknown field       | {"cases":[],"name":"山田家"}                                                                | name
            """)
    void badHouseholdInputIsRefusedNamingTheField(String problem, String body, String field) {
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, "/api/households", body);
        assertThat(answer.status()).as(problem).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).as(problem).containsExactly(field);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void aMalformedHouseholdIdIsRefused() {
        Answer answer = http.post(MEGURO_WORKER, "/api/households/x/cases", "{\"caseId\":\"0b0c6f8e-6f5d-4e55-9f57-1f2b3c4d5e6f\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).isEqualTo(List.of("householdId"));
    }
}
