package jp.nimo.infra.web;

import tools.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.validation.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem answers in Nimo's shape: type, title, status, detail and, for bad input, errors. */
public final class Problems {

    public static final String TYPE_BASE = "https://nimo.jp/problems/";
    /** Seconds a client should wait before retrying while the database is unreachable. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail invalidInput(List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                        : errors.size() + " fields are invalid");
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    public static ProblemDetail invalidInput(String field, String message) {
        return invalidInput(List.of(new FieldError(field, message)));
    }

    public static ProblemDetail bodyTooLarge(long limit) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
                "the request body is larger than " + limit + " bytes");
        problem.setProperty("field", "body");
        problem.setProperty("maxBytes", limit);
        return problem;
    }

    public static ProblemDetail headersTooLarge() {
        return problem(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large", "Request headers too large",
                "the request's headers are larger than the server accepts");
    }

    public static ProblemDetail databaseUnavailable() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Service unavailable",
                "the database cannot be reached; nothing was stored, retry later");
    }

    public static ProblemDetail unsupportedMediaType() {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "send application/json");
    }

    public static ProblemDetail notFound() {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no such resource");
    }

    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            answer.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return answer.body(problem);
    }

    /** Writes the problem straight to the servlet response, for answers given outside Spring MVC. */
    public static void write(HttpServletResponse response, JsonMapper json, ProblemDetail problem) throws IOException {
        if (!response.isCommitted()) {
            response.resetBuffer();
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
