package dev.quitto.billing;

import dev.quitto.platform.web.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code X-Quitto-Signature: t=<unix seconds>,v1=<hex>} (several {@code v1} allowed): valid when a {@code v1} equals
 * hex HMAC-SHA256(secret, {@code t + "." + raw body}) for one of the configured secrets (constant-time comparison) and
 * |now − t| ≤ the tolerance. Without secrets the header is ignored.
 */
@Component("billingWebhookSignature")
class WebhookSignature {

    static final String HEADER = "X-Quitto-Signature";

    private final BillingSettings settings;
    private final Clock clock;

    WebhookSignature(BillingSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    void verify(@Nullable String header, byte[] body) {
        List<String> secrets = settings.webhook().secrets();
        if (secrets.isEmpty()) {
            return;
        }
        if (header == null || header.isBlank()) {
            throw invalid("The " + HEADER + " header is missing.");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw invalid("The " + HEADER + " header is malformed.");
            }
            String name = item.substring(0, eq);
            String value = item.substring(eq + 1);
            try {
                if (name.equals("t")) {
                    timestamp = Long.parseLong(value);
                } else if (name.equals("v1")) {
                    signatures.add(HexFormat.of().parseHex(value));
                }
            } catch (IllegalArgumentException e) {
                throw invalid("The " + HEADER + " header is malformed.");
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw invalid("The " + HEADER + " header needs t= and v1=.");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > settings.webhook().tolerance().toSeconds()) {
            throw invalid("The signature's timestamp is too far from now.");
        }
        for (String secret : secrets) {
            byte[] expected = hmac(secret, timestamp, body);
            for (byte[] signature : signatures) {
                if (MessageDigest.isEqual(expected, signature)) {
                    return;
                }
            }
        }
        throw invalid("The signature does not match the body.");
    }

    static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Refusal invalid(String detail) {
        return new Refusal(HttpStatus.UNAUTHORIZED, "invalid-signature", detail);
    }
}
