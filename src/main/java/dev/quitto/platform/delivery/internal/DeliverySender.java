package dev.quitto.platform.delivery.internal;

import dev.quitto.platform.delivery.internal.Exchange.Answered;
import dev.quitto.platform.delivery.internal.Exchange.Failed;
import dev.quitto.platform.delivery.internal.Exchange.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Sends one claimed delivery to one destination with the JDK client (HTTP/1.1, no redirects followed), outside any
 * transaction. The URL is resolved from the destination's settings at send time. Never throws: every way a call can
 * end is an {@link Exchange}.
 */
final class DeliverySender implements AutoCloseable {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final DeliverySettings.Destination destination;
    private final HttpClient client;
    private final @Nullable String authorization;

    DeliverySender(DeliverySettings.Destination destination, ExecutorService executor) {
        this.destination = destination;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(destination.connectTimeout())
                .executor(executor)
                .build();
        this.authorization = destination.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (destination.username() + ":" + (destination.password() == null ? "" : destination.password())).getBytes(StandardCharsets.UTF_8));
    }

    Exchange send(ClaimedDelivery delivery) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = request(delivery);
        } catch (IllegalArgumentException invalid) {
            return new Failed(Failure.INVALID_REQUEST, describe(invalid), 0);
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            }
            return new Answered(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), body, millisSince(start));
        } catch (HttpConnectTimeoutException timeout) {
            return new Failed(Failure.CONNECT, "No connection within the connect timeout of " + destination.connectTimeout().toMillis() + " ms",
                    millisSince(start));
        } catch (ConnectException unreachable) {
            return new Failed(Failure.CONNECT, unreachable.getMessage() == null
                    ? "Cannot connect to " + request.uri().getAuthority() + " (connection refused or unreachable)"
                    : describe(unreachable), millisSince(start));
        } catch (HttpTimeoutException timeout) {
            return new Failed(Failure.TIMEOUT, "No answer within the read timeout of " + destination.readTimeout().toMillis() + " ms",
                    millisSince(start));
        } catch (IOException network) {
            return new Failed(Failure.NETWORK, describe(network), millisSince(start));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Failed(Failure.NETWORK, "Interrupted while waiting for the answer (shutting down)", millisSince(start));
        }
    }

    HttpRequest request(ClaimedDelivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(destination.baseUrl(), delivery.target()))
                .timeout(destination.readTimeout())
                .method(delivery.method(), delivery.payload() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8));
        if (delivery.payload() != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Accept", "application/json, */*;q=0.5");
        boolean keyed = false;
        for (var header : delivery.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
            keyed |= header.getKey().equalsIgnoreCase(IDEMPOTENCY_KEY);
        }
        if (!keyed) {
            request.header(IDEMPOTENCY_KEY, delivery.id().toString());
        }
        destination.headers().forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /** An absolute target as is; otherwise the base URL joined with the path by exactly one '/'. */
    static URI uri(@Nullable String baseUrl, String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return URI.create(target);
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("The destination has no base-url for the relative target '" + target + "'");
        }
        if (target.isEmpty()) {
            return URI.create(baseUrl);
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + target);
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
        if (failure.getMessage() != null) {
            text.append(": ").append(failure.getMessage());
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure) {
            text.append(" (").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
            text.append(')');
        }
        return text.toString();
    }

    private static int millisSince(long start) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
