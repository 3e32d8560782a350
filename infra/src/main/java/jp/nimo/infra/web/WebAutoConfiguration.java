package jp.nimo.infra.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem+json answers for every service, from Tomcat's own refusals through the error page to
 * the controllers, and the limits a request meets before it is parsed.
 * <p>
 * Request and answer bodies, problem details included, are read and written by Boot's Jackson 3
 * {@link JsonMapper}, the one Spring MVC's JSON converter uses; the Jackson 2 ObjectMapper is Axon's
 * serializer's and the projections' alone. This configuration comes after Boot's Jackson 2 mapper and
 * before Axon's fallback mapper: Axon would otherwise define that ObjectMapper first, a bare one that
 * does not leave out nulls.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"},
        before = {HttpMessageConvertersAutoConfiguration.class, ErrorMvcAutoConfiguration.class, ObjectMapperAutoConfiguration.class})
@EnableConfigurationProperties(RequestLimits.class)
@Import({ProblemAdvice.class, ProblemErrorController.class})
public class WebAutoConfiguration {

    /** Deeper than any Nimo request needs; refusing more keeps a crafted body from exhausting the stack. */
    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_STRING_LENGTH = 100_000;
    public static final int MAX_NAME_LENGTH = 1_000;

    @Bean
    public FilterRegistrationBean<RequestGuardFilter> requestGuardFilter(RequestLimits limits, JsonMapper json) {
        FilterRegistrationBean<RequestGuardFilter> registration =
                new FilterRegistrationBean<>(new RequestGuardFilter(limits, json));
        // before Spring Security and everything else that might read the body or the headers
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Request bodies are read with limits of their own: nesting, number, string and name lengths. NaN
     * and Infinity are let through the parser so that the field holding them is named in the 400.
     * After Boot's own customizer, which sets the limits of {@code spring.jackson.factory.constraints}.
     */
    @Bean
    @org.springframework.core.annotation.Order(Ordered.LOWEST_PRECEDENCE)
    public JsonFactoryBuilderCustomizer nimoRequestLimits() {
        return factory -> factory
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
    }

    /**
     * Jackson 3 changed defaults that would change what clients see or send; these keep the answers and
     * the accepted requests as they were on Jackson 2. Trailing tokens after the body stay refused
     * (Jackson 3's default): such a body is malformed and answered 400.
     */
    @Bean
    @org.springframework.core.annotation.Order(Ordered.LOWEST_PRECEDENCE)
    public JsonMapperBuilderCustomizer nimoJackson2Behaviour() {
        return mapper -> mapper
                // answers keep their declared order (a problem: type, title, status, detail), not alphabetical
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // a null for a primitive reads as its default, as before
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Tomcat's refusals before any servlet runs, written as problem+json by the host's error valve. */
    @Bean
    @ConditionalOnClass(StandardHost.class)
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(JsonMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // the host adds no valve of its own when one of this class is already in its pipeline
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                boolean present = false;
                for (Valve valve : host.getPipeline().getValves()) {
                    present |= valve instanceof ProblemErrorReportValve;
                }
                if (!present) {
                    host.getPipeline().addValve(new ProblemErrorReportValve(json));
                }
            }
        });
    }
}
