package jp.nimo.projection.issueplane.issue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jp.nimo.issues.IssueOrigin;
import jp.nimo.issues.IssueState;
import jp.nimo.issues.Population;
import jp.nimo.projection.issueplane.board.Attention;
import jp.nimo.reference.FiscalYear;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One issue as known at a time (GET /api/issues/{issueId}): its head as on the board, its evidence by
 * kind and month, targets, the latest plan, actuals and the issues it is linked with. A hidden count
 * is written out as null with {@code suppressed} true.
 */
public record IssueDetail(String issueId, String title, String description, String category, String municipality,
                          String region, String prefecture, Population population, String councilId,
                          IssueState state, IssueOrigin origin, Instant raisedAt, Instant lastDecisionAt,
                          Instant updatedAt, Attention attention, Evidence evidence, List<TargetView> targets,
                          Plan plan, List<ActualView> actuals, List<Link> links, Instant asOf) {

    /** The evidence summary and its breakdown by event kind and month (areas summed). */
    public record Evidence(@JsonInclude(JsonInclude.Include.ALWAYS) Integer signals,
                           @JsonInclude(JsonInclude.Include.ALWAYS) Integer distinctCases, LocalDate firstOn,
                           LocalDate lastOn, boolean suppressed, List<Cell> byKindAndMonth) {
    }

    public record Cell(String kind, String month, @JsonInclude(JsonInclude.Include.ALWAYS) Integer count,
                       boolean suppressed) {
    }

    /** A fiscal-year target; a baseline counting people is a count like any other. */
    public record TargetView(String indicator, int fiscalYear, String unit, String direction,
                             @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal baseline, BigDecimal target,
                             boolean suppressed) {

        /** The fiscal year in the Japanese calendar, e.g. 令和6年度. */
        @JsonProperty("fiscalYearLabel")
        @Schema(description = "The fiscal year in the Japanese calendar.", example = "令和6年度")
        public String fiscalYearLabel() {
            return FiscalYear.label(fiscalYear);
        }
    }

    /** The latest plan's roles (役割分担) and milestones, and the day it was decided. */
    public record Plan(LocalDate plannedOn, Instant recordedAt, JsonNode roles, JsonNode milestones) {
    }

    public record ActualView(String indicator, int fiscalYear, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal value,
                             boolean suppressed, String source, LocalDate at, Instant recordedAt) {

        /** The fiscal year in the Japanese calendar, e.g. 令和6年度. */
        @JsonProperty("fiscalYearLabel")
        @Schema(description = "The fiscal year in the Japanese calendar.", example = "令和6年度")
        public String fiscalYearLabel() {
            return FiscalYear.label(fiscalYear);
        }
    }

    /**
     * Another issue this one is linked with, with its title as known at the same time; {@code councilId} the
     * other council of an escalation, report-up or delegation, {@code scope} the part a delegation handed over.
     */
    public record Link(Relation relation, String issueId, String title, String councilId, String scope, LocalDate at,
                       Instant recordedAt) {
    }
}
