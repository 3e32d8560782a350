package jp.nimo.detection;

import jp.nimo.reference.AreaLevel;

/**
 * When signals become a candidate issue: at least {@code minSignals} signals of one category from at
 * least {@code minDistinctCases} cases in one area (municipality or region) within {@code windowDays}
 * days of business time (the first and last signal at most that many days apart).
 */
public record DetectionRule(int minSignals, int minDistinctCases, int windowDays, AreaLevel areaLevel) {

    public static final DetectionRule DEFAULT = new DetectionRule(3, 3, 90, AreaLevel.MUNICIPALITY);

    public DetectionRule {
        if (minSignals < 1 || minSignals > 1000) {
            throw new IllegalArgumentException("minSignals must be between 1 and 1000");
        }
        if (minDistinctCases < 1 || minDistinctCases > minSignals) {
            throw new IllegalArgumentException("minDistinctCases must be between 1 and minSignals");
        }
        if (windowDays < 1 || windowDays > 3660) {
            throw new IllegalArgumentException("windowDays must be between 1 and 3660");
        }
        if (areaLevel == null || areaLevel == AreaLevel.PREFECTURE) {
            throw new IllegalArgumentException("areaLevel must be MUNICIPALITY or REGION");
        }
    }
}
