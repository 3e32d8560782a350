package jp.nimo.projection.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import jp.nimo.projection.indicators.IndicatorAnswer;
import jp.nimo.projection.shared.AreaScope;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * POST /api/analytics/what-if: the candidates a rule would have raised over the signals dated in
 * [from, to], each with de-identified evidence: counts of signals by kind, month and municipality, the
 * number of distinct cases, the first and last dates. Never a case id.
 */
public record WhatIfAnswer(Rule rule, LocalDate from, LocalDate to, IndicatorAnswer.Suppression suppression,
                           @JsonInclude(JsonInclude.Include.ALWAYS) Integer signalsConsidered, int candidateCount,
                           List<CandidateView> candidates) {

    public record Rule(String category, String categoryLabel, int minSignals, int minDistinctCases, int windowDays,
                       String areaLevel) {
    }

    /**
     * @param candidateId the id live detection gives a candidate raised from the same window, so a
     *                    what-if candidate can be matched with the board
     * @param raisedOn    the business date of the signal that completed the rule
     * @param raisedAt    when live detection would have known it (the detection clock at that signal)
     */
    public record CandidateView(String candidateId, AreaScope.View area, String category, LocalDate raisedOn,
                                Instant raisedAt, @JsonInclude(JsonInclude.Include.ALWAYS) Integer signals,
                                @JsonInclude(JsonInclude.Include.ALWAYS) Integer distinctCases, LocalDate firstOn,
                                LocalDate lastOn, boolean suppressed, List<EvidenceCell> evidence) {
    }

    public record EvidenceCell(String kind, String kindLabel, String month, String municipality,
                               @JsonInclude(JsonInclude.Include.ALWAYS) Integer signals, boolean suppressed) {
    }
}
