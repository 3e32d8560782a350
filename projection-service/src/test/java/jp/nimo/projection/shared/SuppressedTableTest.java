package jp.nimo.projection.shared;

import jp.nimo.projection.indicators.Derivation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Small-count suppression: small counts are hidden, and no hidden count can be had from the rest of the answer. */
class SuppressedTableTest {

    private static final int K = 5;

    @Test
    void aSmallCountIsHiddenAndSoIsTheNextSmallestOfItsRowSoThatTheTotalGivesNothingAway() {
        // 目黒区's 23条 reports by outcome: 措置 6, 医療保護 3, 入院なし 12, 対応中 19; total 40
        SuppressedTable table = SuppressedTable.builder()
                .cell("total", 40).cell("INVOLUNTARY", 6).cell("MEDICAL_PROTECTION", 3).cell("NO_ADMISSION", 12)
                .cell("PENDING", 19)
                .relation("total", List.of("INVOLUNTARY", "MEDICAL_PROTECTION", "NO_ADMISSION", "PENDING"))
                .suppressed(K);

        assertThat(table.hiddenCells()).containsExactlyInAnyOrder("MEDICAL_PROTECTION", "INVOLUNTARY");
        assertThat(table.shown("total")).isEqualTo(40);
        assertThat(table.shown("NO_ADMISSION")).isEqualTo(12);
        assertNothingDerivable(table, Map.of("total", 40L, "INVOLUNTARY", 6L, "MEDICAL_PROTECTION", 3L,
                "NO_ADMISSION", 12L, "PENDING", 19L));
    }

    @Test
    void twoOnesUnderAShownTotalAreNotLeftToBeWorkedOut() {
        // hidden 1 + hidden 1 = 12 - 10: knowing hidden counts are at least 1, both would be 1
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("total", 12L);
        values.put("a", 1L);
        values.put("b", 1L);
        values.put("c", 10L);
        SuppressedTable.Builder builder = SuppressedTable.builder();
        values.forEach(builder::cell);
        SuppressedTable table = builder.relation("total", List.of("a", "b", "c")).suppressed(K);

        assertThat(table.hiddenCells()).contains("a", "b");
        assertThat(table.hiddenCells()).hasSizeGreaterThan(2);
        assertNothingDerivable(table, values);
    }

    @Test
    void aHiddenTotalWithEveryPartShownHidesAPartToo() {
        Map<String, Long> values = Map.of("total", 4L, "a", 0L, "b", 4L);
        SuppressedTable table = SuppressedTable.builder().cell("total", 4).cell("a", 0).cell("b", 4)
                .relation("total", List.of("a", "b")).suppressed(K);

        assertThat(table.hiddenCells()).containsExactlyInAnyOrder("total", "b");
        assertThat(table.shown("a")).isZero();
        assertNothingDerivable(table, values);
    }

    @Test
    void aViewerWhoSeesEveryCountSeesThemAsTheyAre() {
        SuppressedTable table = SuppressedTable.builder().cell("total", 4).cell("a", 1).cell("b", 3)
                .relation("total", List.of("a", "b")).disclosed();

        assertThat(table.anyHidden()).isFalse();
        assertThat(table.shown("a")).isEqualTo(1);
    }

    @Test
    void aRegionOfMunicipalitiesByOutcomeAndResidenceLeavesNoHiddenCellDerivable() {
        // 区西南部: 目黒区, 世田谷区, 渋谷区; each by outcome (3) and by residence (2); the region is their sum
        long[][] outcome = {{6, 3, 31}, {2, 14, 9}, {0, 1, 7}};
        long[][] residence = {{32, 8}, {22, 3}, {8, 0}};
        Map<String, Long> values = new LinkedHashMap<>();
        SuppressedTable.Builder builder = SuppressedTable.builder();
        String[] areas = {"13110", "13112", "13113"};
        long[] regionOutcome = new long[3];
        long[] regionResidence = new long[2];
        for (int a = 0; a < 3; a++) {
            long total = outcome[a][0] + outcome[a][1] + outcome[a][2];
            put(values, builder, areas[a] + "|total", total);
            for (int o = 0; o < 3; o++) {
                put(values, builder, areas[a] + "|o" + o, outcome[a][o]);
                regionOutcome[o] += outcome[a][o];
            }
            for (int r = 0; r < 2; r++) {
                put(values, builder, areas[a] + "|r" + r, residence[a][r]);
                regionResidence[r] += residence[a][r];
            }
        }
        put(values, builder, "R|total", values.get("13110|total") + values.get("13112|total") + values.get("13113|total"));
        for (int o = 0; o < 3; o++) {
            put(values, builder, "R|o" + o, regionOutcome[o]);
        }
        for (int r = 0; r < 2; r++) {
            put(values, builder, "R|r" + r, regionResidence[r]);
        }
        for (String area : List.of("13110", "13112", "13113", "R")) {
            builder.relation(area + "|total", List.of(area + "|o0", area + "|o1", area + "|o2"));
            builder.relation(area + "|total", List.of(area + "|r0", area + "|r1"));
        }
        for (String part : List.of("total", "o0", "o1", "o2", "r0", "r1")) {
            builder.relation("R|" + part, List.of("13110|" + part, "13112|" + part, "13113|" + part));
        }

        SuppressedTable table = builder.suppressed(K);

        assertThat(table.hiddenCells()).contains("13110|o1", "13112|o0", "13113|o1", "13112|r1");
        assertNothingDerivable(table, values);
    }

