package dev.quitto.platform.security.internal;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** The HMAC-SHA256 key that signs and checks every token; it cannot exist shorter than 32 bytes. */
record JwtSecret(SecretKey key) {

    static final int MIN_BYTES = 32;

    static JwtSecret of(@Nullable String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new JwtSecretInvalid(bytes.length);
        }
        return new JwtSecret(new SecretKeySpec(bytes, "HmacSHA256"));
    }

    /** Start-up refusal: no usable signing key outside the demo and test profiles, which carry their own. */
    static final class JwtSecretInvalid extends RuntimeException {

        JwtSecretInvalid(int length) {
            super(length == 0
                    ? "QUITTO_JWT_SECRET is not set, so Quitto cannot sign tokens."
                    : "QUITTO_JWT_SECRET is " + length + " bytes long; tokens need a key of at least " + MIN_BYTES + " bytes.");
        }

        String action() {
            return "Set QUITTO_JWT_SECRET to a random value of at least " + MIN_BYTES
                    + " bytes (e.g. the output of `openssl rand -base64 48`), or run with the demo profile.";
        }
    }
}
