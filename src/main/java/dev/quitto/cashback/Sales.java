package dev.quitto.cashback;

import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.OutboundDelivery;
import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sales use cases, behind every path that takes or shows a sale: accept (persist first, deliver later), read within
 * the caller's scope, and retry a FAILED delivery.
 */
@Service
public class Sales {

    private static final Logger log = LoggerFactory.getLogger(Sales.class);

    private final SaleRepository rows;
    private final Rates rates;
    private final Deliveries deliveries;
    private final CashbackSettings settings;
    private final Environment environment;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final CashbackMetrics metrics;
    private volatile @Nullable String providerUrl;

    Sales(SaleRepository rows, Rates rates, Deliveries deliveries, CashbackSettings settings, Environment environment, IdGenerator ids, Clock clock,
          TransactionTemplate transactions, CashbackMetrics metrics) {
        this.rows = rows;
        this.rates = rates;
        this.deliveries = deliveries;
        this.settings = settings;
        this.environment = environment;
        this.ids = ids;
        this.clock = clock;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** Says at startup, once, that sales with cashback will be refused until the provider's URL is configured. */
    @EventListener(ApplicationReadyEvent.class)
    void warnWhenNoProviderIsConfigured() {
        String configured = settings.provider().url();
        if (configured == null || configured.isBlank()) {
            log.warn("cashback_provider_not_configured: QUITTO_CASHBACK_PROVIDER_URL is not set; sales with cashback are refused "
                    + "with 503 (cashback-provider-not-configured) until it is");
        }
    }

    /** The sale and whether this request created it (false: the same sale was received in the last 24 h). */
    record Accepted(Sale sale, boolean created) {
    }

    /**
     * Persists a valid sale, its lines and its delivery in one transaction; a sale with the same fingerprint received
     * within the duplicate window is returned instead, unchanged. Without a provider URL a sale that would have to be
     * delivered is refused with 503 (nothing is stored); bad input is still a 400 and a sale with no cashback is still
     * accepted, as neither needs the provider.
     */
    public Accepted accept(CurrentUser caller, ObjectNode json, String body) {
        Instant now = clock.instant();
        Accepted accepted = transactions.execute(status -> {
            SaleRequest request = SaleReader.validate(json, body, rates.current(), now, settings.clockSkew());
            String fingerprint = fingerprint(caller.id(), request);
            OptionalLong claimed = rows.claimFingerprint(caller.id(), fingerprint, now, now.plus(settings.duplicateWindow()));
            if (claimed.isEmpty()) {
                OptionalLong existing = rows.fingerprintOwner(caller.id(), fingerprint);
                return new Accepted(rows.find(existing.orElseThrow(), caller.id()).orElseThrow(), false);
            }
            long id = claimed.getAsLong();
            BigDecimal exact = CashbackCalculation.exact(request.lines());
            BigDecimal cashback = CashbackCalculation.rounded(exact);
            SaleStatus saleStatus = cashback.signum() > 0 ? SaleStatus.PENDING : SaleStatus.SKIPPED;
            rows.insert(id, caller.login(), caller.id(), now, request, cashback, exact, saleStatus, fingerprint);
            if (saleStatus == SaleStatus.PENDING) {
                deliveries.enqueue(OutboundDelivery.post(CashbackSettings.DESTINATION, SaleRepository.KEY_PREFIX + id, providerUrl(),
                                new ProviderPayload(request.document(), cashback.toPlainString()))
                        .withHeader("Idempotency-Key", "quitto-cashback-" + id));
            } else {
                rows.insertEvent(ids.newId(), id, now, "SKIPPED", null, "cashback 0.00: nothing is sent");
            }
            return new Accepted(created(id, caller, now, request, cashback, exact, saleStatus), true);
        });
        if (accepted != null && accepted.created()) {
            metrics.accepted(accepted.sale().status());
            log.info("cashback_sale_accepted id={} client={} document={} cashback={} status={}", accepted.sale().id(), caller.login(),
                    Cpf.masked(accepted.sale().document()), accepted.sale().cashback(), accepted.sale().status());
        }
        return accepted;
    }

    /** The sale just inserted, as a read would return it (no second round trip). */
    private static Sale created(long id, CurrentUser caller, Instant now, SaleRequest request, BigDecimal cashback, BigDecimal exact,
                                SaleStatus status) {
        List<Sale.Item> items = request.lines().stream().map(line -> new Sale.Item(line.lineNo(), line.type(), line.value(), line.qty(),
                line.ratePercent(), line.cashbackExact())).toList();
        return new Sale(id, caller.login(), caller.id(), now, request.soldAt(), request.document(), request.customerName(), request.total(),
                cashback, exact, request.rates().version(), status, null, null, null, null, false, null, 0,
                status == SaleStatus.PENDING ? now : null, items);
    }

    /** The sale if the caller may see it: an ERP client only its own; ADMIN and AUDITOR every sale. */
    @Transactional(readOnly = true)
    public Sale get(CurrentUser caller, long id) {
        return rows.find(id, scope(caller)).orElseThrow(() -> new SaleNotFound(id));
    }

    @Transactional(readOnly = true)
    public List<Sale> list(CurrentUser caller, SaleFilter filter, int limit, long offset) {
        return rows.list(filter, scope(caller), limit, offset);
    }

    @Transactional(readOnly = true)
    public long count(CurrentUser caller, SaleFilter filter) {
        return rows.count(filter, scope(caller));
    }

    @Transactional(readOnly = true)
    public List<SaleRepository.SaleEvent> events(long saleId) {
        return rows.events(saleId);
    }

    /** ADMIN: a FAILED sale goes back to PENDING and its delivery starts a new cycle; anything else is 409. */
    @Transactional
    public Sale retry(CurrentUser caller, long id) {
        Sale sale = get(caller, id);
        if (sale.status() != SaleStatus.FAILED || !rows.markRetried(id)) {
            throw new SaleNotRetryable(id, sale.status());
        }
        deliveries.findByBusinessKey(CashbackSettings.DESTINATION, SaleRepository.KEY_PREFIX + id)
                .ifPresent(delivery -> deliveries.retry(delivery.id()));
        rows.insertEvent(ids.newId(), id, clock.instant(), "MANUAL_RETRY", caller.login(), null);
        return rows.find(id, null).orElseThrow();
    }

    /** ERP clients are scoped to their own sales; ADMIN and AUDITOR are not. */
    static @Nullable Long scope(CurrentUser caller) {
        return caller.roles().contains(Role.ADMIN) || caller.roles().contains(Role.AUDITOR) ? null : caller.id();
    }

    private String providerUrl() {
        String resolved = providerUrl;
        if (resolved != null) {
            return resolved;
        }
        String configured = settings.provider().url();
        if (configured == null || configured.isBlank()) {
            throw new ProviderNotConfigured();
        }
        resolved = environment.resolveRequiredPlaceholders(configured);
        providerUrl = resolved;
        return resolved;
    }

    /**
     * SHA-256 of the client, the normalised document, the {@code soldAt} instant, the total with 2 decimals and the
     * products sorted by (type, value, qty).
     */
    static String fingerprint(long clientUserId, SaleRequest request) {
        StringBuilder text = new StringBuilder().append(clientUserId).append('|').append(request.document()).append('|')
                .append(request.soldAt()).append('|').append(request.total().setScale(2).toPlainString());
        request.lines().stream()
                .sorted(Comparator.comparing(SaleRequest.Line::type).thenComparing(SaleRequest.Line::value).thenComparingInt(SaleRequest.Line::qty))
                .forEach(line -> text.append('|').append(line.type()).append(':').append(line.value().toPlainString()).append('x').append(line.qty()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
