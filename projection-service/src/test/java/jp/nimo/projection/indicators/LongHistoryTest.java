package jp.nimo.projection.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.timeline.CaseTimelineProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.time.LocalDate;
import java.util.List;

import static jp.nimo.projection.indicators.AnalyticsWorld.awaitQuiet;
import static jp.nimo.projection.indicators.AnalyticsWorld.openCase;
import static jp.nimo.projection.indicators.AnalyticsWorld.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * History longer than the backdating limit: long-stay inpatients of 目黒区 admitted in 1985 and 1979 (the
 * seeds' 1年以上の長期在院者 include stays of decades), listed and discharged in fiscal year 2017. The
 * events are taken, shown and counted; none stops a projection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = AnalyticsWorld.ReadSide.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongHistoryTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void staysThatBeganBefore1990AreShownOnTheTimelineAndCountedInTheYearTheyEnded() {
        Http read = new Http(port);
        String since1985 = openCase("13110");
        record(since1985, "Admitted", LocalDate.parse("1985-06-01"), "admissionType", "MEDICAL_PROTECTION", "longStay", true);
        record(since1985, "LongStayInpatientListed", LocalDate.parse("2017-05-10"), "lengthOfStayBand", "TEN_YEARS_OR_MORE",
                "listedWithConsent", true);
        record(since1985, "Discharged", LocalDate.parse("2017-10-02"), "destination", "GROUP_HOME");
        String since1979 = openCase("13110");
        record(since1979, "Admitted", LocalDate.parse("1979-02-01"), "admissionType", "VOLUNTARY", "longStay", true);
        awaitQuiet(jdbc, List.of(IndicatorProjection.NAME, CaseTimelineProjection.NAME));

        Answer timeline = read.get(TestUsers.TOKYO_WORKER, "/api/cases/" + since1985 + "/timeline");
        assertThat(timeline.status()).as(timeline.text()).isEqualTo(200);
        JsonNode entries = timeline.json().get("entries");
        assertThat(entries.findValuesAsText("kind"))
                .containsExactly("Admitted", "LongStayInpatientListed", "Discharged", "CaseOpened");
        assertThat(entries.get(0).get("occurredOn").asText()).isEqualTo("1985-06-01");
        Answer older = read.get(TestUsers.TOKYO_WORKER, "/api/cases/" + since1979 + "/timeline");
        assertThat(older.json().get("entries").get(0).get("occurredOn").asText()).isEqualTo("1979-02-01");

        Answer fy2017 = read.get(TestUsers.MEGURO_SECRETARIAT, "/api/indicators?municipality=13110&fiscalYear=2017");
        assertThat(fy2017.status()).as(fy2017.text()).isEqualTo(200);
        assertThat(value(fy2017.json(), "LONG_STAY_INPATIENTS_LISTED")).isEqualTo(1.0);
        assertThat(value(fy2017.json(), "LONG_STAY_DISCHARGES")).isEqualTo(1.0);
    }

    private static double value(JsonNode answer, String indicator) {
        for (JsonNode figures : answer.get("indicators")) {
            if (figures.get("code").asText().equals(indicator)) {
                return figures.get("values").get(0).get("value").asDouble();
            }
        }
        throw new AssertionError("no " + indicator + " in " + answer);
    }
}
