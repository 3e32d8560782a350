package jp.nimo.infra.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Tomcat's own error answers (a request line or headers it could not parse, a path it refused, a
 * header block over its limit) in problem+json instead of Tomcat's HTML page. These failures happen
 * before any servlet runs, so only the server's error report valve sees them.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private final JsonMapper json;

    /** With the application's mapper, so that these answers read like every other problem. */
    public ProblemErrorReportValve(JsonMapper json) {
        this.json = json;
    }

    /** For a host that makes the valve from its class name alone: a mapper of the same shape. */
    public ProblemErrorReportValve() {
        this(JsonMapper.builder()
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .changeDefaultPropertyInclusion(include -> include.withValueInclusion(
                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL))
                .build());
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        if (status == HttpStatus.BAD_REQUEST && headersTooLarge(throwable)) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        ProblemDetail problem = status == HttpStatus.BAD_REQUEST
                ? Problems.invalidInput(mentions(throwable, "header") ? "header" : "path",
                        "is malformed or contains characters that are not allowed")
                : ProblemErrorController.forStatus(status);
        try {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            java.io.Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | JacksonException | IllegalStateException e) {
            // the connection is gone or the answer already started: nothing more can be said
        }
    }

    private static boolean headersTooLarge(Throwable throwable) {
        return mentions(throwable, "header") && mentions(throwable, "too large");
    }

    /** Whether the failure or one of its causes says this; Tomcat's parse errors carry no other detail. */
    private static boolean mentions(Throwable throwable, String words) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains(words)) {
                return true;
            }
        }
        return false;
    }
}
