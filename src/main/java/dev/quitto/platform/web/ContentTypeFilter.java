package dev.quitto.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body whose {@code Content-Type} is a wildcard ({@code *}{@code /*}, {@code application/*}) with 415: it names
 * no format, and Spring MVC fails on it with an {@link IllegalArgumentException} (a 500) while reading the headers.
 * Runs after authentication, so an unauthenticated caller still gets 401 first.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class ContentTypeFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final Problems problems;

    ContentTypeFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentType() == null || !WITH_BODY.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MediaType type;
        try {
            type = MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException unparseable) {
            chain.doFilter(request, response);
            return;
        }
        if (!type.isConcrete()) {
            problems.write(request, response, Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported media type \"" + type.getType() + "/" + type.getSubtype() + "\" in request."));
            return;
        }
        chain.doFilter(request, response);
    }
}