    @Test
    void randomTablesWithMarginsNeverLeaveAHiddenCellDerivable() {
        Random random = new Random(20240401L);
        for (int round = 0; round < 150; round++) {
            int rows = 2 + random.nextInt(2);
            int columns = 2 + random.nextInt(3);
            long[][] cells = new long[rows][columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    // mostly small counts, some zeros, some large ones
                    int roll = random.nextInt(10);
                    cells[r][c] = roll < 2 ? 0 : roll < 7 ? 1 + random.nextInt(4) : 5 + random.nextInt(8);
                }
            }
            Map<String, Long> values = new LinkedHashMap<>();
            SuppressedTable.Builder builder = SuppressedTable.builder();
            long grand = 0;
            for (int r = 0; r < rows; r++) {
                long row = 0;
                for (int c = 0; c < columns; c++) {
                    put(values, builder, "c" + r + "_" + c, cells[r][c]);
                    row += cells[r][c];
                }
                put(values, builder, "r" + r, row);
                grand += row;
            }
            for (int c = 0; c < columns; c++) {
                long column = 0;
                for (int r = 0; r < rows; r++) {
                    column += cells[r][c];
                }
                put(values, builder, "k" + c, column);
            }
            put(values, builder, "g", grand);
            for (int r = 0; r < rows; r++) {
                List<String> parts = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    parts.add("c" + r + "_" + c);
                }
                builder.relation("r" + r, parts);
            }
            List<String> rowTotals = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                rowTotals.add("r" + r);
            }
            builder.relation("g", rowTotals);
            List<String> columnTotals = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                List<String> parts = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    parts.add("c" + r + "_" + c);
                }
                builder.relation("k" + c, parts);
                columnTotals.add("k" + c);
            }
            builder.relation("g", columnTotals);

            SuppressedTable table = builder.suppressed(K);

            for (Map.Entry<String, Long> cell : values.entrySet()) {
                if (cell.getValue() >= 1 && cell.getValue() < K) {
                    assertThat(table.isHidden(cell.getKey())).as("round %d, %s", round, cell.getKey()).isTrue();
                }
            }
            assertNothingDerivable(table, values);
        }
    }

    private static void put(Map<String, Long> values, SuppressedTable.Builder builder, String id, long value) {
        values.put(id, value);
        builder.cell(id, value);
    }

    /** Every hidden cell could, as far as the rest of the answer tells, have had another value. */
    static void assertNothingDerivable(SuppressedTable table, Map<String, Long> values) {
        Map<String, Long> shown = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        for (String cell : table.cells()) {
            if (table.isHidden(cell)) {
                hidden.add(cell);
                assertThat(table.shown(cell)).isNull();
            } else {
                shown.put(cell, table.shown(cell));
            }
        }
        List<Derivation.Sum> sums = table.relations().stream()
                .map(r -> new Derivation.Sum(r.total(), r.parts())).toList();
        long bound = values.values().stream().mapToLong(Long::longValue).max().orElse(1) + 2;
        Derivation attacker = new Derivation(shown, hidden, sums, bound);
        for (String cell : hidden) {
            assertThat(attacker.hasAlternative(cell, values.get(cell)))
                    .as("hidden %s = %d can be derived from the rest (hidden: %s)", cell, values.get(cell), hidden)
                    .isTrue();
        }
    }
}
