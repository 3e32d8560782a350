package jp.nimo.infra.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;

import java.util.List;

/**
 * The OpenAPI 3.1 document each service serves at {@code /v3/api-docs}: springdoc generates the paths
 * from the controllers, {@link ContractCustomizer} adds what makes it the contract, and
 * {@link ProblemAnswersCustomizer} the error answers of each operation.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    @Bean
    public ContractCustomizer nimoContract(BeanFactory beans, ObjectProvider<ComponentSchemas> derived,
                                           @Value("${nimo.openapi.title:${spring.application.name:Nimo}}") String title,
                                           @Value("${nimo.openapi.description:}") String description,
                                           @Value("${nimo.openapi.version:2}") String version) {
        List<String> packages = AutoConfigurationPackages.has(beans) ? AutoConfigurationPackages.get(beans) : List.of();
        List<OpenAPI> fragments = ContractCustomizer.fragments(OpenApiAutoConfiguration.class.getClassLoader(), packages);
        Info info = new Info().title(title).version(version).description(description.isBlank() ? null : description);
        return new ContractCustomizer(info, fragments, () -> derived.orderedStream().toList());
    }

    /**
     * Springdoc answers the document as bytes of JSON: the byte converter must come before the
     * application's JSON converter, which would otherwise write them as a base64 string.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public ByteArrayHttpMessageConverter byteArrayHttpMessageConverter() {
        return new ByteArrayHttpMessageConverter();
    }

    @Bean
    public JsonTreesAsAnyJson jsonTreesAsAnyJson() {
        return new JsonTreesAsAnyJson();
    }

    @Bean
    public NullableWhenAlwaysIncluded nullableWhenAlwaysIncluded() {
        return new NullableWhenAlwaysIncluded();
    }

    @Bean
    public OperationCustomizer nimoProblemAnswers() {
        return new ProblemAnswersCustomizer();
    }
}
