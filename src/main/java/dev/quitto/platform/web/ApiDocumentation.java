package dev.quitto.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** OpenAPI 3.1 at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}, and {@code /docs} (the billing seed's address). */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BEARER = "bearerAuth";
    static final String BASIC = "basicAuth";

    @Bean
    OpenAPI quittoOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Quitto API").version("v1")
                        .description("""
                                Money flows of Brazilian businesses. Errors are RFC 9457 `application/problem+json` with \
                                `type` `urn:quitto:problem:<code>`, `code`, `traceId` and, for bad input, `errors[]`. \
                                Creating POSTs accept `Idempotency-Key`. Obtain a token at `POST /api/token/`.""")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("Access token from POST /api/token/ (5 minutes); refresh at POST /api/token/refresh/."))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("E-mail or username and password.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    @Controller
    static class DocsRedirect {

        @GetMapping({"/docs", "/docs/"})
        String docs() {
            return "redirect:/swagger-ui.html";
        }
    }
}
