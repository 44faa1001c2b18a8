package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.Problems;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * One stateless chain for every path: a bearer access token or HTTP Basic authenticates; open are health,
 * API docs and the token endpoints; the user administration is ADMIN only; everything else needs a caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProblems problems, JwtDecoder jwtDecoder, AccessTokenConverter accessTokens,
                            PasswordLogin logins, BasicCredentialCache basicCache, UserAccountRepository accounts) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/docs", "/docs/**").permitAll()
                        .requestMatchers(TokenEndpoints.PATHS).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(UserAdminController.PATH, UserAdminController.PATH + "/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .addFilterAt(new BasicCredentialsFilter(logins, basicCache, accounts, problems), BasicAuthenticationFilter.class)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(bearerOutsideTokenEndpoints())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(accessTokens)))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    private static BearerTokenResolver bearerOutsideTokenEndpoints() {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        return request -> TokenEndpoints.matches(request) ? null : bearer.resolve(request);
    }

    /**
     * A URL the request firewall refuses (an encoded semicolon or percent sign, a line break, ...) is bad input: 400
     * problem+json like every other refusal, rather than the container's default error body.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(Problems problems) {
        return (request, response, rejected) -> problems.write(request, response, Problems.invalid(
                List.of(new FieldViolation("url", "holds characters this service refuses", "malformed")), "The request's URL is not accepted."));
    }

    /** ADMIN may do everything any other role may. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        String[] others = Arrays.stream(Role.values()).filter(role -> role != Role.ADMIN).map(Role::name).toArray(String[]::new);
        return RoleHierarchyImpl.withDefaultRolePrefix().role(Role.ADMIN.name()).implies(others).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
