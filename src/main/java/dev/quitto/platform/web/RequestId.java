package dev.quitto.platform.web;

import org.slf4j.MDC;

/** The id of the request being served: on every log line (MDC {@code requestId}) and in every problem body. */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private RequestId() {
    }

    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "none" : id;
    }
}
