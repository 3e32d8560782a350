package jp.nimo.command.detection;

import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.command.idempotency.IdempotentRequests;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.detection.DetectionRule;
import jp.nimo.detection.DetectionRules;
import jp.nimo.detection.DetectionRules.ChangeDetectionRule;
import jp.nimo.detection.RuleBook;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.issues.Actor;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Councils;
import jp.nimo.infra.web.input.JsonFields;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ADMIN: detection rules per council and category, changed without a restart. A change is an event in
 * the log and applies to the signals detected after it; the rules in force are those detection has read.
 */
@RestController
@Tag(name = "detection")
public class DetectionAdminController {

    private final CommandGateway commands;
    private final IdempotentRequests idempotent;
    private final JdbcTemplate jdbc;
    private final Councils councils;
    private final Categories categories;
    private final DetectionClock detectionClock;
    private final Clock clock;

    public DetectionAdminController(CommandGateway commands, IdempotentRequests idempotent, JdbcTemplate jdbc,
                                    Councils councils, Categories categories, DetectionClock detectionClock, Clock clock) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.jdbc = jdbc;
        this.councils = councils;
        this.categories = categories;
        this.detectionClock = detectionClock;
        this.clock = clock;
    }

    /**
     * {@code {"councilId"?, "category"?, "minSignals", "minDistinctCases", "windowDays", "areaLevel"}};
     * without councilId or category the rule applies to every council or category. {@code "remove": true}
     * removes the rule of that scope instead.
     */
    @PostMapping("/api/admin/detection-rules")
    @Operation(operationId = "changeDetectionRule",
            summary = "Change a detection rule", description = "ADMIN: sets (or removes) the rule detection applies"
            + " for a council and category. The change is an event in the log and applies to the signals detected"
            + " after it.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(ref = "DetectionRuleChange"))))
    @ApiResponse(responseCode = "200", description = "The rule was changed.",
            content = @Content(schema = @Schema(ref = "DetectionRuleChanged")))
    @ProblemAnswers({403, 422})
    public ResponseEntity<Object> change(@RequestBody JsonNode body, @AuthenticationPrincipal NimoUser user,
                                         @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                         HttpServletRequest request) {
        requireAdmin(user);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(Set.of("councilId", "category", "minSignals", "minDistinctCases", "windowDays", "areaLevel", "remove"));
        String council = in.code("councilId", false, id -> councils.council(id).isPresent(), "a known council");
        String category = in.code("category", false, c -> categories.category(c).isPresent(), "a known category");
        boolean remove = body != null && body.path("remove").asBoolean(false);
        DetectionRule rule = remove ? null : rule(in);
        in.check();
        String councilId = council == null ? RuleBook.ANY : council;
        String categoryCode = category == null ? RuleBook.ANY : category;
        Actor actor = new Actor(user.getUsername(), user.organisation(), Role.ADMIN.name(), List.of());
        return idempotent.apply(IdempotentRequests.Request.of(user, key, request, body), HttpStatus.OK, () -> {
            commands.sendAndWait(new ChangeDetectionRule(DetectionRules.ID, councilId, categoryCode, rule, actor,
                    Instant.now(clock)));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("councilId", councilId);
            answer.put("category", categoryCode);
            answer.put("rule", rule);
            return answer;
        });
    }

    private static DetectionRule rule(JsonFields in) {
        Integer minSignals = in.integer("minSignals", true);
        Integer minDistinct = in.integer("minDistinctCases", true);
        Integer window = in.integer("windowDays", true);
        AreaLevel level = in.enumValue("areaLevel", AreaLevel.class, true);
        if (minSignals == null || minDistinct == null || window == null || level == null) {
            return null;
        }
        try {
            return new DetectionRule(minSignals, minDistinct, window, level);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().split(" ")[0];
            in.error(Set.of("minSignals", "minDistinctCases", "windowDays", "areaLevel").contains(field) ? field : "body",
                    e.getMessage());
            return null;
        }
    }

    /** The rules detection has read from the log so far, and the default. */
    @GetMapping("/api/admin/detection-rules")
    @Operation(operationId = "listDetectionRules",
            summary = "List the detection rules", description = "ADMIN: the rules detection has read from the log"
            + " so far, and the default for every scope without a rule of its own.")
    @ApiResponse(responseCode = "200", description = "The rules in force.",
            content = @Content(schema = @Schema(ref = "DetectionRules")))
    @ProblemAnswers({403})
    public Map<String, Object> rules(@AuthenticationPrincipal NimoUser user) {
        requireAdmin(user);
        List<Map<String, Object>> rules = jdbc.queryForList("SELECT council_id AS \"councilId\", category,"
                + " min_signals AS \"minSignals\", min_distinct_cases AS \"minDistinctCases\", window_days AS"
                + " \"windowDays\","
                + " area_level AS \"areaLevel\", changed_at AS \"changedAt\", changed_by AS \"changedBy\""
                + " FROM detection_rule ORDER BY council_id, category");
        return Map.of("default", DetectionRule.DEFAULT, "rules", rules);
    }

    /** Moves the detection clock on now, e.g. after the service was down over midnight. */
    @PostMapping("/api/admin/detection-clock/tick")
    @Operation(operationId = "tickDetectionClock",
            summary = "Move the detection clock on", description = "ADMIN: lets detection see that time passed"
            + " (absences, windows closing) now, e.g. after the service was down over midnight.")
    @ApiResponse(responseCode = "202", description = "The clock ticked.",
            content = @Content(schema = @Schema(ref = "DetectionClockTicked")))
    @ProblemAnswers({403})
    public ResponseEntity<Map<String, Object>> tick(@AuthenticationPrincipal NimoUser user) {
        requireAdmin(user);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("tickedAt", detectionClock.tick().toString()));
    }

    private static void requireAdmin(NimoUser user) {
        if (!user.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("detection rules are for administrators");
        }
    }
}
