package dev.quitto.cashback;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.Refusal;
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
    private final Rejections rejections;

    SaleIntake(Sales sales, Rejections rejections) {
        this.sales = sales;
        this.rejections = rejections;
    }

    Sales.Accepted accept(CurrentUser caller, String path, @Nullable String contentType, @Nullable String idempotencyKey, @Nullable String body) {
        try {
            ObjectNode json = SaleReader.parse(contentType, body);
            return sales.accept(caller, json, body);
        } catch (Refusal refusal) {
            if (refusal.status().is4xxClientError()) {
                rejections.record(caller, path, idempotencyKey, body, refusal);
            }
            throw refusal;
        }
    }
}
