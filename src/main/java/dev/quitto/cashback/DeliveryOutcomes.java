package dev.quitto.cashback;

import dev.quitto.platform.delivery.DeliveryDied;
import dev.quitto.platform.delivery.DeliverySucceeded;
import dev.quitto.platform.ids.IdGenerator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reconciles a sale with its delivery's outcome, synchronously in the transaction that records the attempt (so the
 * sale's state and its attempt row commit together): DELIVERED with the provider's id (always as text), message and
 * {@code createdAt}; FAILED when the delivery died. Never throws: an unreadable answer still delivers the sale.
 */
@Component
class DeliveryOutcomes {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomes.class);
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final SaleRepository rows;
    private final IdGenerator ids;
    private final Clock clock;
    private final CashbackMetrics metrics;

    DeliveryOutcomes(SaleRepository rows, IdGenerator ids, Clock clock, CashbackMetrics metrics) {
        this.rows = rows;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
    }

    @EventListener
    void delivered(DeliverySucceeded event) {
        Long saleId = saleId(event.destination(), event.businessKey());
        if (saleId == null) {
            return;
        }
        ProviderAnswer answer = ProviderAnswer.read(event.responseBody());
        Instant now = clock.instant();
        var sale = rows.find(saleId, null);
        boolean mismatch = sale.isPresent() && answer.differsFrom(sale.get().document(), sale.get().cashback());
        if (mismatch) {
            log.warn("cashback_echo_mismatch sale={} sent={} echoed document={} cashback={}", saleId, sale.get().cashback(),
                    answer.document() == null ? null : "***" + tail(answer.document()), answer.cashback());
        }
        if (rows.markDelivered(saleId, answer.id(), answer.message(), answer.createdAt(), now, mismatch)) {
            rows.insertEvent(ids.newId(), saleId, now, "DELIVERED", null, "HTTP " + event.statusCode() + " after " + event.attempts() + " attempt(s)");
            metrics.deliveredOnCommit();
        }
    }

    @EventListener
    void died(DeliveryDied event) {
        Long saleId = saleId(event.destination(), event.businessKey());
        if (saleId == null) {
            return;
        }
        String error = event.lastError() != null ? event.lastError() : event.responseExcerpt();
        if (rows.markFailed(saleId, error)) {
            rows.insertEvent(ids.newId(), saleId, clock.instant(), "FAILED", null, event.reason() + " after " + event.attempts() + " attempt(s)");
            metrics.failedOnCommit();
        }
    }

    private static @Nullable Long saleId(String destination, String businessKey) {
        if (!CashbackSettings.DESTINATION.equals(destination) || !businessKey.startsWith(SaleRepository.KEY_PREFIX)) {
            return null;
        }
        try {
            return Long.parseLong(businessKey.substring(SaleRepository.KEY_PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String tail(String text) {
        return text.length() <= 4 ? text : text.substring(text.length() - 4);
    }

    /** The provider's 2xx body, read leniently: a missing or unreadable field is null. */
    record ProviderAnswer(@Nullable String id, @Nullable String message, @Nullable Instant createdAt, @Nullable String document,
                          @Nullable String cashback) {

        static ProviderAnswer read(String body) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (RuntimeException unreadable) {
                return new ProviderAnswer(null, null, null, null, null);
            }
            if (json == null || !json.isObject()) {
                return new ProviderAnswer(null, null, null, null, null);
            }
            return new ProviderAnswer(text(json.get("id")), text(json.get("message")), instant(text(json.get("createdAt"))),
                    text(json.get("document")), text(json.get("cashback")));
        }

        private static @Nullable String text(@Nullable JsonNode node) {
            if (node == null || node.isNull() || node.isContainer()) {
                return null;
            }
            if (node.isNumber()) {
                return node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.decimalValue().toPlainString();
            }
            return node.asString();
        }

        private static @Nullable Instant instant(@Nullable String text) {
            if (text == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        /** The echoed document or cashback (compared as decimals) differs from what was sent. */
        boolean differsFrom(String sentDocument, BigDecimal sentCashback) {
            if (document != null && !document.equals(sentDocument)) {
                return true;
            }
            if (cashback == null) {
                return false;
            }
            try {
                return new BigDecimal(cashback.trim()).compareTo(sentCashback) != 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
    }
}
