package dev.quitto.anticipation.payment;

import dev.quitto.anticipation.supplier.Scope;
import dev.quitto.anticipation.supplier.Scopes;
import dev.quitto.anticipation.supplier.Suppliers;
import dev.quitto.anticipation.web.Fields;
import dev.quitto.anticipation.web.NotFound;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.Slice;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and reading payments in the caller's scope; both the seed and the canonical API call these. */
@Service
public class Payments {

    private final PaymentRepository payments;
    private final Scopes scopes;
    private final Suppliers suppliers;
    private final Clock clock;

    Payments(PaymentRepository payments, Scopes scopes, Suppliers suppliers, Clock clock) {
        this.payments = payments;
        this.scopes = scopes;
        this.suppliers = suppliers;
        this.clock = clock;
    }

    /** Today in Sao Paulo, for callers that render a payment's derived status after a use case read it. */
    public LocalDate today() {
        return BusinessTime.today(clock);
    }

    @Transactional
    public Payment create(CurrentUser caller, NewPayment payment) {
        Scope scope = scopes.of(caller);
        LocalDate today = BusinessTime.today(clock);
        List<FieldViolation> violations = new ArrayList<>(payment.violations());
        Long supplierId = payment.supplierId();
        if (scope instanceof Scope.OfSupplier own) {
            if (payment.supplierRule() == NewPayment.SupplierRule.OWN_FOR_SUPPLIERS && supplierId != null && supplierId != own.supplier()) {
                violations.add(new FieldViolation("supplierId", "must be your own supplier id (" + own.supplier() + ") or omitted", "not-own-supplier"));
            }
            supplierId = own.supplier();
        } else if (supplierId != null && !suppliers.exists(supplierId)) {
            violations.add(Fields.doesNotExist("supplierId", supplierId));
        }
        if (payment.dueDate() != null && payment.dueDate().isBefore(today)) {
            violations.add(new FieldViolation("dueDate", Fields.DATE_BEFORE_TODAY, "before-today"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(order(violations));
        }
        if (supplierId == null || payment.dueDate() == null || payment.value() == null) {
            throw new IllegalArgumentException("A payment without violations has a supplier, a due date and a value");
        }
        return payments.insert(supplierId, today, payment.dueDate(), payment.value(), clock.instant());
    }

    @Transactional(readOnly = true)
    public Slice<Payment> list(CurrentUser caller, PaymentFilter filter, PageSpec page) {
        Scope scope = scopes.of(caller);
        LocalDate today = BusinessTime.today(clock);
        long total = payments.count(scope.supplierId(), filter, today);
        return new Slice<>(payments.page(scope.supplierId(), filter, today, page.size(), page.offset(total)), page.page(total), total);
    }

    @Transactional(readOnly = true)
    public Slice<PaymentRow> rows(CurrentUser caller, PaymentFilter filter, PageSpec page) {
        Scope scope = scopes.of(caller);
        LocalDate today = BusinessTime.today(clock);
        long total = payments.count(scope.supplierId(), filter, today);
        return new Slice<>(payments.rows(scope.supplierId(), filter, today, page.size(), page.offset(total)), page.page(total), total);
    }

    @Transactional(readOnly = true)
    public Payment get(CurrentUser caller, long id) {
        return payments.findInScope(id, scopes.of(caller).supplierId()).orElseThrow(NotFound::new);
    }

    @Transactional(readOnly = true)
    public PaymentRow row(CurrentUser caller, long id) {
        return payments.findRowInScope(id, scopes.of(caller).supplierId()).orElseThrow(NotFound::new);
    }

    /** For the module's anticipation use cases, inside their transaction. */
    public Optional<Payment> findInScope(Scope scope, long id) {
        return payments.findInScope(id, scope.supplierId());
    }

    /** The serializer's field order: supplier, due date, value. */
    private static List<FieldViolation> order(List<FieldViolation> violations) {
        List<String> fields = List.of("supplierId", "dueDate", "value");
        return violations.stream().sorted(java.util.Comparator.comparingInt(v -> {
            int index = fields.indexOf(v.field());
            return index < 0 ? fields.size() : index;
        })).toList();
    }
}
