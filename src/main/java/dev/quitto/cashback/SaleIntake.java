package dev.quitto.cashback;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.Refusal;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * One intake for every sale path (seed and canonical): parse, validate against the current rate version, accept; a
 * refusal is written to the rejection log before it is answered.
 */
@Component
class SaleIntake {

    private final Sales sales;
    private final Rates rates;
    private final Rejections rejections;
    private final CashbackSettings settings;
    private final Clock clock;

    SaleIntake(Sales sales, Rates rates, Rejections rejections, CashbackSettings settings, Clock clock) {
        this.sales = sales;
        this.rates = rates;
        this.rejections = rejections;
        this.settings = settings;
        this.clock = clock;
    }

    Sales.Accepted accept(CurrentUser caller, String path, @Nullable String contentType, @Nullable String idempotencyKey, @Nullable String body) {
        try {
            ObjectNode json = SaleReader.parse(contentType, body);
            SaleRequest request = SaleReader.validate(json, body, rates.current(), clock.instant(), settings.clockSkew());
            return sales.accept(caller, request);
        } catch (Refusal refusal) {
            if (refusal.status().is4xxClientError()) {
                rejections.record(caller, path, idempotencyKey, body, refusal);
            }
            throw refusal;
        }
    }
}
