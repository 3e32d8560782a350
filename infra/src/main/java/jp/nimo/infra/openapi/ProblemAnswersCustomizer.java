package jp.nimo.infra.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.util.Map;
import java.util.TreeSet;

/**
 * Adds the problem answers to every operation: those any request can meet (the firewall's refusal,
 * authentication, a failed-login lockout, an Accept or Expect header that cannot be met, an oversized
 * header block, the database down),
 * those of a request with a body, and the ones its {@link ProblemAnswers} names. Each refers to the shared
 * answer in the components.
 */
public class ProblemAnswersCustomizer implements OperationCustomizer {

    /** The shared answers by status, as named in problems.openapi.yaml. */
    static final Map<Integer, String> RESPONSES = Map.ofEntries(
            Map.entry(400, "BadRequest"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "NotFound"), Map.entry(406, "NotAcceptable"), Map.entry(409, "Conflict"),
            Map.entry(413, "ContentTooLarge"), Map.entry(415, "UnsupportedMediaType"), Map.entry(417, "ExpectationFailed"),
            Map.entry(422, "RuleBroken"),
            Map.entry(429, "TooManyRequests"), Map.entry(431, "HeadersTooLarge"), Map.entry(503, "ServiceUnavailable"));

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        // 400 for every operation: the firewall refuses a path or parameter with characters it does not allow
        TreeSet<Integer> statuses = new TreeSet<>(java.util.List.of(400, 401, 406, 417, 429, 431, 503));
        if (operation.getRequestBody() != null) {
            statuses.addAll(java.util.List.of(413, 415));
        }
        ProblemAnswers declared = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(), ProblemAnswers.class);
        if (declared != null) {
            for (int status : declared.value()) {
                if (!RESPONSES.containsKey(status)) {
                    throw new IllegalStateException(handlerMethod + " declares a problem answer " + status
                            + " that has no shared answer; add it to problems.openapi.yaml");
                }
                statuses.add(status);
            }
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (int status : statuses) {
            responses.putIfAbsent(Integer.toString(status),
                    new ApiResponse().$ref("#/components/responses/" + RESPONSES.get(status)));
        }
        operation.setResponses(responses);
        return operation;
    }
}
