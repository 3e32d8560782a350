package jp.nimo.infra.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page that the servlet container forwards to when a failure happened outside Spring MVC
 * (a filter, the security firewall, a sendError): answered in problem+json like every other error,
 * whatever the client accepts, instead of Spring Boot's HTML or JSON error page.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // the container's error page, no operation of the API
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Throwable failure = exception instanceof Throwable t ? t : null;
        BodyTooLarge tooLarge = BodyTooLarge.in(failure);
        if (tooLarge != null) {
            return Problems.answer(Problems.bodyTooLarge(tooLarge.limit()));
        }
        if (failure instanceof RequestRejectedException rejected) {
            return Problems.answer(ProblemAdvice.rejectedRequest(rejected));
        }
        if (failure != null && DatabaseUnavailable.causes(failure)) {
            return Problems.answer(Problems.databaseUnavailable());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        return Problems.answer(ProblemErrorController.forStatus(status));
    }

    /** A problem for a bare status, for the errors that come without an exception that says more. */
    public static ProblemDetail forStatus(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> Problems.invalidInput("request", "is malformed");
            case NOT_FOUND -> Problems.notFound();
            // 413's current name: HttpStatus.valueOf(413) no longer answers the deprecated PAYLOAD_TOO_LARGE
            case CONTENT_TOO_LARGE -> Problems.problem(status, "body-too-large", "Body too large",
                    "the request body is too large");
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> Problems.headersTooLarge();
            case SERVICE_UNAVAILABLE -> Problems.databaseUnavailable();
            case INTERNAL_SERVER_ERROR -> Problems.problem(status, "internal", "Internal error",
                    "the request could not be completed; nothing was stored");
            default -> Problems.problem(status, status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    status.getReasonPhrase(), status.getReasonPhrase());
        };
    }
}
