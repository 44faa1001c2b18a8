package dev.quitto.billing;

import dev.quitto.platform.web.PageQuery;
import org.jspecify.annotations.Nullable;

/** {@code ?page=&size=} of billing's lists: {@code page} from 1, {@code size} 1..{@link PageQuery#MAX_SIZE} (default 50), else 400 {@code invalid-parameter} (billing.md 7). */
final class BillingPages {

    private BillingPages() {
    }

    static PageQuery of(@Nullable Integer page, @Nullable Integer size) {
        if (page != null && page < 1) {
            throw DebtController.invalidParameter("page", "page must be 1 or more");
        }
        if (size != null && (size < 1 || size > PageQuery.MAX_SIZE)) {
            throw DebtController.invalidParameter("size", "size must be between 1 and " + PageQuery.MAX_SIZE);
        }
        return PageQuery.of(page, size);
    }
}
