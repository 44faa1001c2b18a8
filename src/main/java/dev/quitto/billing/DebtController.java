package dev.quitto.billing;

import dev.quitto.billing.DebtRepository.DebtRow;
import dev.quitto.billing.DebtRepository.InvoiceRow;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Paged;
import dev.quitto.platform.web.Refusal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Debts and invoices, read-only. */
@RestController("billingDebtController")
class DebtController {

    record InvoiceView(UUID id, String debtId, String nossoNumero, String amount, LocalDate dueDate, String status, String barcode,
                       String digitableLine, String digitableLineFormatted, String pixCopyPaste, OffsetDateTime issuedAt,
                       @Nullable UUID supersededBy, Map<String, String> links) {

        static InvoiceView of(InvoiceRow row) {
            return new InvoiceView(row.id(), row.debtId(), String.format(Locale.ROOT, "%011d", row.nossoNumero()), Money2.text(row.amount()),
                    row.dueDate(), row.status(), row.barcode(), row.digitableLine(), Boleto.formatted(row.digitableLine()), row.pixPayload(),
                    BusinessTime.render(row.issuedAt().toInstant()), row.supersededBy(),
                    Map.of("self", BillingPaths.INVOICES + "/" + row.id(), "pdf", BillingPaths.INVOICES + "/" + row.id() + ".pdf",
                            "debt", BillingPaths.DEBTS + "/" + row.debtId()));
        }
    }

    record DebtView(String debtId, String name, String governmentId, String email, String amount, LocalDate dueDate, String status,
                    boolean overdue, String paidTotal, String balance, String excess, @Nullable UUID importId, OffsetDateTime createdAt,
                    @Nullable UUID currentInvoiceId, @Nullable List<InvoiceView> invoices, @Nullable List<PaymentView> payments,
                    Map<String, String> links) {

        static DebtView of(DebtRow row, LocalDate today, @Nullable UUID currentInvoice, @Nullable List<InvoiceView> invoices,
                           @Nullable List<PaymentView> payments) {
            return new DebtView(row.debtId(), row.name(), row.governmentId(), row.email(), Money2.text(row.amount()), row.dueDate(), row.status(),
                    !"PAID".equals(row.status()) && row.dueDate().isBefore(today), Money2.text(row.paidTotal()), Money2.text(row.balance()),
                    Money2.text(row.excess()), row.importId(), BusinessTime.render(row.createdAt().toInstant()), currentInvoice, invoices, payments,
                    Map.of("self", BillingPaths.DEBTS + "/" + row.debtId()));
        }
    }

    private final DebtRepository debts;
    private final PaymentRepository payments;
    private final Clock clock;
    private final InvoiceLinks links;
    private final InvoicePdf pdf;

    DebtController(DebtRepository debts, PaymentRepository payments, Clock clock, InvoiceLinks links, InvoicePdf pdf) {
        this.debts = debts;
        this.payments = payments;
        this.clock = clock;
        this.links = links;
        this.pdf = pdf;
    }

    @GetMapping(BillingPaths.DEBTS)
    @PreAuthorize(ImportController.READ)
    Paged<DebtView> list(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String overdue,
                         @RequestParam(required = false) @Nullable String dueFrom, @RequestParam(required = false) @Nullable String dueTo,
                         @RequestParam(required = false) @Nullable String importId, @RequestParam(required = false) @Nullable String governmentId,
                         @RequestParam(required = false) @Nullable String hasExcess, @RequestParam(required = false) @Nullable String sort,
                         @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        DebtQuery query = DebtQuery.read(status, overdue, dueFrom, dueTo, importId, governmentId, hasExcess, sort);
        if (!query.violations().isEmpty()) {
            FieldViolation first = query.violations().getFirst();
            throw invalidParameter(first.field(), first.field() + " " + first.message());
        }
        DebtRepository.Filter filter = query.filter();
        PageQuery paging = BillingPages.of(page, size);
        LocalDate today = BusinessTime.today(clock);
        List<DebtView> items = debts.list(filter, today, paging.offset(), paging.size()).stream()
                .map(row -> DebtView.of(row, today, null, null, null)).toList();
        return Paged.of(items, paging, debts.count(filter, today), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping(BillingPaths.DEBTS + "/{debtId}")
    @PreAuthorize(ImportController.READ)
    DebtView get(@PathVariable String debtId) {
        String normalized = DebtRules.normalizeDebtId(debtId.strip());
        DebtRow debt = (normalized == null ? java.util.Optional.<DebtRow>empty() : debts.find(normalized))
                .orElseThrow(() -> BillingIds.notFound("Debt", debtId));
        List<InvoiceView> invoices = debts.invoicesOf(debt.pk()).stream().map(InvoiceView::of).toList();
        UUID current = invoices.stream().filter(invoice -> "OPEN".equals(invoice.status())).map(InvoiceView::id).findFirst().orElse(null);
        List<PaymentView> paid = payments.ofDebt(debt.pk()).stream().map(payment -> PaymentView.of(payment, false, null)).toList();
        return DebtView.of(debt, BusinessTime.today(clock), current, invoices, paid);
    }

    @GetMapping(BillingPaths.INVOICES + "/{id:[^.]+}")
    @PreAuthorize(ImportController.READ)
    InvoiceView invoice(@PathVariable String id) {
        return InvoiceView.of(debts.invoice(BillingIds.parse(id)).orElseThrow(() -> BillingIds.notFound("Invoice", id)));
    }

    /** The PDF: for a caller with a billing role, or for anyone with a valid signed link ({@code exp} and {@code sig}). */
    @GetMapping(BillingPaths.INVOICES + "/{id}.pdf")
    org.springframework.http.ResponseEntity<byte[]> pdf(@PathVariable String id, @RequestParam(required = false) @Nullable String exp,
                                                        @RequestParam(required = false) @Nullable String sig,
                                                        @RequestHeader(name = org.springframework.http.HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        if (accept != null && !acceptsPdf(accept)) {
            throw new Refusal(HttpStatus.NOT_ACCEPTABLE, ProblemCodes.NOT_ACCEPTABLE, "The invoice PDF is served as application/pdf.");
        }
        UUID invoiceId = BillingIds.parse(id);
        if (sig != null) {
            links.verify(invoiceId, exp, sig);
        } else if (!mayRead()) {
            throw new Refusal(HttpStatus.FORBIDDEN, "forbidden", "Reading invoices needs the OPERATOR, AUDITOR or ADMIN role.");
        }
        InvoiceRow invoice = debts.invoice(invoiceId).orElseThrow(() -> BillingIds.notFound("Invoice", id));
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "inline; filename=\"invoice-" + InvoicePdf.nossoNumero(invoice) + ".pdf\"")
                .body(pdf.render(invoice));
    }

    private static boolean acceptsPdf(String accept) {
        try {
            return org.springframework.http.MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PDF) && type.getQualityValue() > 0);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean mayRead() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream().map(Object::toString)
                .anyMatch(role -> role.equals("ROLE_OPERATOR") || role.equals("ROLE_AUDITOR") || role.equals("ROLE_ADMIN"));
    }

    static Refusal invalidParameter(String name, String detail) {
        return new Refusal(HttpStatus.BAD_REQUEST, "invalid-parameter", detail, Map.of("parameter", name));
    }
}
