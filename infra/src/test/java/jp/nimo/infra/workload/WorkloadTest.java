package jp.nimo.infra.workload;

import jp.nimo.cases.RecordingWindow;
import jp.nimo.infra.reference.ReferenceJson;
import jp.nimo.infra.web.input.CaseEventInput;
import jp.nimo.infra.workload.Workload.Line;
import jp.nimo.infra.workload.Workload.Settings;
import jp.nimo.reference.Areas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A synthetic Tokyo: reproducible, valid against the catalogue, and with clusters for detection to find. */
class WorkloadTest {

    private static final LocalDate FROM = LocalDate.parse("2022-04-01");
    private static final LocalDate TO = LocalDate.parse("2025-03-31");
    private static final Settings TOKYO = new Settings(7, "13", 2_000, FROM, TO);

    private final Areas areas = Areas.load();
    private final Workload workload = Workload.shipped(areas);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theSameSeedGivesTheSameLinesAndASmallerWorkloadIsThePrefixOfALargerOnesCases() {
        StringWriter once = new StringWriter();
        StringWriter again = new StringWriter();
        workload.writeNdjson(TOKYO, once);
        workload.writeNdjson(TOKYO, again);
        assertThat(once.toString()).isEqualTo(again.toString()).isNotEmpty();

        List<Line> small = workload.lines(new Settings(7, "13", 50, FROM, TO)).filter(l -> number(l) < 50).toList();
        List<Line> large = workload.lines(TOKYO).filter(l -> number(l) < 50).toList();
        assertThat(small).isEqualTo(large).isNotEmpty();
        assertThat(workload.lines(new Settings(8, "13", 50, FROM, TO)).toList()).isNotEqualTo(
                workload.lines(new Settings(7, "13", 50, FROM, TO)).toList());
    }

    @Test
    void everyEventPassesTheCatalogueAndEveryCaseStartsWithItsNewCaseInThePrefecture() {
        CaseEventInput input = new CaseEventInput(ReferenceJson.eventKinds(), areas);
        RecordingWindow window = new RecordingWindow(TO, Period.ofYears(10));
        Set<String> keys = new HashSet<>();
        Set<String> opened = new HashSet<>();
        List<Line> lines = workload.lines(TOKYO).toList();
        for (Line line : lines) {
            assertThat(keys.add(line.key())).as("key %s once", line.key()).isTrue();
            input.read(line.toJson(json).get("event"), window);
            assertThat(line.occurredOn()).isBetween(FROM, TO);
            if (opened.add(line.caseRef())) {
                assertThat(line.newCase()).as("first line of %s", line.caseRef()).isNotNull();
                assertThat(line.newCase().municipality()).startsWith("13");
            } else {
                assertThat(line.newCase()).isNull();
            }
        }
        assertThat(opened).hasSizeGreaterThanOrEqualTo(TOKYO.cases());
        // every municipality of Tokyo has cases, and the kinds come in the stories' proportions
        assertThat(lines.stream().filter(l -> l.newCase() != null).map(l -> l.newCase().municipality()).distinct().count())
                .isEqualTo(areas.municipalities().stream().filter(m -> m.prefectureCode().equals("13")).count());
        Map<String, Long> kinds = lines.stream().collect(Collectors.groupingBy(Line::kind, Collectors.counting()));
        assertThat(kinds.get("ConsultationReceived")).isGreaterThan(kinds.get("PoliceReportReceived") * 2);
        assertThat(kinds).containsKeys("Admitted", "Discharged", "RentalRefused", "LongStayInpatientListed",
                "ConsentGranted", "InpatientVisitedByCommunitySupporter", "NeighbourComplaintReceived");
    }

    @Test
    void plantedRefusalsGiveAMunicipalityThreeRefusedTenanciesFromThreeCasesWithin90Days() {
        Map<String, TreeMap<LocalDate, Set<String>>> refusals = new HashMap<>();
        Map<String, String> municipalityOf = new HashMap<>();
        workload.lines(new Settings(11, "13", 300, FROM, TO)).forEach(line -> {
            if (line.newCase() != null) {
                municipalityOf.put(line.caseRef(), line.newCase().municipality());
            }
            if (line.kind().equals("RentalRefused")) {
                refusals.computeIfAbsent(municipalityOf.get(line.caseRef()), m -> new TreeMap<>())
                        .computeIfAbsent(line.occurredOn(), d -> new HashSet<>()).add(line.caseRef());
            }
        });
        assertThat(refusals.values()).anySatisfy(byDate -> assertThat(byDate.keySet()).anySatisfy(first -> {
            Set<String> cases = new HashSet<>();
            byDate.subMap(first, true, first.plusDays(90), true).values().forEach(cases::addAll);
            assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
            assertThat(ChronoUnit.DAYS.between(first, byDate.lastKey())).isNotNegative();
        }));
    }

    private static int number(Line line) {
        return Integer.parseInt(line.caseRef().substring(line.caseRef().indexOf('-') + 1));
    }
}
