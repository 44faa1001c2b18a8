package dev.quitto.platform.security.internal;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seeds' token endpoints ({@code djangorestframework-simplejwt}): {@code POST /api/token/} and
 * {@code POST /api/token/refresh/}, with and without the trailing slash. Errors are problem+json carrying
 * the seed's members ({@code detail}, {@code code}, {@code {"email":["This field is required."]}}).
 */
@RestController
class TokenController {

    private static final String REQUIRED = "This field is required.";
    private static final String BLANK = "This field may not be blank.";

    private final PasswordLogin logins;
    private final Tokens tokens;

    TokenController(PasswordLogin logins, Tokens tokens) {
        this.logins = logins;
        this.tokens = tokens;
    }

    @PostMapping({TokenEndpoints.OBTAIN, "/api/token"})
    ResponseEntity<?> obtain(@RequestBody TokenRequest body, HttpServletRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        require(body.loginField(), body.login(), violations);
        require("password", body.password(), violations);
        String login = body.login();
        String password = body.password();
        if (!violations.isEmpty() || login == null || password == null) {
            return ResponseEntity.badRequest().body(invalid(violations));
        }
        return switch (logins.attempt(login, password, request.getRemoteAddr())) {
            case LoginResult.LoggedIn(UserAccount account) -> ResponseEntity.ok(tokens.issue(account));
            case LoginResult.Refused refused -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).headers(SecurityProblems.challenge())
                    .body(Problems.problem(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, SecurityProblems.NO_ACTIVE_ACCOUNT));
            case LoginResult.Throttled throttled -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.seconds()))
                    .body(SecurityProblems.throttled(throttled));
        };
    }

    @PostMapping({TokenEndpoints.REFRESH, "/api/token/refresh"})
    ResponseEntity<?> refresh(@RequestBody RefreshRequest body) {
        List<FieldViolation> violations = new ArrayList<>();
        require("refresh", body.refresh(), violations);
        if (!violations.isEmpty() || body.refresh() == null) {
            return ResponseEntity.badRequest().body(invalid(violations));
        }
        return tokens.refresh(body.refresh())
                .<ResponseEntity<?>>map(access -> ResponseEntity.ok(new AccessToken(access)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).headers(SecurityProblems.challenge())
                        .body(Problems.problem(HttpStatus.UNAUTHORIZED, SecurityProblems.TOKEN_NOT_VALID, SecurityProblems.REFRESH_NOT_VALID)));
    }

    private static void require(String field, @Nullable String value, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(new FieldViolation(field, REQUIRED, "required"));
        } else if (value.isBlank()) {
            violations.add(new FieldViolation(field, BLANK, "blank"));
        }
    }

    /** The platform's validation problem, plus the seed's field map: {@code "email": ["This field is required."]}. */
    private static ProblemDetail invalid(List<FieldViolation> violations) {
        ProblemDetail problem = Problems.invalid(violations,
                violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining(" ")));
        violations.forEach(violation -> problem.setProperty(violation.field(), List.of(violation.message())));
        return problem;
    }

    /** The anticipation seed sends {@code email}, the cashback seed {@code username}; either names the account. */
    record TokenRequest(@Nullable String email, @Nullable String username, @Nullable String password) {

        @Nullable String login() {
            return email != null ? email : username;
        }

        /** The field a missing login is reported under: {@code email}, as the seed does, unless only a username came. */
        String loginField() {
            return email == null && username != null ? "username" : "email";
        }
    }

    record RefreshRequest(@Nullable String refresh) {
    }

    record AccessToken(String access) {
    }
}
