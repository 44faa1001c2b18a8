package dev.quitto.platform.web;

import java.io.IOException;

/** Thrown while reading a body that grows past the configured limit (a chunked body has no Content-Length). */
final class BodyTooLarge extends IOException {

    private final long limit;

    BodyTooLarge(long limit) {
        super("Request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
