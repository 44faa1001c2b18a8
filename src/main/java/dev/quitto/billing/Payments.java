package dev.quitto.billing;

import dev.quitto.billing.DebtRepository.DebtRow;
import dev.quitto.billing.DebtRepository.InvoiceRow;
import dev.quitto.billing.PaymentRepository.NewPayment;
import dev.quitto.billing.PaymentRepository.PaymentRow;
import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.privacy.Masked;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applying bank payments (billing.md 4.6), the one service behind {@code POST /payment} and {@code POST /api/v1/billing/payments}
 * and the matcher. One transaction per payment with the debt row locked: {@code applied = min(paidAmount, balance)}, the rest
 * is excess; a partial payment supersedes the open invoice with one for the balance (and its INVOICE e-mail), a full one
 * marks it PAID. The idempotency key is unique in storage, so concurrent identical deliveries store one payment.
 */
@Service("billingPayments")
class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    /** What a delivery led to: the stored payment, whether it was a replay, and the debt as it is now (null if unknown). */
    record Outcome(PaymentRow payment, boolean replayed, Optional<DebtRow> debt) {
    }

    private final PaymentRepository payments;
    private final DebtRepository debts;
    private final NossoNumeros nossoNumeros;
    private final IdGenerator ids;
    private final BillingSettings settings;
    private final Clock clock;
    private final TransactionTemplate transaction;

    Payments(PaymentRepository payments, DebtRepository debts, NossoNumeros nossoNumeros, IdGenerator ids, BillingSettings settings,
             Clock clock, PlatformTransactionManager transactions) {
        this.payments = payments;
        this.debts = debts;
        this.nossoNumeros = nossoNumeros;
        this.ids = ids;
        this.settings = settings;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Records the payment (or finds its earlier delivery) and applies it to its debt when the debt exists. */
    Outcome receive(PaymentRequest request) {
        Outcome outcome = transaction.execute(status -> {
            OffsetDateTime now = DebtRepository.utc(clock.instant());
            NewPayment payment = new NewPayment(ids.newId(), request.idempotencyKey(), request.keySource(), request.payloadSha256(),
                    request.debtId(), request.paidAt(), request.paidAtRaw(), request.paidAmount(), request.paidBy(), request.rawBody());
            Optional<PaymentRow> inserted = payments.insert(payment, now);
            if (inserted.isEmpty()) {
                PaymentRow stored = payments.byKey(request.idempotencyKey()).orElseThrow();
                if (!stored.payloadSha256().equals(request.payloadSha256())) {
                    throw new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCodes.IDEMPOTENCY_KEY_REUSED,
                            "Idempotency-Key " + request.idempotencyKey() + " was used for another payment.");
                }
                return new Outcome(stored, true, debts.find(stored.debtIdRaw()));
            }
            PaymentRow stored = inserted.get();
            Optional<DebtRow> debt = debts.lock(request.debtId());
            if (debt.isEmpty()) {
                log.info("Payment {} for unknown debt {} stored UNMATCHED", stored.id(), request.debtId());
                return new Outcome(stored, false, Optional.empty());
            }
            Applied applied = apply(stored, debt.get(), now);
            return new Outcome(applied.payment(), false, Optional.of(applied.debt()));
        });
        if (outcome == null) {
            throw new IllegalStateException("the payment transaction returned nothing");
        }
        return outcome;
    }

    /** Applies UNMATCHED payments whose debt has appeared, oldest paidAt first; returns how many were applied. */
    int matchUnmatched() {
        int total = 0;
        while (true) {
            Integer applied = transaction.execute(status -> {
                OffsetDateTime now = DebtRepository.utc(clock.instant());
                List<PaymentRow> matchable = payments.claimMatchable(100);
                for (PaymentRow payment : matchable) {
                    DebtRow debt = debts.lock(payment.debtIdRaw()).orElseThrow();
                    apply(payment, debt, now);
                }
                return matchable.size();
            });
            if (applied == null || applied == 0) {
                return total;
            }
            total += applied;
        }
    }

    /** A payment applied to its debt, both as written. */
    private record Applied(PaymentRow payment, DebtRow debt) {
    }

    private Applied apply(PaymentRow payment, DebtRow debt, OffsetDateTime now) {
        BigDecimal paid = payment.paidAmount();
        BigDecimal applied = "PAID".equals(debt.status()) ? BigDecimal.ZERO : paid.min(debt.balance());
        BigDecimal excess = paid.subtract(applied);
        BigDecimal paidTotal = debt.paidTotal().add(applied);
        String status = paidTotal.compareTo(debt.amount()) >= 0 ? "PAID" : paidTotal.signum() > 0 ? "PARTIALLY_PAID" : "OPEN";
        if (!"PAID".equals(debt.status()) && applied.signum() > 0) {
            Optional<InvoiceRow> open = debts.openInvoice(debt.pk());
            if ("PAID".equals(status)) {
                open.ifPresent(invoice -> debts.closeInvoice(invoice.id(), "PAID", null));
            } else {
                UUID replacement = ids.newId();
                open.ifPresent(invoice -> debts.closeInvoice(invoice.id(), "SUPERSEDED", replacement));
                BigDecimal balance = debt.amount().subtract(paidTotal);
                long nossoNumero = nossoNumeros.next();
                long cents = balance.movePointRight(2).longValueExact();
                String barcode = Boleto.barcode(settings.beneficiary(), nossoNumero, cents, debt.dueDate());
                debts.issueInvoice(replacement, debt.pk(), nossoNumero, balance, debt.dueDate(), barcode, Boleto.digitableLine(barcode),
                        PixCode.payload(settings.beneficiary(), nossoNumero, Money2.text(balance)), now);
            }
        }
        DebtRow settled = debts.settle(debt.pk(), paidTotal, debt.excess().add(excess), status, now);
        PaymentRow appliedPayment = payments.applied(payment.id(), debt.pk(), applied, excess, now);
        log.info("Payment {} APPLIED to debt {} of governmentId {}, e-mail {}: paid {}, applied {}, excess {}; debt {} -> {}", payment.id(),
                debt.debtId(), Masked.governmentId(debt.governmentId()), Masked.email(debt.email()), Money2.text(paid), Money2.text(applied),
                Money2.text(excess), debt.status(), status);
        return new Applied(appliedPayment, settled);
    }

    /** The refusal a delivery for an unknown debt answers with, carrying the stored payment's id. */
    static Refusal debtNotFound(PaymentRow payment) {
        return new Refusal(HttpStatus.NOT_FOUND, "debt-not-found", "Debt " + payment.debtIdRaw() + " does not exist; the payment is stored as UNMATCHED "
                + "and is applied when the debt is imported.", java.util.Map.of("paymentId", payment.id().toString()));
    }
}
