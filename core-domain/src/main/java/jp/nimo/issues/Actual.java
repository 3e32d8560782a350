package jp.nimo.issues;

import jp.nimo.reference.FiscalYear;

import java.math.BigDecimal;

/** A fiscal year's actual value of a target's indicator, and where it comes from. */
public record Actual(String indicator, FiscalYear fiscalYear, BigDecimal value, Source source) {

    public enum Source {
        /** computed by Nimo from case events */
        PROJECTION,
        /** an official statistic (630調査, ...) */
        OFFICIAL_STATISTIC,
        /** entered by the secretariat from its own records */
        MANUAL
    }
}
