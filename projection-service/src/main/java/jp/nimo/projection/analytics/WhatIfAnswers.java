package jp.nimo.projection.analytics;

import jp.nimo.detection.Signal;
import jp.nimo.projection.indicators.IndicatorAnswer;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.shared.SuppressedTable;
import jp.nimo.reference.Area;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Category;
import jp.nimo.reference.Councils;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.RegionCode;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Runs a what-if over the recorded signals and turns its candidates into de-identified, suppressed evidence. */
@Component
public class WhatIfAnswers {

    private final RecordedSignals signals;
    private final Councils councils;
    private final Areas areas;
    private final Categories categories;
    private final EventKindCatalogue catalogue;

    public WhatIfAnswers(RecordedSignals signals, Councils councils, Areas areas, Categories categories,
                         EventKindCatalogue catalogue) {
        this.signals = signals;
        this.councils = councils;
        this.areas = areas;
        this.categories = categories;
        this.catalogue = catalogue;
    }

    public WhatIfAnswer answer(WhatIfRequest request, Disclosure disclosure) {
        WhatIfReplay replay = new WhatIfReplay(request.category(), request.rule(), councils, areas);
        signals.replay(request.category(), request.from(), request.to(), replay::offer);
        List<WhatIfAnswer.CandidateView> candidates = replay.candidates().stream()
                .map(c -> view(c, disclosure)).toList();
        var rule = request.rule();
        String categoryLabel = categories.category(request.category()).map(Category::label).map(l -> l.ja()).orElse(null);
        int considered = replay.offered();
        return new WhatIfAnswer(new WhatIfAnswer.Rule(request.category(), categoryLabel, rule.minSignals(),
                rule.minDistinctCases(), rule.windowDays(), rule.areaLevel().name()), request.from(), request.to(),
                new IndicatorAnswer.Suppression(disclosure.suppresses(), disclosure.threshold()),
                disclosure.hides(considered) ? null : considered, candidates.size(), candidates);
    }

    private record Cell(String kind, String month, String municipality) {
    }

    /** The candidate's evidence as counts by kind, month and municipality, suppressed as one table with its total. */
    private WhatIfAnswer.CandidateView view(WhatIfReplay.Candidate candidate, Disclosure disclosure) {
        Map<Cell, Integer> counts = new TreeMap<>(Comparator.comparing(Cell::kind).thenComparing(Cell::month)
                .thenComparing(Cell::municipality));
        Set<String> cases = new HashSet<>();
        LocalDate first = null;
        LocalDate last = null;
        for (Signal s : candidate.evidence()) {
            counts.merge(new Cell(s.kind(), s.month(), s.municipality().value()), 1, Integer::sum);
            cases.add(s.caseId());
            first = first == null || s.occurredOn().isBefore(first) ? s.occurredOn() : first;
            last = last == null || s.occurredOn().isAfter(last) ? s.occurredOn() : last;
        }
        SuppressedTable.Builder builder = SuppressedTable.builder();
        List<Cell> cells = new ArrayList<>(counts.keySet());
        for (int i = 0; i < cells.size(); i++) {
            builder.cell("c" + i, counts.get(cells.get(i)));
        }
        builder.cell("signals", candidate.evidence().size());
        builder.cell("distinctCases", cases.size());
        builder.relation("signals", java.util.stream.IntStream.range(0, cells.size()).mapToObj(i -> "c" + i).toList());
        SuppressedTable table = disclosure.suppresses() ? builder.suppressed(disclosure.threshold()) : builder.disclosed();
        List<WhatIfAnswer.EvidenceCell> evidence = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            Long shown = table.shown("c" + i);
            evidence.add(new WhatIfAnswer.EvidenceCell(cell.kind(),
                    catalogue.kind(cell.kind()).map(EventKind::label).map(l -> l.ja()).orElse(cell.kind()), cell.month(),
                    cell.municipality(), shown == null ? null : shown.intValue(), table.isHidden("c" + i)));
        }
        Long signalCount = table.shown("signals");
        Long distinct = table.shown("distinctCases");
        return new WhatIfAnswer.CandidateView(candidate.issueId().value(), area(candidate.area()).view(),
                candidate.category(), candidate.raisedBy().occurredOn(), candidate.raisedBy().detectedAt(),
                signalCount == null ? null : signalCount.intValue(), distinct == null ? null : distinct.intValue(),
                first, last, table.anyHidden(), evidence);
    }

    private AreaScope area(Area area) {
        return area.level() == AreaLevel.REGION
                ? AreaScope.of(areas.region(RegionCode.of(area.code())).orElseThrow())
                : AreaScope.of(areas.municipality(MunicipalityCode.of(area.code())).orElseThrow());
    }

    /** One CSV row per candidate and evidence cell. */
    public static CsvDownload csv(WhatIfAnswer answer) {
        CsvDownload csv = new CsvDownload("candidate_id", "area_level", "area_code", "area_label", "category",
                "raised_on", "raised_at", "signals", "distinct_cases", "first_on", "last_on", "kind", "kind_label",
                "month", "municipality", "cell_signals", "suppressed");
        for (WhatIfAnswer.CandidateView c : answer.candidates()) {
            for (WhatIfAnswer.EvidenceCell e : c.evidence()) {
                csv.row(c.candidateId(), c.area().level(), c.area().code(), c.area().label(), c.category(), c.raisedOn(),
                        c.raisedAt(), c.signals(), c.distinctCases(), c.firstOn(), c.lastOn(), e.kind(), e.kindLabel(),
                        e.month(), e.municipality(), e.signals(), e.suppressed());
            }
        }
        return csv;
    }
}
