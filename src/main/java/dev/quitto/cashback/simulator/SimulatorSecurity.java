package dev.quitto.cashback.simulator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The simulator is open, like the external API it mimics; while it is disabled its paths answer 404 to anyone. Its own
 * filter chain, ahead of the platform's, covers only its paths.
 */
@Configuration(proxyBeanMethods = false)
class SimulatorSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain cashbackSimulator(HttpSecurity http) throws Exception {
        return http.securityMatcher(ProviderSimulator.BASE + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
