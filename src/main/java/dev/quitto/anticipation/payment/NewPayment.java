package dev.quitto.anticipation.payment;

import dev.quitto.platform.web.FieldViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A payment to create, as far as the body could be read: what failed to parse is in {@code violations}, and the
 * service adds what only it can check (the supplier exists, the due date is not past) before refusing them all.
 *
 * @param supplierRule how a supplier caller's {@code supplierId} is treated
 */
public record NewPayment(@Nullable Long supplierId, SupplierRule supplierRule, @Nullable LocalDate dueDate, @Nullable BigDecimal value,
                         List<FieldViolation> violations) {

    public NewPayment {
        violations = List.copyOf(violations);
    }

    public enum SupplierRule {
        /** The seed: a supplier's payment is its own whatever the body says. */
        IGNORED_FOR_SUPPLIERS,
        /** The canonical API: a supplier may omit it or give its own id; another id is 400. */
        OWN_FOR_SUPPLIERS
    }
}
