package dev.quitto.platform.security.internal;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * A checked bearer token becomes a caller only if it is an access token of an active user; the roles are
 * read from the database on every request, so a change (or a deactivation) applies at once.
 */
@Component
class AccessTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final UserAccountRepository accounts;

    AccessTokenConverter(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return Tokens.userOf(jwt, Tokens.ACCESS)
                .flatMap(accounts::findById)
                .filter(UserAccount::active)
                .map(UserAuthentication::of)
                .orElseThrow(() -> new InvalidBearerTokenException("Not an access token of an active user"));
    }
}
