package dev.quitto.fieldops;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The filters of spec 3.2, already validated; null means "any". */
record VisitFilter(@Nullable String angelKey, @Nullable Long angelId, @Nullable String poloKey, @Nullable Long poloId,
                   @Nullable String uf, @Nullable Long clientId, @Nullable LocalDate deadlineFrom, @Nullable LocalDate deadlineTo,
                   @Nullable LocalDate visitFrom, @Nullable LocalDate visitTo, Set<Outcome> statuses, LocalDate asOf) {

    VisitFilter {
        statuses = Set.copyOf(statuses);
    }

    static VisitFilter none(LocalDate asOf) {
        return new VisitFilter(null, null, null, null, null, null, null, null, null, null, Set.of(), asOf);
    }

    /** True when only dimension filters are set, so the aggregates can answer. */
    boolean onlyDimensions() {
        return clientId == null && deadlineFrom == null && deadlineTo == null && visitFrom == null && visitTo == null && statuses.isEmpty();
    }
}
