package jp.nimo.infra.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * The problem+json answers for every service, from Tomcat's own refusals through the error page to
 * the controllers, and the limits a request meets before it is parsed.
 * <p>
 * After Boot's Jackson 2 mapper and before Axon's fallback mapper: Axon would otherwise define the
 * application's ObjectMapper first, a bare one that neither leaves out nulls nor flattens problem details.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration",
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
    public FilterRegistrationBean<RequestGuardFilter> requestGuardFilter(RequestLimits limits, ObjectMapper json) {
        FilterRegistrationBean<RequestGuardFilter> registration =
                new FilterRegistrationBean<>(new RequestGuardFilter(limits, json));
        // before Spring Security and everything else that might read the body or the headers
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Request bodies are read with limits of their own: nesting, number, string and name lengths. NaN
     * and Infinity are let through the parser so that the field holding them is named in the 400.
     * The application's ObjectMapper (also the event serializer's) keeps Jackson's defaults.
     */
    @Bean
    public MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper json) {
        ObjectMapper requests = json.copy();
        requests.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build());
        requests.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
        return new MappingJackson2HttpMessageConverter(requests);
    }

    /** Tomcat's refusals before any servlet runs, written as problem+json by the host's error valve. */
    @Bean
    @ConditionalOnClass(StandardHost.class)
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
