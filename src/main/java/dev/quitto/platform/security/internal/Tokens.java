package dev.quitto.platform.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Issues and reads Quitto's tokens: {@code sub} = user id, {@code typ} = access or refresh, a unique
 * {@code jti}, {@code iat} and {@code exp} from the injected clock. Only access tokens authenticate requests;
 * only refresh tokens buy new access tokens (no rotation).
 */
@Component
class Tokens {

    static final String TYPE_CLAIM = "typ";
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    private final JwtEncoder encoder;
    private final JwtDecoder decoder;
    private final UserAccountRepository accounts;
    private final Clock clock;
    private final SecuritySettings settings;

    Tokens(JwtEncoder encoder, JwtDecoder decoder, UserAccountRepository accounts, Clock clock, SecuritySettings settings) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.accounts = accounts;
        this.clock = clock;
        this.settings = settings;
    }

    TokenPair issue(UserAccount account) {
        Instant now = clock.instant();
        return new TokenPair(encode(account.id(), REFRESH, now, settings.refreshTokenTtl()),
                encode(account.id(), ACCESS, now, settings.accessTokenTtl()));
    }

    /** A new access token for a valid, unexpired refresh token of a user who is still active. */
    Optional<String> refresh(String refreshToken) {
        return userOf(refreshToken, REFRESH)
                .flatMap(id -> accounts.findById(id).filter(UserAccount::active))
                .map(account -> encode(account.id(), ACCESS, clock.instant(), settings.accessTokenTtl()));
    }

    /** The user id of a decoded token of {@code type}, or empty when the token is of another type or has no numeric subject. */
    static Optional<Long> userOf(Jwt jwt, String type) {
        if (!type.equals(jwt.getClaimAsString(TYPE_CLAIM)) || jwt.getSubject() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(jwt.getSubject()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Long> userOf(String token, String type) {
        try {
            return userOf(decoder.decode(token), type);
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    private String encode(long userId, String type, Instant now, Duration ttl) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(Long.toString(userId))
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim(TYPE_CLAIM, type)
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** The body of {@code POST /api/token/}: exactly these two members, in this order. */
    record TokenPair(String refresh, String access) {
    }
}
