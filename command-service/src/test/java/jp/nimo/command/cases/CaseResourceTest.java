package jp.nimo.command.cases;

import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/** The case resources of the write side, over real HTTP and the real event store on PostgreSQL. */
@NimoServiceTest
class CaseResourceTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http http;
    private String caseId;

    @BeforeEach
    void openMeguroCase() {
        http = new Http(port);
        Answer opened = http.post(MEGURO_WORKER, "/api/cases", """
                {"municipality":"13110","externalRef":"MG-001","ageBand":"40-49"}""");
        assertThat(opened.status()).isEqualTo(201);
        caseId = opened.field("caseId");
        assertThat(caseId).isNotBlank();
    }

    private String events() {
        return "/api/cases/" + caseId + "/events";
    }

    @Test
    void erasingTheCaseDestroysItsKeyInTheSameRequest() {
        String key = "SELECT wrapped_key IS NOT NULL FROM case_key WHERE case_id = ?";
        assertThat(jdbc.queryForObject(key, Boolean.class, caseId)).isTrue();
        Answer erased = http.post(MEGURO_WORKER, "/api/cases/" + caseId + "/erasure", "{\"reason\":\"本人からの請求\"}");
        assertThat(erased.status()).isEqualTo(202);
        assertThat(erased.json().get("erased").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject(key, Boolean.class, caseId)).as("the key is gone when the answer comes").isFalse();
    }

    @Test
    void aRecordedEventIsStoredAndAnsweredWithItsPlaceInTheCase() {
        Answer answer = http.post(MEGURO_WORKER, events(), """
                {"kind":"RentalRefused","occurredOn":"2024-05-01","reason":"PREJUDICE","note":"家主に断られた"}""");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.field("caseId")).isEqualTo(caseId);
        assertThat(answer.json().get("sequence").asLong()).isEqualTo(1);
        assertThat(answer.field("eventId")).isNotBlank();
        assertThat(EventStoreRows.countFor(jdbc, caseId)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown kind           | {"kind":"RentRefused","occurredOn":"2024-05-01","reason":"INCOME"}                  | kind
            missing kind           | {"occurredOn":"2024-05-01","reason":"INCOME"}                                        | kind
            missing field          | {"kind":"RentalRefused","occurredOn":"2024-05-01"}                                   | reason
            unknown field          | {"kind":"RentalRefused","occurredOn":"2024-05-01","reason":"INCOME","dob":"1980-01-01"} | dob
            bad enum value         | {"kind":"RentalRefused","occurredOn":"2024-05-01","reason":"RUDE"}                   | reason
            malformed date         | {"kind":"RentalRefused","occurredOn":"2024-02-30","reason":"INCOME"}                 | occurredOn
            missing date           | {"kind":"RentalRefused","reason":"INCOME"}                                           | occurredOn
            wrong type             | {"kind":"EmergencyAdmissionSearchFailed","occurredOn":"2024-05-01","hospitalsContacted":"many"} | hospitalsContacted
            """)
    void badInputIsRefusedNamingTheFieldAndStoresNothing(String problem, String body, String field) {
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, events(), body);
        assertThat(answer.status()).as(problem).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsText("field")).contains(field);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void aFutureDateIsRefusedAndStoresNothing() {
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, events(),
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"" + tomorrow + "\",\"reason\":\"INCOME\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("occurredOn");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void malformedJsonIsRefusedAndStoresNothing() {
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, events(), "{\"kind\":");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("body");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void anUnknownCaseIs404AndStoresNothing() {
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, "/api/cases/" + UUID.randomUUID() + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(http.post(MEGURO_WORKER, "/api/cases/not-a-case/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}").status()).isEqualTo(404);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void aBrokenCaseRuleIs422AndStoresNothing() {
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, events(),
                "{\"kind\":\"Discharged\",\"occurredOn\":\"2024-05-01\",\"destination\":\"HOME\"}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.field("rule")).isEqualTo("discharge-without-admission");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void aVisitWithoutConsentIs422NamingTheConsentAndStoresNothing() {
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, events(), """
                {"kind":"InpatientVisitedByCommunitySupporter","occurredOn":"2024-05-01","visitorRoles":["PUBLIC_HEALTH_NURSE"],"metPerson":true}""");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.field("missingConsent")).isEqualTo("VISIT");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void theSameIdempotencyKeyTwiceStoresOneEventAndAnswersTheSame() {
        String body = "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-02\",\"refusedService\":\"VISIT\"}";
        Answer first = http.post(MEGURO_WORKER, events(), body, "visit-refused-1");
        Answer second = http.post(MEGURO_WORKER, events(), body, "visit-refused-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(EventStoreRows.countFor(jdbc, caseId)).isEqualTo(2);
    }

    @Test
    void theSameKeyWithJsonInAnotherOrderIsTheSameRequest() {
        Answer first = http.post(MEGURO_WORKER, events(),
                "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-02\",\"refusedService\":\"VISIT\"}", "k-order");
        Answer second = http.post(MEGURO_WORKER, events(),
                "{ \"refusedService\": \"VISIT\", \"occurredOn\": \"2024-05-02\", \"kind\": \"SupportRefused\" }", "k-order");
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(EventStoreRows.countFor(jdbc, caseId)).isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndStoresNothing() {
        http.post(MEGURO_WORKER, events(), "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-02\",\"refusedService\":\"VISIT\"}", "k-2");
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, events(),
                "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-03\",\"refusedService\":\"VISIT\"}", "k-2");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.field("field")).isEqualTo("Idempotency-Key");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void openingACaseTwiceWithOneKeyOpensOneCase() {
        long before = EventStoreRows.count(jdbc);
        String body = "{\"municipality\":\"13110\",\"ageBand\":\"30-39\"}";
        Answer first = http.post(MEGURO_WORKER, "/api/cases", body, "open-setagaya-1");
        Answer second = http.post(MEGURO_WORKER, "/api/cases", body, "open-setagaya-1");
        assertThat(second.field("caseId")).isEqualTo(first.field("caseId"));
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before + 1);
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOneEvent() throws Exception {
        String body = "{\"kind\":\"NeighbourComplaintReceived\",\"occurredOn\":\"2024-05-03\",\"behaviourType\":\"LOUD_VOICE\"}";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Answer>> retries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                retries.add(() -> http.post(MEGURO_WORKER, events(), body, "complaint-1"));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : pool.invokeAll(retries)) {
                answers.add(f.get());
            }
            // a retry that lost the race on the aggregate itself may see 409 and retry; none may store twice
            assertThat(answers).extracting(Answer::status).allMatch(s -> s == 201 || s == 409);
            assertThat(answers).filteredOn(a -> a.status() == 201).extracting(a -> a.field("eventId")).containsOnly(
                    answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().field("eventId"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(EventStoreRows.countFor(jdbc, caseId)).isEqualTo(2);
    }

    @Test
    void newCaseInputIsCheckedAndStoresNothing() {
        long before = EventStoreRows.count(jdbc);
        Answer answer = http.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"99999\",\"ageBand\":\"forty\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("municipality", "ageBand");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void onlyAuthenticatedWorkersWriteAndHealthIsOpen() {
        long before = EventStoreRows.count(jdbc);
        Answer anonymous = http.post(null, events(), "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-02\",\"refusedService\":\"VISIT\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        Answer analyst = http.post(TestUsers.ANALYST, events(), "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-02\",\"refusedService\":\"VISIT\"}");
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
        assertThat(http.get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(http.get(null, "/actuator/prometheus").status()).isEqualTo(401);
    }
}
