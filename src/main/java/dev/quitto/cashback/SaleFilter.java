package dev.quitto.cashback;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Narrows a sale list; a null or empty member does not filter. {@code from}/{@code to} are days of {@code soldAt} in Sao Paulo. */
record SaleFilter(Set<SaleStatus> statuses, @Nullable LocalDate from, @Nullable LocalDate to, @Nullable String document,
                  @Nullable String clientId) {

    static final SaleFilter ALL = new SaleFilter(Set.of(), null, null, null, null);

    SaleFilter {
        statuses = Set.copyOf(statuses);
    }
}
