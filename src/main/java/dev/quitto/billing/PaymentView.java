package dev.quitto.billing;

import dev.quitto.billing.DebtRepository.DebtRow;
import dev.quitto.billing.PaymentRepository.PaymentRow;
import dev.quitto.platform.time.BusinessTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The payment result of billing.md 3: the webhook's answer and the payment resource. */
record PaymentView(UUID paymentId, String debtId, String status, OffsetDateTime paidAt, String paidAmount, String appliedAmount,
                   String excessAmount, String paidBy, boolean replayed, @Nullable DebtSummary debt, Map<String, String> links) {

    record DebtSummary(String status, String amount, String paidTotal, String balance, String excess) {

        static DebtSummary of(DebtRow debt) {
            return new DebtSummary(debt.status(), Money2.text(debt.amount()), Money2.text(debt.paidTotal()), Money2.text(debt.balance()),
                    Money2.text(debt.excess()));
        }
    }

    static PaymentView of(PaymentRow payment, boolean replayed, @Nullable DebtRow debt) {
        return new PaymentView(payment.id(), payment.debtIdRaw(), payment.status(), BusinessTime.render(payment.paidAt().toInstant()),
                Money2.text(payment.paidAmount()), Money2.text(payment.appliedAmount()), Money2.text(payment.excessAmount()),
                payment.paidBy(), replayed, debt == null ? null : DebtSummary.of(debt),
                Map.of("self", BillingPaths.PAYMENTS + "/" + payment.id(), "debt", BillingPaths.DEBTS + "/" + payment.debtIdRaw()));
    }
}
