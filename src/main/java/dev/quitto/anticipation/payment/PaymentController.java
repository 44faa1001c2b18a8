package dev.quitto.anticipation.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.quitto.anticipation.web.Canonical;
import dev.quitto.anticipation.web.Fields;
import dev.quitto.anticipation.web.InvalidStatusFilter;
import dev.quitto.anticipation.web.JsonBody;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.PathIds;
import dev.quitto.platform.money.MoneyParser;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.Paged;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Canonical payments: enriched with supplier, derived status and latest request. */
@RestController
@RequestMapping(Canonical.BASE + "/payments")
class PaymentController {

    static final BigDecimal MAX_VALUE = new BigDecimal("999999999.99");
    private static final Set<String> CREATE_PROPERTIES = Set.of("supplierId", "supplier_id", "dueDate", "due_date", "value");

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping
    Paged<PaymentView> list(CurrentUser caller, @RequestParam(required = false) @Nullable String status,
                            @RequestParam(required = false) @Nullable String supplierId, @RequestParam(required = false) @Nullable String dueFrom,
                            @RequestParam(required = false) @Nullable String dueTo, @RequestParam(required = false) @Nullable Integer page,
                            @RequestParam(required = false) @Nullable Integer size) {
        List<FieldViolation> violations = new ArrayList<>();
        PaymentFilter filter = new PaymentFilter(status(status), supplier(supplierId, violations),
                Fields.queryDate(dueFrom, "dueFrom", violations), Fields.queryDate(dueTo, "dueTo", violations));
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        PageSpec.Canonical spec = PageSpec.Canonical.of(page, size);
        LocalDate today = payments.today();
        return Canonical.paged(payments.rows(caller, filter, spec).map(row -> PaymentView.of(row, today)), spec);
    }

    @GetMapping("/{id}")
    PaymentView get(CurrentUser caller, @PathVariable String id) {
        return PaymentView.of(payments.row(caller, PathIds.parse(id)), payments.today());
    }

    @PostMapping
    ResponseEntity<PaymentView> create(CurrentUser caller, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                       @RequestBody(required = false) @Nullable String body) {
        ObjectNode json = JsonBody.read(contentType, body);
        List<FieldViolation> violations = new ArrayList<>(JsonBody.unknownProperties(json, CREATE_PROPERTIES));
        Long supplierId = null;
        String supplierName = json.has("supplierId") ? "supplierId" : json.has("supplier_id") ? "supplier_id" : null;
        if (supplierName != null) {
            OptionalLong supplier = Fields.primaryKey(json, supplierName, "supplierId", violations);
            supplierId = supplier.isPresent() ? supplier.getAsLong() : null;
        } else if (!caller.roles().contains(dev.quitto.platform.security.Role.SUPPLIER)) {
            violations.add(new FieldViolation("supplierId", Fields.REQUIRED, "required"));
        }
        LocalDate dueDate = Fields.date(json, json.has("due_date") ? "due_date" : "dueDate", "dueDate", violations);
        BigDecimal value = value(json, violations);
        Payment created = payments.create(caller, new NewPayment(supplierId, NewPayment.SupplierRule.OWN_FOR_SUPPLIERS, dueDate, value, violations));
        return ResponseEntity.created(URI.create(Canonical.BASE + "/payments/" + created.id())).body(PaymentView.of(payments.row(caller, created.id()), payments.today()));
    }

    private static @Nullable BigDecimal value(ObjectNode json, List<FieldViolation> violations) {
        JsonNode node = Fields.present(json, "value", "value", violations);
        if (node == null) {
            return null;
        }
        return switch (MoneyParser.parse(node.isNumber() ? node.decimalValue() : node.isString() ? node.asString() : node)) {
            case MoneyParser.Parsed(var money) when !money.isPositive() -> {
                violations.add(new FieldViolation("value", "must be greater than zero", "positive"));
                yield null;
            }
            case MoneyParser.Parsed(var money) when money.amount().compareTo(MAX_VALUE) > 0 -> {
                violations.add(new FieldViolation("value", "must be at most 999999999.99", "max"));
                yield null;
            }
            case MoneyParser.Parsed(var money) -> money.amount();
            case MoneyParser.Refused(var refusal) -> {
                violations.add(new FieldViolation("value", refusal.message(), refusal.name().toLowerCase(Locale.ROOT).replace('_', '-')));
                yield null;
            }
        };
    }

    private static @Nullable PaymentStatus status(@Nullable String status) {
        if (status == null || status.equalsIgnoreCase("ALL")) {
            return null;
        }
        return PaymentStatus.parse(status).orElseThrow(() -> new InvalidStatusFilter(status.toUpperCase(Locale.ROOT),
                "A, U, PC, AN, D, ALL or AVAILABLE, UNAVAILABLE, PENDING_CONFIRMATION, ANTICIPATED, DENIED"));
    }

    private static @Nullable Long supplier(@Nullable String supplierId, List<FieldViolation> violations) {
        if (supplierId == null) {
            return null;
        }
        try {
            return Long.parseLong(supplierId);
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation("supplierId", "must be an integer id", "wrong-type"));
            return null;
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PaymentView(long id, SupplierRef supplier, LocalDate issueDate, LocalDate dueDate, String value, String status, String statusCode,
                       boolean canRequestAnticipation, OffsetDateTime createdAt, @Nullable Latest anticipation) {

        static PaymentView of(PaymentRow row, LocalDate today) {
            Payment p = row.payment();
            PaymentStatus status = p.status(today);
            PaymentRow.Latest latest = row.latest();
            return new PaymentView(p.id(), new SupplierRef(p.supplierId(), row.supplierName(), row.supplierCnpj()), p.issueDate(), p.dueDate(),
                    p.value().setScale(2).toPlainString(), status.name(), status.code(), p.canRequestAnticipation(today),
                    BusinessTime.render(p.createdAt()),
                    latest == null ? null : new Latest(latest.id(), latest.status(), latest.newDueDate(), latest.newValue().setScale(2).toPlainString(),
                            BusinessTime.render(latest.requestedAt()), latest.decidedAt() == null ? null : BusinessTime.render(latest.decidedAt())));
        }
    }

    record SupplierRef(long id, String corporateName, String cnpj) {
    }

    record Latest(long id, String status, LocalDate newDueDate, String newValue, OffsetDateTime requestedAt, @Nullable OffsetDateTime decidedAt) {
    }
}
