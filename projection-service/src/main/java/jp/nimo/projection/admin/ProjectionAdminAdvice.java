package jp.nimo.projection.admin;

import jp.nimo.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The 409 of a second rebuild. Ordered first: Spring asks the advices in order and the shared one
 * answers every exception it does not know with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProjectionAdminAdvice {

    @ExceptionHandler(RebuildAlreadyRunning.class)
    ResponseEntity<ProblemDetail> alreadyRunning(RebuildAlreadyRunning e) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, "rebuild-already-running",
                "A rebuild is already running", e.getMessage() + "; wait until it is done or has failed");
        problem.setProperty("projection", e.projection());
        problem.setProperty("rebuildId", e.runningRebuild());
        return Problems.answer(problem);
    }
}
