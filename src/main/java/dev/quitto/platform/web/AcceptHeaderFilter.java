package dev.quitto.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request whose {@code Accept} header cannot be read (not a media type list, or more types than Spring sorts)
 * with 406 {@code not-acceptable}: Spring MVC fails on such a header while writing any response, its error responses
 * included, which then go out with no body at all. Runs after authentication, so an unauthenticated caller still gets
 * 401 first.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class AcceptHeaderFilter extends OncePerRequestFilter {

    private static final HeaderContentNegotiationStrategy NEGOTIATION = new HeaderContentNegotiationStrategy();

    private final Problems problems;

    AcceptHeaderFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader("Accept") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            NEGOTIATION.resolveMediaTypes(new ServletWebRequest(request));
        } catch (HttpMediaTypeNotAcceptableException unreadable) {
            problems.write(request, response, Problems.problem(HttpStatus.NOT_ACCEPTABLE, ProblemCodes.NOT_ACCEPTABLE,
                    "The Accept header cannot be read as a list of media types."));
            return;
        }
        chain.doFilter(request, response);
    }
}
