package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Problems;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String BASIC_CHALLENGE = "Basic realm=\"quitto\"";
    static final String BEARER_CHALLENGE = "Bearer realm=\"api\"";

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthenticationEntryPoint entryPoint, AccessDeniedHandler deniedHandler) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/docs", "/docs/**").permitAll()
                        .requestMatchers("/api/token/", "/api/token", "/api/token/refresh/", "/api/token/refresh").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .build();
    }

    @Bean
    AuthenticationEntryPoint problemEntryPoint(Problems problems) {
        return (request, response, exception) -> {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
            String detail = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? "Authentication credentials were not provided."
                    : "The credentials are not valid.";
            problems.write(request, response, Problems.problem(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, detail));
        };
    }

    @Bean
    AccessDeniedHandler problemDeniedHandler(Problems problems) {
        return (request, response, exception) -> problems.write(request, response,
                Problems.problem(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "You do not have a role that may do this."));
    }

    /** ADMIN may do everything any other role may. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        String others = Arrays.stream(Role.values()).filter(role -> role != Role.ADMIN).map(Role::name).collect(Collectors.joining(" "));
        return RoleHierarchyImpl.withDefaultRolePrefix().role(Role.ADMIN.name()).implies(others.split(" ")).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
