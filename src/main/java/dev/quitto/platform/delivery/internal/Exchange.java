package dev.quitto.platform.delivery.internal;

import org.jspecify.annotations.Nullable;

/** What happened on the wire for one attempt: an answer, or a failure before one arrived. */
sealed interface Exchange {

    int latencyMs();

    /** The destination answered; {@code body} is at most 64 KiB of it. */
    record Answered(int status, @Nullable String retryAfter, String body, int latencyMs) implements Exchange {
    }

    /** No answer: the destination could not be reached, timed out, dropped the connection, or the request could not be built. */
    record Failed(Failure failure, String error, int latencyMs) implements Exchange {
    }

    enum Failure {
        CONNECT, TIMEOUT, NETWORK,
        /** The request itself is invalid (a malformed URL, a destination without a base URL): no destination fault. */
        INVALID_REQUEST
    }
}
