package dev.quitto.platform.security.internal;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * The 401, 403 and 429 bodies, as problem+json that also carries the seeds' {@code detail} texts (and
 * {@code code token_not_valid} for tokens). Every 401 names both schemes in {@code WWW-Authenticate}.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String BASIC_CHALLENGE = "Basic realm=\"quitto\"";
    static final String BEARER_CHALLENGE = "Bearer realm=\"api\"";
    static final String TOKEN_NOT_VALID = "token_not_valid";

    static final String NOT_PROVIDED = "Authentication credentials were not provided.";
    static final String BEARER_NOT_VALID = "Given token not valid for any token type";
    static final String BASIC_NOT_VALID = "Invalid username/password.";
    static final String NO_ACTIVE_ACCOUNT = "No active account found with the given credentials";
    static final String REFRESH_NOT_VALID = "Token is invalid or expired";

    private final Problems problems;

    SecurityProblems(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) throws IOException {
        challenge(response);
        problems.write(request, response, unauthenticated(exception));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception) throws IOException {
        problems.write(request, response, forbidden());
    }

    void throttled(HttpServletRequest request, HttpServletResponse response, LoginResult.Throttled throttled) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.seconds()));
        problems.write(request, response, throttled(throttled));
    }

    static void challenge(HttpServletResponse response) {
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
    }

    static HttpHeaders challenge() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        headers.add(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        return headers;
    }

    static ProblemDetail unauthenticated(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException) {
            return Problems.problem(HttpStatus.UNAUTHORIZED, TOKEN_NOT_VALID, BEARER_NOT_VALID);
        }
        if (exception instanceof BadCredentialsException) {
            return Problems.problem(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, BASIC_NOT_VALID);
        }
        return Problems.problem(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, NOT_PROVIDED);
    }

    static ProblemDetail forbidden() {
        return Problems.problem(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "You do not have a role that may do this.");
    }

    static ProblemDetail throttled(LoginResult.Throttled throttled) {
        return Problems.problem(HttpStatus.TOO_MANY_REQUESTS, ProblemCodes.TOO_MANY_REQUESTS,
                "Request was throttled. Expected available in " + throttled.seconds() + " seconds.");
    }
}
