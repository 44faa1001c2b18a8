package dev.quitto.platform.imports;

import java.util.Map;

/**
 * What the apply step did with the staged rows: {@code accepted + duplicates + rejected} should equal
 * {@link ImportContext#stagedRows()}. {@code rejected} counts rows rejected by the apply step only (the platform
 * adds those rejected while parsing). {@code extra} holds the kind's own counters ({@code inserted}, {@code updated}).
 */
public record ApplyResult(long accepted, long duplicates, long rejected, Map<String, Long> extra) {

    public ApplyResult {
        extra = Map.copyOf(extra);
    }

    public ApplyResult(long accepted, long duplicates, long rejected) {
        this(accepted, duplicates, rejected, Map.of());
    }
}
