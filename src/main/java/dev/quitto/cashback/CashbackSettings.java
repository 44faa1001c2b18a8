package dev.quitto.cashback;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cashback module ({@code quitto.cashback}).
 *
 * @param provider           where sales are delivered
 * @param clockSkew          how far in the future a {@code sold_at} may lie (clients' clocks drift)
 * @param duplicateWindow    how long a sale sent again without an {@code Idempotency-Key} is recognised as the same sale
 * @param rejectionRetention how long rejected requests are kept in the rejection log
 * @param rates              the first rate version, created on first start when none exists (percent by product type)
 * @param simulator          the built-in provider simulator
 * @param cleanupCron        when expired fingerprints and old rejections are deleted (six-field cron, {@code -} disables)
 */
@ConfigurationProperties("quitto.cashback")
public record CashbackSettings(@DefaultValue Provider provider,
                               @DefaultValue("5m") Duration clockSkew,
                               @DefaultValue("24h") Duration duplicateWindow,
                               @DefaultValue("180d") Duration rejectionRetention,
                               @Nullable Map<String, BigDecimal> rates,
                               @DefaultValue Simulator simulator,
                               @DefaultValue("0 17 * * * *") String cleanupCron) {

    public static final String DESTINATION = "cashback-provider";

    public CashbackSettings {
        if (rates == null || rates.isEmpty()) {
            Map<String, BigDecimal> defaults = new LinkedHashMap<>();
            defaults.put("A", new BigDecimal("5"));
            defaults.put("B", new BigDecimal("10"));
            defaults.put("C", new BigDecimal("15"));
            rates = defaults;
        }
        rates = Map.copyOf(rates);
    }

    /**
     * @param url the provider's URL ({@code QUITTO_CASHBACK_PROVIDER_URL}); no default outside the demo and test profiles.
     *            Placeholders such as {@code ${local.server.port}} are resolved when a sale is enqueued.
     */
    public record Provider(@Nullable String url) {
    }

    /** @param enabled serve the simulator under {@code /api/v1/cashback/simulator} (demo and test profiles) */
    public record Simulator(@DefaultValue("false") boolean enabled) {
    }
}
