package dev.quitto.platform.delivery;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One call to make to another system.
 *
 * @param destination a configured destination ({@code quitto.delivery.destinations.<name>}): timeouts, backoff,
 *                    credentials and base URL come from there, read at send time
 * @param businessKey what the call is about (a consultation id, a sale id); unique per destination, so enqueueing
 *                    the same key twice keeps one delivery
 * @param method      POST, PUT, PATCH or DELETE
 * @param target      a path relative to the destination's {@code base-url} ({@code /api/v1/finance/records}, or
 *                    empty for the base URL itself), or an absolute {@code http(s)} URL
 * @param headers     extra request headers; {@code Idempotency-Key} defaults to the delivery id when absent
 * @param payload     the JSON body (serialized by Jackson), or null for none
 */
public record OutboundDelivery(String destination, String businessKey, String method, String target,
                               Map<String, String> headers, @Nullable Object payload) {

    private static final Pattern DESTINATION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "content-length", "content-type", "expect",
            "upgrade", "authorization");

    public OutboundDelivery {
        if (!DESTINATION.matcher(destination).matches()) {
            throw new IllegalArgumentException("A destination name is lower-case letters, digits and '-': " + destination);
        }
        if (businessKey.isBlank() || businessKey.length() > 200) {
            throw new IllegalArgumentException("A business key has 1 to 200 characters");
        }
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("Deliveries use POST, PUT, PATCH or DELETE, not " + method);
        }
        if (target.length() > 2000 || !(target.isEmpty() || target.startsWith("/") || isAbsolute(target))) {
            throw new IllegalArgumentException("A target is a path starting with '/', empty, or an absolute http(s) URL: " + target);
        }
        for (var header : headers.entrySet()) {
            if (!HEADER_NAME.matcher(header.getKey()).matches() || RESERVED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Header " + header.getKey() + " cannot be set on a delivery");
            }
            if (header.getValue().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("Header " + header.getKey() + " has a control character");
            }
        }
        headers = Map.copyOf(headers);
    }

    /** A POST of {@code payload} as JSON to {@code target} of {@code destination}. */
    public static OutboundDelivery post(String destination, String businessKey, String target, @Nullable Object payload) {
        return new OutboundDelivery(destination, businessKey, "POST", target, Map.of(), payload);
    }

    /** This delivery with one more request header, e.g. {@code Idempotency-Key: quitto-cashback-<sale id>}. */
    public OutboundDelivery withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutboundDelivery(destination, businessKey, method, target, more, payload);
    }

    public boolean hasAbsoluteTarget() {
        return isAbsolute(target);
    }

    static boolean isAbsolute(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
