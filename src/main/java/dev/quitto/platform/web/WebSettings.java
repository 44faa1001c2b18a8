package dev.quitto.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge ({@code quitto.web}).
 *
 * @param maxBodySize largest request body accepted ({@code QUITTO_MAX_BODY_SIZE}); larger gets 413
 * @param uploadPaths path patterns of streamed uploads (CSV imports), which are exempt from {@code maxBodySize}
 *                    and from {@code Idempotency-Key} handling
 */
@ConfigurationProperties("quitto.web")
public record WebSettings(@DefaultValue("1MB") DataSize maxBodySize,
                          @DefaultValue List<String> uploadPaths) {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    /** True when {@code request} goes to a streamed upload path. */
    boolean isUpload(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return uploadPaths.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }
}
