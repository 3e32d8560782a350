package jp.nimo.projection.timeline;

import jp.nimo.cases.CaseEvent;
import jp.nimo.projection.admin.EventRowsCheck;
import jp.nimo.projection.admin.EventRowsCheck.EventKey;
import jp.nimo.projection.admin.ProjectionCheck;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reconciliation of the case timeline: one entry per event of a case, at its sequence; one file per opened
 * case; one organisation row per organisation that opened or joined it (the write side never involves one twice).
 */
@Component
public class CaseTimelineChecks implements ProjectionCheck.Source {

    @Override
    public List<ProjectionCheck> checks() {
        return List.of(
                new EventRowsCheck(CaseTimelineProjection.NAME, "timeline-entries",
                        "per case: its events against case_timeline_entry rows at their sequence",
                        EventRowsCheck.typesOf(CaseEvent.class), List.of(), EventKey.SEQUENCE,
                        "SELECT case_id AS aggregate_id, sequence::text AS key FROM case_timeline_entry"),
                new EventRowsCheck(CaseTimelineProjection.NAME, "case-files",
                        "per case: its CaseOpened against its case_file row",
                        EventRowsCheck.typesOf(CaseEvent.CaseOpened.class), List.of(), EventKey.SEQUENCE,
                        "SELECT case_id AS aggregate_id, '0' AS key FROM case_file"),
                new EventRowsCheck(CaseTimelineProjection.NAME, "case-organisations",
                        "per case: the organisations that opened it or were involved against case_organisation rows",
                        EventRowsCheck.typesOf(CaseEvent.CaseOpened.class, CaseEvent.OrganisationInvolved.class), List.of(),
                        EventKey.payload("organisation"),
                        "SELECT case_id AS aggregate_id, organisation AS key FROM case_organisation"));
    }
}
