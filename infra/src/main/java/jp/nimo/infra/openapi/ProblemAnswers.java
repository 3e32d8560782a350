package jp.nimo.infra.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem+json answers an operation gives besides those every operation can give (400, 401, 406, 417,
 * 429, 431, 503, and 413/415 where it reads a body): e.g. {@code @ProblemAnswers({403, 404, 409})}. Each
 * status refers to the shared answer of that status in the document's components.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemAnswers {

    int[] value();
}
