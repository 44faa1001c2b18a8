package dev.quitto.billing;

import dev.quitto.platform.web.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Signed PDF links: {@code {base}/api/v1/billing/invoices/{id}.pdf?exp={unix}&sig={hex HMAC-SHA256(secret, "{id}.{exp}")}}. */
@Component("billingInvoiceLinks")
class InvoiceLinks {

    private final BillingSettings settings;
    private final Clock clock;

    InvoiceLinks(BillingSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        if (settings.links().randomSecret()) {
            LoggerFactory.getLogger(InvoiceLinks.class).warn("QUITTO_BILLING_LINK_SECRET is not set: signed invoice links use a key of this "
                    + "process and stop working when it restarts or on another instance");
        }
    }

    String signedPdfLink(UUID invoiceId) {
        long exp = clock.instant().plus(settings.links().validity()).getEpochSecond();
        return settings.links().publicBaseUrl() + BillingPaths.INVOICES + "/" + invoiceId + ".pdf?exp=" + exp + "&sig=" + sign(invoiceId, exp);
    }

    String sign(UUID invoiceId, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.links().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((invoiceId + "." + exp).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 403 {@code invalid-link} unless {@code sig} signs {@code id.exp} and {@code exp} is not past. */
    void verify(UUID invoiceId, @Nullable String exp, String sig) {
        long expiry;
        try {
            expiry = Long.parseLong(exp == null ? "" : exp);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        byte[] expected = sign(invoiceId, expiry).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII)) || clock.instant().getEpochSecond() > expiry) {
            throw invalid();
        }
    }

    private static Refusal invalid() {
        return new Refusal(HttpStatus.FORBIDDEN, "invalid-link", "The link is not valid or has expired.");
    }
}
