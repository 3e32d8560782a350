package jp.nimo.infra.web;

import jp.nimo.cases.CaseNotVisible;
import jp.nimo.issues.TransitionNotAllowed;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.NotPermitted;
import jp.nimo.validation.StateConflict;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.io.CharConversionException;
import java.util.List;
import java.util.stream.Collectors;

/** Turns every failure into an RFC 9457 problem+json answer; nothing internal leaks into it. */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return Problems.answer(Problems.invalidInput(e.errors()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        BodyTooLarge tooLarge = BodyTooLarge.in(e);
        if (tooLarge != null) {
            return bodyTooLarge(tooLarge);
        }
        if (DatabaseUnavailable.causes(e)) {
            return unexpected(e);
        }
        String field = "body";
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            field = mismatch.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        String message = e.getCause() instanceof StreamConstraintsException
                ? "is nested too deeply or holds a number, string or name that is too long"
                : notUtf8(e.getCause())
                        ? "is not valid UTF-8"
                : e.getCause() instanceof InvalidFormatException ? "has the wrong type or format"
                : field.equals("body") ? "is not valid JSON" : "has the wrong type";
        return Problems.answer(Problems.invalidInput(List.of(new FieldError(field, message))));
    }

    /** Jackson 3 wraps the reader's CharConversionException in an unchecked exception of its own. */
    private static boolean notUtf8(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CharConversionException
                    || t instanceof StreamReadException && String.valueOf(t.getMessage()).contains("UTF")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(BodyTooLarge e) {
        return Problems.answer(Problems.bodyTooLarge(e.limit()));
    }

    /** The firewall refused the request's path, a header or a parameter, e.g. an encoded slash or NUL. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return Problems.answer(rejectedRequest(e));
    }

    public static ProblemDetail rejectedRequest(RequestRejectedException e) {
        String message = String.valueOf(e.getMessage());
        String field = message.contains("header") ? "header" : message.contains("parameter") ? "parameter"
                : message.contains("HTTP method") ? "method" : "path";
        return Problems.invalidInput(field, "contains characters or sequences that are not allowed");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return Problems.answer(Problems.invalidInput(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.answer(Problems.problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                "this resource answers application/json"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return Problems.answer(Problems.invalidInput(List.of(new FieldError(e.getName(), "has the wrong format"))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return Problems.answer(Problems.invalidInput(List.of(new FieldError(e.getHeaderName(), "header is required"))));
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleBroken(DomainRuleViolation e) {
        ProblemDetail problem = Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "rule/" + e.rule(),
                "A domain rule was broken", e.getMessage());
        problem.setProperty("rule", e.rule());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        e.details().forEach(problem::setProperty);
        return Problems.answer(problem);
    }

    /** Every 404 reads the same, so that a refused case never tells whether it exists. */
    @ExceptionHandler({AggregateNotFoundException.class, NotFoundException.class, NoResourceFoundException.class,
            CaseNotVisible.class})
    ResponseEntity<ProblemDetail> notFound(Exception e) {
        return Problems.answer(Problems.notFound());
    }

    @ExceptionHandler(TransitionNotAllowed.class)
    ResponseEntity<ProblemDetail> transitionNotAllowed(TransitionNotAllowed e) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, "transition-not-allowed",
                "Not allowed from the current state", e.getMessage());
        problem.setProperty("currentState", e.currentState().name());
        problem.setProperty("action", e.action().path());
        problem.setProperty("allowedFrom", e.action().allowedFrom().stream().map(Enum::name).sorted().toList());
        return Problems.answer(problem);
    }

    @ExceptionHandler(UnavailableNow.class)
    ResponseEntity<ProblemDetail> unavailableNow(UnavailableNow e) {
        return Problems.answer(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                e.getMessage() + "; nothing was stored, retry later"));
    }

    @ExceptionHandler(StateConflict.class)
    ResponseEntity<ProblemDetail> stateConflict(StateConflict e) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, "transition-not-allowed",
                "Not allowed from the current state", e.getMessage());
        problem.setProperty("currentState", e.currentState());
        problem.setProperty("action", e.action());
        problem.setProperty("allowedFrom", e.allowedFrom());
        return Problems.answer(problem);
    }

    @ExceptionHandler({AccessDeniedException.class, NotPermitted.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        return Problems.answer(Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "your role or scope does not allow this"));
    }

    /** Two requests wrote the same aggregate at once, or created the same one (a council's id). */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e) {
        return Problems.answer(Problems.problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                "the resource was changed by another request at the same time; retry"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return Problems.answer(Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Method not allowed", e.getMethod() + " is not supported here"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.answer(Problems.unsupportedMediaType());
    }

    /** Axon wraps what a handler on another thread threw; answer for the cause. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DomainRuleViolation violation) {
            return ruleBroken(violation);
        }
        if (cause instanceof AggregateNotFoundException || cause instanceof CaseNotVisible) {
            return notFound((Exception) cause);
        }
        if (cause instanceof NotFoundException notFound) {
            return notFound(notFound);
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            return concurrentChange((RuntimeException) cause);
        }
        if (cause instanceof StateConflict conflict) {
            return stateConflict(conflict);
        }
        if (cause instanceof NotPermitted notPermitted) {
            return forbidden(notPermitted);
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.causes(e)) {
            log.warn("The database cannot be reached: {}", e.toString());
            return Problems.answer(Problems.databaseUnavailable());
        }
        log.error("Unexpected failure handling a request", e);
        return Problems.answer(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request could not be completed; nothing was stored"));
    }
}
