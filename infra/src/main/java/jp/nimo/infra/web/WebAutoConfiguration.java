package jp.nimo.infra.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** The problem+json answers for every service. */
@AutoConfiguration
@Import(ProblemAdvice.class)
public class WebAutoConfiguration {
}
