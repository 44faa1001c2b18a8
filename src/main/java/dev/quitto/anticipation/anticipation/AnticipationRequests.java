package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.AnticipationSettings;
import dev.quitto.anticipation.payment.AnticipationState;
import dev.quitto.anticipation.payment.Payment;
import dev.quitto.anticipation.payment.Payments;
import dev.quitto.anticipation.supplier.Scope;
import dev.quitto.anticipation.supplier.Scopes;
import dev.quitto.anticipation.web.Fields;
import dev.quitto.anticipation.web.NotFound;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requesting an anticipation (a supplier for itself, or an operator on its behalf), and previewing one. The checks
 * run in the seed's order: fields, an open request, an unavailable payment, the new date before the due date, a
 * new value above zero. A request writes the PENDING row, the payment's state and one R log row (one statement) and one
 * e-mail, in one transaction.
 */
@Service
public class AnticipationRequests {

    static final String NOT_BEFORE_DUE_DATE = "Inform a date before the payment due date.";
    static final String NOTHING_LEFT = "The new value must be greater than zero; choose a later date.";

    private final AnticipationRepository anticipations;
    private final Payments payments;
    private final Scopes scopes;
    private final ActionMails mails;
    private final AnticipationSettings settings;
    private final Clock clock;

    AnticipationRequests(AnticipationRepository anticipations, Payments payments, Scopes scopes, ActionMails mails,
                         AnticipationSettings settings, Clock clock) {
        this.anticipations = anticipations;
        this.payments = payments;
        this.scopes = scopes;
        this.mails = mails;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public Anticipation request(CurrentUser caller, NewAnticipation request) {
        Scope scope = scopes.of(caller);
        Instant now = clock.instant();
        LocalDate today = now.atZone(BusinessTime.ZONE).toLocalDate();
        Payment payment = validated(scope, request, today);
        LocalDate newDueDate = java.util.Objects.requireNonNull(request.newDueDate());
        Discount discount = new Discount(settings.monthlyRate(), settings.periodDays());
        Discount.Quote quote = check(payment, newDueDate, today, discount);

        RequestWithSupplier written = anticipations.insertPending(payment.id(), payment.supplierId(), payment.value(), payment.dueDate(),
                newDueDate, quote.newValue(), quote.daysInAdvance(), discount.monthlyRate(), discount.periodDays(), scope.userId(), scope.role(),
                now, today).orElseThrow(AnticipationExists::new);
        mails.write(MailKind.REQUESTED, written, scope.role());
        return written.anticipation();
    }

    /** What {@link #request} would store, with the same checks and answers, and no side effects. */
    @Transactional(readOnly = true)
    public Discount.Quote preview(CurrentUser caller, long paymentId, NewAnticipation request) {
        Scope scope = scopes.of(caller);
        LocalDate today = BusinessTime.today(clock);
        NewAnticipation forPayment = new NewAnticipation(paymentId, request.newDueDate(), request.violations(), request.outOfScope());
        Payment payment = validated(scope, forPayment, today);
        return check(payment, java.util.Objects.requireNonNull(request.newDueDate()), today, new Discount(settings.monthlyRate(), settings.periodDays()));
    }

    /** The rate a request made now would store. */
    public java.math.BigDecimal monthlyRate() {
        return settings.monthlyRate();
    }

    /** Step 1: the payment in scope and the fields, every field error at once. */
    private Payment validated(Scope scope, NewAnticipation request, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        Payment payment = null;
        if (request.paymentId() != null) {
            payment = payments.findInScope(scope, request.paymentId()).orElse(null);
            if (payment == null) {
                if (request.outOfScope() == NewAnticipation.OutOfScope.NOT_FOUND) {
                    throw new NotFound();
                }
                violations.add(Fields.doesNotExist("payment", request.paymentId()));
            }
        }
        violations.addAll(request.violations().stream().filter(v -> v.field().equals("payment")).toList());
        violations.addAll(request.violations().stream().filter(v -> !v.field().equals("payment")).toList());
        if (request.newDueDate() != null && request.newDueDate().isBefore(today)) {
            violations.add(new FieldViolation("newDueDate", Fields.DATE_BEFORE_TODAY, "before-today"));
        }
        if (!violations.isEmpty() || payment == null || request.newDueDate() == null) {
            throw new InvalidInput(violations.isEmpty() ? List.of(new FieldViolation("payment", Fields.REQUIRED, "required")) : violations);
        }
        return payment;
    }

    /** Steps 2 to 5. */
    private static Discount.Quote check(Payment payment, LocalDate newDueDate, LocalDate today, Discount discount) {
        if (payment.state() == AnticipationState.PENDING || payment.state() == AnticipationState.APPROVED) {
            throw new AnticipationExists();
        }
        if (!payment.dueDate().isAfter(today)) {
            throw new PaymentUnavailable();
        }
        if (!newDueDate.isBefore(payment.dueDate())) {
            throw new InvalidInput("newDueDate", NOT_BEFORE_DUE_DATE, "not-before-due-date");
        }
        Discount.Quote quote = discount.quote(payment.value(), payment.dueDate(), newDueDate);
        if (!quote.isPositive()) {
            throw new InvalidInput("newDueDate", NOTHING_LEFT, "new-value-not-positive");
        }
        return quote;
    }
}
