package jp.nimo.command.importing;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.crypto.PersonalData;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.workload.Workload;
import jp.nimo.reference.Areas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.TOKYO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk import through the real service: a synthetic Tokyo history goes in whole under the case rules, a second
 * sending changes nothing, bad lines are reported by field and store nothing while the others go in, a dry run
 * stores nothing, and CSV of one kind is the same import.
 */
@NimoServiceTest
class ImportResourceTest {

    private static final String NDJSON = "application/x-ndjson";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Areas areas;
    @Autowired
    PersonalData personalData;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE type = 'SupportCase'", Long.class);
    }

    private long rows(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static String workload(long seed, int cases) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        StringWriter body = new StringWriter();
        Workload.shipped(Areas.load()).writeNdjson(new Workload.Settings(seed, "13", cases, today.minusYears(3),
                today.minusDays(1)), body);
        return body.toString();
    }

    @Test
    void aSyntheticTokyoGoesInWholeAndSendingItAgainChangesNothing() {
        String body = workload(21, 40);
        long lines = body.lines().count();
        long cases = body.lines().filter(l -> l.contains("\"newCase\"")).count();
        long before = events();

        Answer first = http.postTyped(TOKYO_WORKER, "/api/import", NDJSON, body);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("rejected")).as(first.text()).isEmpty();
        assertThat(first.json().get("accepted").asLong()).isEqualTo(lines);
        assertThat(first.json().get("cases")).hasSize((int) cases);
        assertThat(events() - before).isEqualTo(lines + cases);
        // the agency's references and the external references are personal data: neither is stored in plain
        String someRef = first.json().get("cases").fieldNames().next();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Long.class, "%" + someRef + "\"%")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_case WHERE case_ref_digest = ?", Long.class, someRef))
                .isZero();

        long afterFirst = events();
        Answer again = http.postTyped(TOKYO_WORKER, "/api/import", NDJSON, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("accepted").asLong()).isZero();
        assertThat(again.json().get("duplicates").asLong()).isEqualTo(lines);
        assertThat(again.json().get("cases")).isEqualTo(first.json().get("cases"));
        assertThat(events()).isEqualTo(afterFirst);

        JsonNode runs = http.get(TOKYO_WORKER, "/api/imports").json().get("imports");
        assertThat(runs.get(0).get("state").asText()).isEqualTo("DONE");
        assertThat(runs.get(0).get("duplicates").asLong()).isEqualTo(lines);
        assertThat(runs.get(1).get("accepted").asLong()).isEqualTo(lines);
    }

    @Test
    void badLinesAreReportedByFieldAndStoreNothingWhileTheOthersGoIn() {
        String lines = String.join("\n",
                "{\"key\":\"bad-1\",\"caseRef\":\"MG-B-1\",\"newCase\":{\"municipality\":\"13110\",\"ageBand\":\"40-49\"},"
                        + "\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\"}}",
                "{\"key\":\"bad-2\",\"caseRef\":\"MG-B-1\",\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-02\",\"reason\":\"RUDE\"}}",
                "{\"key\":\"bad-3\",\"caseRef\":\"MG-B-1\",\"event\":{\"kind\":\"InpatientVisitedByCommunitySupporter\","
                        + "\"occurredOn\":\"2024-05-03\",\"visitorRoles\":[\"PEER_SUPPORTER\"],\"metPerson\":true}}",
                "{\"key\":\"bad-4\",\"caseRef\":\"MG-NOBODY\",\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}}",
                "not json at all",
                "",
                "{\"key\":\"bad-5\",\"caseRef\":\"SG-B-1\",\"newCase\":{\"municipality\":\"13112\"},"
                        + "\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}}",
                "{\"key\":\"bad-6\",\"caseRef\":\"MG-B-2\",\"newCase\":{\"municipality\":\"13110\"},"
                        + "\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2099-01-01\",\"reason\":\"INCOME\"}}",
                "{\"key\":\"bad-7\",\"caseRef\":\"MG-B-1\",\"event\":{\"kind\":\"HousingSearchStarted\",\"occurredOn\":\"2024-04-20\","
                        + "\"targetType\":\"SINGLE_APARTMENT\",\"note\":\"不動産店に同行\"}}");
        long before = events();
        long keysBefore = rows("case_key");

        Answer answer = http.postTyped(MEGURO_WORKER, "/api/import", NDJSON, lines);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(answer.json().get("lines").asLong()).isEqualTo(8);
        List<String> rejected = new ArrayList<>();
        answer.json().get("rejected").forEach(r -> rejected.add(r.get("line").asInt() + " " + r.get("errors").get(0).get("field").asText()));
        assertThat(rejected).containsExactly("2 event.reason", "3 event", "4 caseRef", "5 line", "7 newCase.municipality",
                "8 event.occurredOn");
        // one case opened (MG-B-2's line was refused whole, its case with it), two events recorded in it
        assertThat(events() - before).isEqualTo(3);
        assertThat(rows("case_key") - keysBefore).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE '%不動産店%'",
                Long.class)).isZero();
        // the note of a case opened in the same batch is sealed under that case's key, which was stored with it
        String caseId = answer.json().get("cases").get("MG-B-1").asText();
        String sealedNote = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb #>> '{personal,note}'"
                + " FROM domainevententry WHERE aggregateidentifier = ? AND convert_from(payload, 'UTF8') LIKE '%HousingSearchStarted%' AND payloadtype LIKE '%CaseEventRecorded'",
                String.class, caseId);
        assertThat(sealedNote).startsWith(PersonalData.PREFIX);
        assertThat(personalData.open(caseId, Map.of("note", sealedNote)).orElseThrow()).containsEntry("note", "不動産店に同行");

        // the same key with another line is refused; with the same line it is a duplicate
        Answer reused = http.postTyped(MEGURO_WORKER, "/api/import", NDJSON, "{\"key\":\"bad-1\",\"caseRef\":\"MG-B-1\","
                + "\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-06-01\",\"reason\":\"INCOME\"}}");
        assertThat(reused.json().get("rejected").get(0).get("errors").get(0).get("field").asText()).isEqualTo("key");
        assertThat(events() - before).isEqualTo(3);
    }

    @Test
    void aKeyRepeatedInOneBodyIsADuplicateOrRefusedAndTheCaseItOpenedIsFoundByTheLaterLines() {
        String open = "{\"key\":\"same-1\",\"caseRef\":\"MG-S-1\",\"newCase\":{\"municipality\":\"13110\"},"
                + "\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}}";
        String body = String.join("\n", open, open,
                "{\"key\":\"same-1\",\"caseRef\":\"MG-S-1\",\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-09\","
                        + "\"reason\":\"INCOME\"}}",
                "{\"key\":\"same-2\",\"caseRef\":\"MG-S-1\",\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-10\","
                        + "\"reason\":\"PREJUDICE\"}}");
        long before = events();

        Answer answer = http.postTyped(MEGURO_WORKER, "/api/import", NDJSON, body);

        assertThat(answer.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(answer.json().get("duplicates").asLong()).isEqualTo(1);
        assertThat(answer.json().get("rejected").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(answer.json().get("rejected").get(0).get("errors").get(0).get("field").asText()).isEqualTo("key");
        assertThat(events() - before).isEqualTo(3);
    }

    /**
     * A batch appends its events together at its end. Here another writer takes the next place in one of the
     * batch's cases between the batch reading the case and appending to it (a trigger, once, on the batch's line
     * keys): the batch is undone and applied again line by line, and every line goes in exactly once.
     */
    @Test
    void aBatchThatMeetsAConcurrentWriteIsAppliedAgainLineByLineAndStoresEverythingOnce() {
        String opened = http.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId");
        String body = String.join("\n",
                "{\"key\":\"race-1\",\"caseId\":\"" + opened + "\",\"event\":{\"kind\":\"RentalRefused\","
                        + "\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}}",
                "{\"key\":\"race-2\",\"caseRef\":\"MG-R-1\",\"newCase\":{\"municipality\":\"13110\"},"
                        + "\"event\":{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-02\",\"reason\":\"PREJUDICE\"}}",
                "{\"key\":\"race-3\",\"caseId\":\"" + opened + "\",\"event\":{\"kind\":\"RentalRefused\","
                        + "\"occurredOn\":\"2024-05-03\",\"reason\":\"PREJUDICE\"}}");
        long before = events();
        jdbc.execute("CREATE SEQUENCE race_once");
        jdbc.execute("CREATE FUNCTION race_in() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF nextval('race_once') = 1 THEN"
                + " INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, payload,"
                + " payloadtype, timestamp) SELECT '" + opened + "', max(sequencenumber) + 1, 'SupportCase',"
                + " gen_random_uuid()::text, '\\x7b7d', 'concurrent', now()::text FROM domainevententry"
                + " WHERE aggregateidentifier = '" + opened + "'; END IF; RETURN NULL; END $$");
        jdbc.execute("CREATE TRIGGER race AFTER INSERT ON import_line FOR EACH STATEMENT EXECUTE FUNCTION race_in()");
        Answer answer;
        try {
            answer = http.postTyped(MEGURO_WORKER, "/api/import", NDJSON, body);
        } finally {
            jdbc.execute("DROP TRIGGER race ON import_line");
            jdbc.execute("DROP FUNCTION race_in()");
        }
        long raced = jdbc.queryForObject("SELECT last_value FROM race_once", Long.class);
        jdbc.execute("DROP SEQUENCE race_once");

        // the trigger ran for each statement storing line keys, in both tries; only its first run wrote
        assertThat(raced).as("the line keys were stored in the first try").isGreaterThan(1);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("rejected")).as(answer.text()).isEmpty();
        assertThat(answer.json().get("accepted").asLong()).isEqualTo(3);
        assertThat(answer.json().get("cases")).hasSize(1);
        // the three lines and the case one of them opened, once each; the concurrent row went with the first try
        assertThat(events() - before).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = 'concurrent'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_line WHERE line_key LIKE 'race-%'", Long.class))
                .isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT sequencenumber FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber", Long.class, opened)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aDryRunChecksEverythingAndStoresNothing() {
        String body = workload(22, 15);
        long before = events();
        long keys = rows("case_key");
        long imported = rows("import_line");

        Answer dry = http.postTyped(TOKYO_WORKER, "/api/import?dryRun=true", NDJSON, body
                + "{\"key\":\"dry-bad\",\"caseRef\":\"X\",\"event\":{\"kind\":\"Nonsense\",\"occurredOn\":\"2024-05-01\"}}\n");

        assertThat(dry.status()).as(dry.text()).isEqualTo(200);
        assertThat(dry.json().get("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().get("accepted").asLong()).isEqualTo(body.lines().count());
        assertThat(dry.json().get("rejectedCount").asLong()).isEqualTo(1);
        assertThat(dry.json().get("cases")).isEmpty();
        assertThat(events()).isEqualTo(before);
        assertThat(rows("case_key")).isEqualTo(keys);
        assertThat(rows("import_line")).isEqualTo(imported);

        Answer real = http.postTyped(TOKYO_WORKER, "/api/import", NDJSON, body);
        assertThat(real.json().get("accepted").asLong()).isEqualTo(body.lines().count());
    }

    @Test
    void aCsvOfOneKindIsTheSameImportAndAnUnknownColumnIsRefusedBeforeAnyRow() {
        String csv = "key,caseRef,newCase.municipality,newCase.ageBand,occurredOn,reasons,note\r\n"
                + "csv-1,MG-C-1,13110,50-59,2024-03-01,HOUSING_NOT_FOUND|FAMILY_OPPOSITION,\"長期入院, 退院先が\n見つからない\"\r\n"
                + "csv-2,MG-C-1,,,2024-04-01,HOUSING_NOT_FOUND,\r\n"
                + "csv-3,MG-C-2,13110,,2024-04-02,NOT_A_REASON,\r\n";
        long before = events();

        Answer answer = http.postTyped(MEGURO_WORKER, "/api/import?kind=DischargeDelayed", "text/csv", csv);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(answer.json().get("rejected").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(answer.json().get("rejected").get(0).get("errors").get(0).get("field").asText()).isEqualTo("event.reasons");
        assertThat(events() - before).isEqualTo(3);

        Answer unknown = http.postTyped(MEGURO_WORKER, "/api/import?kind=DischargeDelayed", "text/csv",
                "key,caseRef,occurredOn,reasons,colour\r\ncsv-9,MG-C-9,2024-03-01,OTHER,red\r\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("colour");
        assertThat(http.postTyped(MEGURO_WORKER, "/api/import", "text/csv", "key\r\n").status()).isEqualTo(400);
        assertThat(events() - before).isEqualTo(3);
    }

    @Test
    void onlySupportWorkersImport() {
        assertThat(http.postTyped(MEGURO_SECRETARIAT, "/api/import", NDJSON, "{}").status()).isEqualTo(403);
        assertThat(http.get(MEGURO_SECRETARIAT, "/api/imports").status()).isEqualTo(403);
    }
}
