package dev.quitto.platform.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * The token paths, with and without their trailing slash. They are open, and the credentials in their body are
 * the only ones that count: a stale {@code Authorization} header (an expired access token sent along with a
 * refresh) is ignored there.
 */
final class TokenEndpoints {

    static final String OBTAIN = "/api/token/";
    static final String REFRESH = "/api/token/refresh/";
    static final String[] PATHS = {OBTAIN, "/api/token", REFRESH, "/api/token/refresh"};

    private static final Set<String> PATH_SET = Set.of(PATHS);

    private TokenEndpoints() {
    }

    static boolean matches(HttpServletRequest request) {
        return PATH_SET.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }
}
