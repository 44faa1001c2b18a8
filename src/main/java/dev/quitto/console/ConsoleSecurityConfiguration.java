package dev.quitto.console;

import dev.quitto.platform.security.PasswordLogins;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.security.Users;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's own chain, before the platform's stateless API chain and matching only the console's paths: a form
 * login (e-mail or username) held in the HTTP session, CSRF on every unsafe request, logout by POST. The API chain is
 * untouched: {@code /api/**} still takes only bearer tokens and HTTP Basic, and never a session cookie.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String[] PATHS = {"/console", "/console/**", "/login", "/logout", "/webjars/**"};

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain console(HttpSecurity http, PasswordLogins logins, Users users) throws Exception {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage(ConsoleController.FORBIDDEN);
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return http
                .securityMatcher(PATHS)
                .authenticationProvider(new ConsoleAuthenticationProvider(logins))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webjars/**", "/console/assets/**", "/login", ConsoleController.FORBIDDEN).permitAll()
                        .requestMatchers("/console/supplier/**").hasRole(Role.SUPPLIER.name())
                        .requestMatchers("/console/cashback/**").hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        .requestMatchers("/console/operator/anticipations/**").hasRole(Role.OPERATOR.name())
                        .requestMatchers("/console/operator/**").hasAnyRole(Role.OPERATOR.name(), Role.AUDITOR.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("login")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/console", false)
                        .failureHandler(failure))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .addFilterBefore(new ConsoleSessionRefresh(users), AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(forbidden))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self'; "
                                + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
