package dev.quitto.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the service understood and refuses: not found, out of scope, wrong state, conflict. Modules
 * subclass it with a name for what happened ({@code DebtNotFound}); the platform renders every refusal as
 * {@code application/problem+json} with {@code type urn:quitto:problem:<code>}.
 */
public class Refusal extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;

    public Refusal(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public Refusal(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra members of the problem body (the data a spec puts there, such as the conflicting id). */
    public Map<String, Object> properties() {
        return properties;
    }
}
