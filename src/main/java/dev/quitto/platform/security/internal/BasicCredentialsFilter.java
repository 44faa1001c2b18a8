package dev.quitto.platform.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic with a memory of recent successes ({@link BasicCredentialCache}) and the shared login throttle
 * for failures. Not a bean: {@link SecurityConfiguration} places it in the security filter chain only.
 */
final class BasicCredentialsFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Basic ";

    private final PasswordLogin logins;
    private final BasicCredentialCache cache;
    private final UserAccountRepository accounts;
    private final SecurityProblems problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    BasicCredentialsFilter(PasswordLogin logins, BasicCredentialCache cache, UserAccountRepository accounts, SecurityProblems problems) {
        this.logins = logins;
        this.cache = cache;
        this.accounts = accounts;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || TokenEndpoints.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        switch (check(authorization, request.getRemoteAddr())) {
            case LoginResult.LoggedIn(UserAccount account) -> {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(UserAuthentication.of(account));
                contexts.setContext(context);
                repository.saveContext(context, request, response);
                chain.doFilter(request, response);
            }
            case LoginResult.Refused refused ->
                    problems.commence(request, response, new BadCredentialsException("Invalid HTTP Basic credentials"));
            case LoginResult.Throttled throttled -> problems.throttled(request, response, throttled);
        }
    }

    private LoginResult check(String authorization, String address) {
        OptionalLong remembered = cache.userId(authorization);
        if (remembered.isPresent()) {
            var account = accounts.findById(remembered.getAsLong()).filter(UserAccount::active);
            if (account.isPresent()) {
                return new LoginResult.LoggedIn(account.get());
            }
            cache.forget(authorization);
            return new LoginResult.Refused();
        }
        String decoded = decode(authorization.substring(SCHEME.length()).trim());
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon < 0) {
            return new LoginResult.Refused();
        }
        LoginResult result = logins.attempt(decoded.substring(0, colon), decoded.substring(colon + 1), address);
        if (result instanceof LoginResult.LoggedIn(UserAccount account)) {
            cache.remember(authorization, account.id());
        }
        return result;
    }

    private static @Nullable String decode(String credentials) {
        try {
            return new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
