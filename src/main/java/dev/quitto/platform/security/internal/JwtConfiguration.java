package dev.quitto.platform.security.internal;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * HS256 tokens signed with {@code quitto.security.jwt-secret}. Expiry is checked against the injected
 * {@link Clock} with no skew: this service both issues and checks them.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    JwtSecret jwtSecret(SecuritySettings settings) {
        return JwtSecret.of(settings.jwtSecret());
    }

    @Bean
    JwtEncoder jwtEncoder(JwtSecret secret) {
        return NimbusJwtEncoder.withSecretKey(secret.key()).algorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    JwtDecoder jwtDecoder(JwtSecret secret, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(secret.key()).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, JwtTypeValidator.jwt()));
        return decoder;
    }
}
