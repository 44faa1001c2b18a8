package dev.quitto.cashback;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** One immutable set of cashback rates: percent (0..100, 2 decimals) by product type. */
record RateVersion(long id, int version, Instant createdAt, String createdBy, @Nullable String note, Map<String, BigDecimal> rates) {

    RateVersion {
        rates = new TreeMap<>(rates);
    }

    Optional<BigDecimal> percent(String type) {
        return Optional.ofNullable(rates.get(type));
    }

    /** The same set of types with numerically equal percents. */
    boolean sameRates(Map<String, BigDecimal> other) {
        return rates.size() == other.size() && other.entrySet().stream()
                .allMatch(e -> rates.containsKey(e.getKey()) && rates.get(e.getKey()).compareTo(e.getValue()) == 0);
    }
}
