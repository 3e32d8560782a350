package jp.nimo.infra.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare status, as the container or Tomcat's valve hands it over, is resolved from its number: the
 * problem must follow the number, whatever name Spring gives that status now.
 */
class ProblemErrorControllerTest {

    @Test
    void aBare413IsTheBodyTooLargeProblem() {
        ProblemDetail problem = ProblemErrorController.forStatus(HttpStatus.valueOf(413));
        assertThat(problem.getStatus()).isEqualTo(413);
        assertThat(problem.getType()).isEqualTo(URI.create(Problems.TYPE_BASE + "body-too-large"));
        assertThat(problem.getTitle()).isEqualTo("Body too large");
    }

    @Test
    void aBare431AndA503KeepTheirOwnProblems() {
        assertThat(ProblemErrorController.forStatus(HttpStatus.valueOf(431)).getType())
                .isEqualTo(URI.create(Problems.TYPE_BASE + "headers-too-large"));
        assertThat(ProblemErrorController.forStatus(HttpStatus.valueOf(503)).getType())
                .isEqualTo(URI.create(Problems.TYPE_BASE + "database-unavailable"));
    }
}
