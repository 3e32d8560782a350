package jp.nimo.command.councils;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.nimo.command.idempotency.IdempotentRequests;
import jp.nimo.councils.CouncilCommand.AddMember;
import jp.nimo.councils.CouncilCommand.ChangeMemberRole;
import jp.nimo.councils.CouncilCommand.DesignateCouncil;
import jp.nimo.councils.CouncilCommand.FormWorkingGroup;
import jp.nimo.councils.CouncilCommand.RemoveMember;
import jp.nimo.councils.Membership;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.infra.web.input.JsonFields;
import jp.nimo.issues.Actor;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Councils;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.RegionCode;
import jp.nimo.validation.DomainRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Councils: an ADMIN designates one; its secretariat keeps its member organisations (joining, changing role
 * and leaving on dates of their own) and its working groups.
 */
@RestController
@Tag(name = "councils")
public class CouncilController {

    static final Pattern COUNCIL_ID = Pattern.compile("council-[a-z0-9][a-z0-9-]{0,60}");
    static final Pattern ORGANISATION = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final int MAX_NAME = 200;

    private final CommandGateway commands;
    private final IdempotentRequests idempotent;
    private final Councils councils;
    private final Areas areas;
    private final Clock clock;

    public CouncilController(CommandGateway commands, IdempotentRequests idempotent, Councils councils, Areas areas,
                             Clock clock) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.councils = councils;
        this.areas = areas;
        this.clock = clock;
    }

    @PostMapping("/api/councils")
    @Operation(operationId = "designateCouncil", summary = "Designate a council",
            description = "An ADMIN designates a council (協議の場) for a municipality, a region or a prefecture, run"
                    + " by a secretariat organisation. The councils of the reference data are designated by Nimo"
                    + " itself at start.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "NewCouncil"))))
    @ApiResponse(responseCode = "201", description = "The council was designated.",
            content = @Content(schema = @Schema(ref = "CouncilAnswer")))
    @ProblemAnswers({403, 409, 422})
    public ResponseEntity<Object> designate(@RequestBody(required = false) JsonNode body,
                                            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                            @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        if (!user.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("an ADMIN designates councils");
        }
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(Set.of("councilId", "level", "area", "name", "nameEn", "secretariat"));
        String councilId = in.code("councilId", true, id -> COUNCIL_ID.matcher(id).matches(),
                "a council id such as council-13110-chiiki (lower case letters, digits and hyphens)");
        AreaLevel level = in.enumValue("level", AreaLevel.class, true);
        String area = in.text("area", true, 40);
        if (level != null && area != null && !isKnown(level, area)) {
            in.error("area", "is not a known " + level.name().toLowerCase() + " (see GET /api/reference on the read side)");
        }
        String name = in.text("name", true, MAX_NAME);
        String nameEn = in.text("nameEn", false, MAX_NAME);
        String secretariat = organisation(in, "secretariat");
        in.check();
        if (councils.council(councilId).isPresent()) {
            throw new DomainRuleViolation("council-already-designated", "councilId", councilId + " is already designated");
        }
        DesignateCouncil command = new DesignateCouncil(councilId, level, area, name, nameEn, secretariat,
                actor(user, Role.ADMIN), Instant.now(clock));
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(command);
            return Map.of("councilId", councilId);
        });
    }

    @PostMapping("/api/councils/{councilId}/members")
    @Operation(operationId = "addCouncilMember", summary = "Add a member organisation",
            description = "The council's secretariat adds an organisation with its stakeholder type, tier (代表者 or"
                    + " 実務者) and role (member or observer), from a date.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "NewCouncilMember"))))
    @ApiResponse(responseCode = "201", description = "The organisation sits on the council.",
            content = @Content(schema = @Schema(ref = "CouncilMemberAnswer")))
    @ProblemAnswers({403, 404, 422})
    public ResponseEntity<Object> addMember(@Parameter(description = "The council.") @PathVariable("councilId") String councilId,
                                            @RequestBody(required = false) JsonNode body,
                                            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                            @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireCouncil(councilId);
        Actor actor = secretariat(user);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(Set.of("organisation", "stakeholderType", "tier", "role", "since"));
        String organisation = organisation(in, "organisation");
        Membership.StakeholderType type = in.enumValue("stakeholderType", Membership.StakeholderType.class, true);
        Membership.Tier tier = in.enumValue("tier", Membership.Tier.class, true);
        Membership.Role role = in.enumValue("role", Membership.Role.class, true);
        java.time.LocalDate since = in.date("since", true);
        in.check();
        AddMember command = new AddMember(councilId, organisation, type, tier, role, since, actor, Instant.now(clock));
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(command);
            return member(councilId, organisation, role);
        });
    }

    @PostMapping("/api/councils/{councilId}/members/{organisation}/{action}")
    @Operation(operationId = "changeCouncilMember", summary = "A member leaves or changes role",
            description = "`leave` `{on}`: the organisation leaves the council on that day; `change-role` `{role, on}`:"
                    + " an observer becomes a member, or the reverse, on that day.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "CouncilMemberChange"))))
    @ApiResponse(responseCode = "200", description = "The change was recorded.",
            content = @Content(schema = @Schema(ref = "CouncilMemberAnswer")))
    @ProblemAnswers({403, 404, 422})
    public ResponseEntity<Object> changeMember(@Parameter(description = "The council.") @PathVariable("councilId") String councilId,
                                               @Parameter(description = "The member organisation.")
                                               @PathVariable("organisation") String organisation,
                                               @Parameter(description = "What changes.", schema = @Schema(ref = "CouncilMemberAction"))
                                               @PathVariable("action") String action,
                                               @RequestBody(required = false) JsonNode body,
                                               @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                               @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireCouncil(councilId);
        if (!ORGANISATION.matcher(organisation).matches()) {
            throw new NotFoundException("no such member");
        }
        Actor actor = secretariat(user);
        JsonFields in = JsonFields.of(body);
        Instant now = Instant.now(clock);
        Object command;
        Membership.Role role = null;
        switch (action) {
            case "leave" -> {
                in.onlyKnown(Set.of("on"));
                java.time.LocalDate on = in.date("on", true);
                in.check();
                command = new RemoveMember(councilId, organisation, on, actor, now);
            }
            case "change-role" -> {
                in.onlyKnown(Set.of("role", "on"));
                role = in.enumValue("role", Membership.Role.class, true);
                java.time.LocalDate on = in.date("on", true);
                in.check();
                command = new ChangeMemberRole(councilId, organisation, role, on, actor, now);
            }
            default -> throw new NotFoundException("no such action");
        }
        Membership.Role newRole = role;
        return idempotent.apply(user, key, request, body, HttpStatus.OK, () -> {
            commands.sendAndWait(command);
            return member(councilId, organisation, newRole);
        });
    }

    @PostMapping("/api/councils/{councilId}/working-groups")
    @Operation(operationId = "formWorkingGroup", summary = "Form a working group",
            description = "The council's secretariat forms a working group (部会, ワーキング) under the council.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "NewWorkingGroup"))))
    @ApiResponse(responseCode = "201", description = "The working group was formed.",
            content = @Content(schema = @Schema(ref = "WorkingGroupAnswer")))
    @ProblemAnswers({403, 404, 422})
    public ResponseEntity<Object> formWorkingGroup(@Parameter(description = "The council.") @PathVariable("councilId") String councilId,
                                                   @RequestBody(required = false) JsonNode body,
                                                   @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                                   @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireCouncil(councilId);
        Actor actor = secretariat(user);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(Set.of("groupId", "name", "on"));
        String groupId = organisation(in, "groupId");
        String name = in.text("name", true, MAX_NAME);
        java.time.LocalDate on = in.date("on", true);
        in.check();
        FormWorkingGroup command = new FormWorkingGroup(councilId, groupId, name, on, actor, Instant.now(clock));
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(command);
            return Map.of("councilId", councilId, "groupId", groupId);
        });
    }

    private boolean isKnown(AreaLevel level, String area) {
        try {
            return switch (level) {
                case MUNICIPALITY -> areas.isKnown(MunicipalityCode.of(area));
                case REGION -> areas.region(RegionCode.of(area)).isPresent();
                case PREFECTURE -> areas.prefectures().containsKey(area);
            };
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void requireCouncil(String councilId) {
        if (councils.council(councilId).isEmpty()) {
            throw new NotFoundException("no such council");
        }
    }

    private static String organisation(JsonFields in, String field) {
        return in.code(field, true, id -> ORGANISATION.matcher(id).matches(),
                "an identifier of lower case letters, digits and hyphens");
    }

    private static Map<String, Object> member(String councilId, String organisation, Membership.Role role) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("councilId", councilId);
        answer.put("organisation", organisation);
        if (role != null) {
            answer.put("role", role.name());
        }
        return answer;
    }

    static Actor secretariat(NimoUser user) {
        if (!user.hasRole(Role.SECRETARIAT)) {
            throw new AccessDeniedException("a council's secretariat keeps its members and meetings");
        }
        return actor(user, Role.SECRETARIAT);
    }

    static Actor actor(NimoUser user, Role role) {
        return new Actor(user.getUsername(), user.organisation(), role.name(), user.councils());
    }
}
