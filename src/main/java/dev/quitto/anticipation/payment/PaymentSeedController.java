package dev.quitto.anticipation.payment;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quitto.anticipation.web.Fields;
import dev.quitto.anticipation.web.InvalidStatusFilter;
import dev.quitto.anticipation.web.JsonBody;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.PathIds;
import dev.quitto.anticipation.web.SeedApi;
import dev.quitto.anticipation.web.SeedPage;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.FieldViolation;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** The seed's payments: {@code /api/payments/} with its five status filters, and {@code /api/payments/{id}/}. */
@SeedApi
@RestController
class PaymentSeedController {

    static final String CHOICES = "A, U, PC, AN or D";

    private final Payments payments;

    PaymentSeedController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping({"/api/payments/", "/api/payments"})
    SeedPage<SeedPayment> list(CurrentUser caller, HttpServletRequest request, @RequestParam(required = false) @Nullable String page) {
        PaymentStatus status = status(request.getParameterValues("status"));
        return SeedPage.of(payments.list(caller, PaymentFilter.status(status), new PageSpec.Seed(page)).map(SeedPayment::of));
    }

    @PostMapping({"/api/payments/", "/api/payments"})
    ResponseEntity<SeedPayment> create(CurrentUser caller, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                       @RequestBody(required = false) @Nullable String body) {
        ObjectNode json = JsonBody.read(contentType, body);
        List<FieldViolation> violations = new ArrayList<>();
        Long supplierId = null;
        if (!caller.roles().contains(Role.SUPPLIER)) {
            OptionalLong supplier = Fields.primaryKey(json, "supplier", "supplierId", violations);
            supplierId = supplier.isPresent() ? supplier.getAsLong() : null;
        }
        LocalDate dueDate = Fields.date(json, "due_date", "dueDate", violations);
        BigDecimal value = SeedValue.read(json, "value", "value", violations);
        Payment created = payments.create(caller, new NewPayment(supplierId, NewPayment.SupplierRule.IGNORED_FOR_SUPPLIERS, dueDate, value, violations));
        return ResponseEntity.status(HttpStatus.CREATED).body(SeedPayment.of(created));
    }

    @GetMapping({"/api/payments/{id}/", "/api/payments/{id}"})
    SeedPayment get(CurrentUser caller, @PathVariable String id) {
        return SeedPayment.of(payments.get(caller, PathIds.parse(id)));
    }

    /** The last {@code status} given, case-insensitive; none or {@code ALL} is every payment. */
    static @Nullable PaymentStatus status(String @Nullable [] values) {
        if (values == null || values.length == 0) {
            return null;
        }
        String given = values[values.length - 1].toUpperCase(Locale.ROOT);
        if (given.equals("ALL")) {
            return null;
        }
        return Arrays.stream(PaymentStatus.values()).filter(s -> s.code().equals(given)).findFirst()
                .orElseThrow(() -> new InvalidStatusFilter(given, CHOICES));
    }

    /** A payment as the seed's clients read it; {@code creation_date} is the issue date. */
    record SeedPayment(long id, long supplier, @JsonProperty("creation_date") LocalDate creationDate,
                       @JsonProperty("due_date") LocalDate dueDate, String value) {

        static SeedPayment of(Payment payment) {
            return new SeedPayment(payment.id(), payment.supplierId(), payment.issueDate(), payment.dueDate(), payment.value().setScale(2).toPlainString());
        }
    }
}
