package dev.quitto.cashback;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quitto.platform.delivery.DeliveryAttempt;
import dev.quitto.platform.time.BusinessTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the cashback API: the seed's (cashback.md 2) and the canonical ones (3). */
final class Views {

    static final String CANONICAL = "/api/v1/cashback";
    static final String WAITING = "Waiting for cashback api response";
    static final String ERROR = "Error on registering cashback.";
    static final String NO_CASHBACK = "No cashback due.";

    private Views() {
    }

    /** ISO-8601 in America/Sao_Paulo, milliseconds when there are any ({@code 2026-01-02T00:00:00-03:00}). */
    static @Nullable String local(@Nullable Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(BusinessTime.render(instant.truncatedTo(ChronoUnit.MILLIS)));
    }

    /** ISO-8601 in UTC with {@code Z} ({@code 2026-01-02T03:00:00Z}). */
    static @Nullable String utc(@Nullable Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    // ---- seed shape ----

    record SeedSale(long id, SeedCustomer customer, List<SeedProduct> products, String sold_at, BigDecimal total, @Nullable String created_at,
                    String message, @Nullable String returned_id, BigDecimal cashback, String document) {

        static SeedSale of(Sale sale) {
            String message = switch (sale.status()) {
                case PENDING, RETRYING -> WAITING;
                case DELIVERED -> sale.providerMessage() == null ? "" : sale.providerMessage();
                case FAILED -> ERROR;
                case SKIPPED -> NO_CASHBACK;
            };
            return new SeedSale(sale.id(), new SeedCustomer(sale.customerName(), sale.document()),
                    sale.items().stream().map(item -> new SeedProduct(item.lineNo(), item.type(), item.value().setScale(2), item.qty())).toList(),
                    utc(sale.soldAt()), sale.total().setScale(2), utc(sale.providerCreatedAt()), message, sale.providerId(),
                    sale.cashback().setScale(2), sale.document());
        }
    }

    record SeedCustomer(String name, String document) {
    }

    record SeedProduct(int id, String type, BigDecimal value, int qty) {
    }

    // ---- canonical shape ----

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SaleView(long id, String clientId, String status, String receivedAt, String soldAt, Customer customer, String total, String cashback,
                    String cashbackExact, int rateVersion, List<Product> products, DeliveryView delivery, Map<String, String> links,
                    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<AttemptView> attempts,
                    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<EventView> events) {

        static SaleView of(Sale sale) {
            return of(sale, null, null);
        }

        static SaleView of(Sale sale, @Nullable List<AttemptView> attempts, @Nullable List<EventView> events) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("self", CANONICAL + "/sales/" + sale.id());
            links.put("retry", CANONICAL + "/sales/" + sale.id() + "/retry");
            return new SaleView(sale.id(), sale.clientId(), sale.status().name(), local(sale.receivedAt()), local(sale.soldAt()),
                    new Customer(sale.document(), sale.customerName()), money(sale.total()), money(sale.cashback()),
                    CashbackCalculation.plain(sale.cashbackExact()), sale.rateVersion(),
                    sale.items().stream().map(item -> new Product(item.lineNo(), item.type(), money(item.value()), item.qty(),
                            money(item.ratePercent()), CashbackCalculation.plain(item.cashbackExact()))).toList(),
                    new DeliveryView(sale.attempts(), local(sale.nextAttemptAt()), local(sale.deliveredAt()), sale.providerId(), sale.providerMessage(),
                            local(sale.providerCreatedAt()), sale.echoMismatch(), sale.lastError()),
                    links, attempts, events);
        }
    }

    record Customer(String document, String name) {
    }

    record Product(int line, String type, String value, int qty, String ratePercent, String cashbackExact) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeliveryView(int attempts, @Nullable String nextAttemptAt, @Nullable String deliveredAt, @Nullable String providerId,
                        @Nullable String providerMessage, @Nullable String providerCreatedAt, boolean echoMismatch, @Nullable String lastError) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AttemptView(int no, String startedAt, @Nullable Integer latencyMs, String outcome, @Nullable Integer httpStatus,
                       @Nullable String errorClass, @Nullable String responseExcerpt) {

        static AttemptView of(DeliveryAttempt attempt) {
            return new AttemptView(attempt.attempt(), local(attempt.at()), attempt.latencyMs(), attempt.outcome(), attempt.statusCode(),
                    attempt.error(), attempt.bodyExcerpt());
        }
    }

    record EventView(String type, String at, @Nullable String actor, @Nullable String detail) {

        static EventView of(SaleRepository.SaleEvent event) {
            return new EventView(event.type(), local(event.at()), event.actor(), event.detail());
        }
    }

    record RatesView(int version, String createdAt, String createdBy, @Nullable String note, Map<String, String> rates) {

        static RatesView of(RateVersion version) {
            Map<String, String> rates = new LinkedHashMap<>();
            version.rates().forEach((type, percent) -> rates.put(type, money(percent)));
            return new RatesView(version.version(), local(version.createdAt()), version.createdBy(), version.note(), rates);
        }
    }

    record RejectionView(String id, @Nullable String clientId, String receivedAt, String path, @Nullable String idempotencyKey,
                         @Nullable String body, int status, String code, @Nullable String detail) {

        static RejectionView of(Rejections.Rejection r) {
            return new RejectionView(r.id().toString(), r.clientId(), local(r.receivedAt()), r.path(), r.idempotencyKey(), r.body(), r.status(),
                    r.code(), r.detail());
        }
    }
}
