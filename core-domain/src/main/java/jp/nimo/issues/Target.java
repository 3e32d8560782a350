package jp.nimo.issues;

import jp.nimo.reference.FiscalYear;

import java.math.BigDecimal;

/** A fiscal-year target (数値目標): indicator, unit, the direction that counts as better, baseline and target value. */
public record Target(String indicator, FiscalYear fiscalYear, String unit, Direction direction, BigDecimal baseline,
                     BigDecimal target) {

    public enum Direction {
        INCREASE,
        DECREASE,
        MAINTAIN
    }
}
