package dev.quitto.anticipation.web;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A method a seed path does not serve; {@code allow} lists those it does. */
public final class MethodNotAllowed extends Refusal {

    private final String allow;

    public MethodNotAllowed(String method, String allow) {
        super(HttpStatus.METHOD_NOT_ALLOWED, ProblemCodes.METHOD_NOT_ALLOWED, "Method \"" + method + "\" not allowed.", Map.of());
        this.allow = allow;
    }

    public String allow() {
        return allow;
    }
}
