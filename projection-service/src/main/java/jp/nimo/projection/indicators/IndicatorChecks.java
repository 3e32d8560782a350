package jp.nimo.projection.indicators;

import jp.nimo.cases.CaseEvent;
import jp.nimo.cases.CaseFacts;
import jp.nimo.projection.admin.EventRowsCheck;
import jp.nimo.projection.admin.EventRowsCheck.EventKey;
import jp.nimo.projection.admin.FiguresCheck;
import jp.nimo.projection.admin.ProjectionCheck;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reconciliation of the indicators: the case memory keeps one row per admission, discharge and
 * judged-against event of a case; and the day and month sums must add up to the deltas they sum.
 */
@Component
public class IndicatorChecks implements ProjectionCheck.Source {

    private static final List<String> RECORDED = EventRowsCheck.typesOf(CaseEvent.CaseEventRecorded.class);

    @Override
    public List<ProjectionCheck> checks() {
        return List.of(
                new EventRowsCheck(IndicatorProjection.NAME, "admissions",
                        "per case: its Admitted and Readmitted events against indicator_admission rows",
                        RECORDED, List.of(CaseFacts.ADMITTED, CaseFacts.READMITTED), EventKey.CASE_EVENT_ID,
                        "SELECT case_id AS aggregate_id, event_id AS key FROM indicator_admission"),
                new EventRowsCheck(IndicatorProjection.NAME, "discharges",
                        "per case: its Discharged events against indicator_discharge rows",
                        RECORDED, List.of(CaseFacts.DISCHARGED), EventKey.CASE_EVENT_ID,
                        "SELECT case_id AS aggregate_id, event_id AS key FROM indicator_discharge"),
                new EventRowsCheck(IndicatorProjection.NAME, "case-events",
                        "per case: its support starts, long-stay listings and outreach visits against indicator_case_event rows",
                        RECORDED, List.of(CaseFacts.POST_DISCHARGE_SUPPORT_STARTED, CaseFacts.LONG_STAY_INPATIENT_LISTED,
                                CaseFacts.OUTREACH_VISIT_CONDUCTED), EventKey.CASE_EVENT_ID,
                        "SELECT case_id AS aggregate_id, event_id AS key FROM indicator_case_event"),
                sums("fact-days", "indicator_fact_day"),
                sums("fact-months", "indicator_fact_month"));
    }

    /** Per measure, fiscal year, municipality, part and business month: the deltas against their sums. */
    private static ProjectionCheck sums(String name, String table) {
        String cell = "measure || '/' || fiscal_year || '/' || municipality || '/' || part || '/' || to_char(month, 'YYYY-MM')";
        return new FiguresCheck(IndicatorProjection.NAME, name,
                "per measure, fiscal year, municipality, part and month: indicator_fact_event deltas against " + table,
                "SELECT coalesce(d.key, s.key) AS key, d.total AS expected, s.total AS found"
                        + " FROM (SELECT " + cell + " AS key, sum(delta) AS total FROM indicator_fact_event GROUP BY 1) d"
                        + " FULL JOIN (SELECT " + cell + " AS key, sum(value) AS total FROM " + table + " GROUP BY 1) s"
                        + " ON s.key = d.key",
                window -> List.of());
    }
}
