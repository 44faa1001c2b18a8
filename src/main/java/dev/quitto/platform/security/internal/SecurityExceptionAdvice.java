package dev.quitto.platform.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Security failures raised inside Spring MVC ({@code @PreAuthorize}, a {@code CurrentUser} parameter without a
 * caller) get the same 401/403 bodies as those of the filter chain, instead of the catch-all 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityExceptionAdvice {

    private final SecurityProblems problems;

    SecurityExceptionAdvice(SecurityProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(AccessDeniedException.class)
    void denied(AccessDeniedException denied, HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.handle(request, response, denied);
    }

    @ExceptionHandler(AuthenticationException.class)
    void unauthenticated(AuthenticationException failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.commence(request, response, failure);
    }
}
