package dev.quitto.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes the one problem shape: {@code type urn:quitto:problem:<code>}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, {@code code}, {@code traceId} and, for bad input,
 * {@code errors}. MVC handlers return the {@link ProblemDetail}; filters, which run outside MVC, call
 * {@link #write}.
 */
@Component
public class Problems {

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem, code);
        return problem;
    }

    public static ProblemDetail invalid(List<FieldViolation> violations, String detail) {
        ProblemDetail problem = problem(org.springframework.http.HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, detail);
        problem.setProperty("errors", violations);
        return problem;
    }

    /** Adds the members every Quitto problem carries to a problem Spring (or a module) made. */
    public static void decorate(ProblemDetail problem, String code) {
        problem.setType(URI.create(ProblemCodes.TYPE_PREFIX + code));
        problem.setProperty("code", code);
        problem.setProperty("traceId", RequestId.current());
    }

    /** Writes {@code problem} as the response, for code that runs before or outside Spring MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), asMap(problem));
    }

    private static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance() == null ? null : problem.getInstance().toString());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
