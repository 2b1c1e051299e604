package io.veltrix.platform.apidocs;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** The shared parts of a service's OpenAPI document, named by {@code veltrix.api-docs.*}. */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    @Bean
    ApiDocumentation apiDocumentation(@Value("${veltrix.api-docs.title}") String title,
                                      @Value("${veltrix.api-docs.description}") String description) {
        return new ApiDocumentation(title, description);
    }
}
