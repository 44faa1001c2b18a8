package dev.quitto.billing;

import dev.quitto.billing.DebtRepository.DebtRow;
import dev.quitto.billing.DebtRepository.InvoiceRow;
import dev.quitto.billing.PaymentRepository.PaymentRow;
import dev.quitto.platform.imports.ImportStatus;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Billing's use cases for another module's screens (the web console), in the module's own words and types: upload a
 * debts file and follow its import, read its error report, look debts up with their invoices and payments, render an
 * invoice's PDF, list payments (UNMATCHED ones too). Each call runs the same services, rules and role checks as the
 * HTTP API: OPERATOR (or ADMIN) uploads, OPERATOR and AUDITOR read, a bad filter is 400 naming every field.
 */
@Service
public class BillingPortal {

    private static final int MAX_PAGE = 100;
    private static final List<String> CONFLICTS = List.of("CONFLICT_IN_FILE", "CONFLICTS_WITH_EXISTING_DEBT");

    private final DebtImports debtImports;
    private final Imports imports;
    private final DebtRepository debts;
    private final PaymentRepository payments;
    private final InvoicePdf pdf;
    private final Clock clock;

    BillingPortal(DebtImports debtImports, Imports imports, DebtRepository debts, PaymentRepository payments, InvoicePdf pdf, Clock clock) {
        this.debtImports = debtImports;
        this.imports = imports;
        this.debts = debts;
        this.payments = payments;
        this.pdf = pdf;
        this.clock = clock;
    }

    public enum DebtStatus { OPEN, PARTIALLY_PAID, PAID }

    public enum InvoiceStatus { OPEN, SUPERSEDED, PAID }

    public enum PaymentStatus { APPLIED, UNMATCHED }

    /**
     * An import of a debts file. {@code rejected} counts every rejected row, {@code conflicts} among them (known once
     * {@code COMPLETED}, read from the error report: null once the daily purge deleted it, {@code errorReportPurgedAt});
     * {@code rowsRead = accepted + duplicates + rejected} once completed.
     */
    public record DebtImport(UUID id, ImportStatus status, String fileName, long sizeBytes, Instant createdAt, @Nullable Instant startedAt,
                             @Nullable Instant finishedAt, int percent, long rowsRead, long accepted, long duplicates, @Nullable Long conflicts,
                             long rejected, List<String> ignoredColumns, @Nullable String failureReason, @Nullable Instant errorReportPurgedAt) {

        public DebtImport {
            ignoredColumns = List.copyOf(ignoredColumns);
        }

        public boolean finished() {
            return status == ImportStatus.COMPLETED || status == ImportStatus.FAILED;
        }
    }

    /** The debt list's filters as text, exactly as {@code GET /api/v1/billing/debts} takes them; blank means no filter. */
    public record DebtSearch(@Nullable String status, @Nullable String overdue, @Nullable String dueFrom, @Nullable String dueTo,
                             @Nullable String importId, @Nullable String governmentId, @Nullable String hasExcess, @Nullable String sort) {

        public static final DebtSearch ALL = new DebtSearch(null, null, null, null, null, null, null, null);
    }

    public record Debt(String debtId, String name, String governmentId, String email, BigDecimal amount, LocalDate dueDate, DebtStatus status,
                       boolean overdue, BigDecimal paidTotal, BigDecimal balance, BigDecimal excess, @Nullable UUID importId, Instant createdAt) {
    }

    public record Invoice(UUID id, String debtId, String nossoNumero, BigDecimal amount, LocalDate dueDate, InvoiceStatus status,
                          String barcode, String digitableLineFormatted, String pixCopyPaste, Instant issuedAt, @Nullable UUID supersededBy) {
    }

    /** A bank payment: APPLIED to its debt, or UNMATCHED while no debt with its {@code debtId} exists. */
    public record Payment(UUID id, String debtId, PaymentStatus status, Instant paidAt, BigDecimal paidAmount, BigDecimal appliedAmount,
                          BigDecimal excessAmount, String paidBy, Instant receivedAt) {
    }

    /** A debt with its invoices (oldest first; at most one OPEN) and the payments applied to it. */
    public record DebtDetail(Debt debt, List<Invoice> invoices, List<Payment> payments) {

        public DebtDetail {
            invoices = List.copyOf(invoices);
            payments = List.copyOf(payments);
        }

        public Optional<Invoice> currentInvoice() {
            return invoices.stream().filter(invoice -> invoice.status() == InvoiceStatus.OPEN).findFirst();
        }
    }

    /** A rendered invoice PDF and the file name the API gives it ({@code invoice-00000000001.pdf}). */
    public record Pdf(String fileName, byte[] content) {
    }

    /** One page of a list, pages from 1, and the exact total. */
    public record Listing<T>(List<T> items, int page, int size, long total) {

        public Listing {
            items = List.copyOf(items);
        }

        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    /**
     * Starts the import of the file in an upload request, as {@code POST /api/v1/billing/imports} does: the multipart
     * part {@code file}; refused with the API's problems ({@code missing-file}, {@code empty-file}, {@code missing-columns},
     * {@code duplicate-columns}, {@code file-too-large}), storing nothing. The same {@code uploadKey} with the same file
     * answers with the first import (a form sent twice); with another file it is 422.
     */
    public DebtImport upload(CurrentUser caller, HttpServletRequest request, @Nullable String uploadKey) {
        requireOperator(caller);
        return debtImport(debtImports.accept(request, caller.login(), uploadKey == null || uploadKey.isBlank() ? null : uploadKey));
    }

    /** 400 {@code invalid-id} for a malformed id, 404 for an import that does not exist or is not a debts file. */
    public DebtImport debtImport(CurrentUser caller, String id) {
        requireReader(caller);
        return debtImport(debtImports.find(id));
    }

    /** Debt-file imports, newest first. */
    public Listing<DebtImport> imports(CurrentUser caller, PageQuery page) {
        requireReader(caller);
        PageQuery capped = capped(page);
        var found = imports.list(DebtImportKind.NAME, null, capped, UriComponentsBuilder.newInstance(), BillingPaths.IMPORTS);
        return new Listing<>(found.items().stream().map(this::debtImport).toList(), found.page(), found.size(), found.totalItems());
    }

    /** The import's error report as CSV ({@code line,column,reason,message,value}), streamed; 404 checked before the first byte. */
    public StreamingResponseBody errorReport(CurrentUser caller, String id) {
        requireReader(caller);
        debtImports.find(id);
        return out -> imports.writeErrorsCsv(DebtImportKind.NAME, id, out);
    }

    /** Debts matching {@code search}; every bad filter at once as {@link InvalidInput} naming the API's parameters. */
    @Transactional(readOnly = true)
    public Listing<Debt> debts(CurrentUser caller, DebtSearch search, PageQuery page) {
        requireReader(caller);
        DebtQuery query = DebtQuery.read(search.status(), search.overdue(), search.dueFrom(), search.dueTo(), search.importId(),
                search.governmentId(), search.hasExcess(), search.sort());
        if (!query.violations().isEmpty()) {
            throw new InvalidInput(query.violations());
        }
        PageQuery capped = capped(page);
        LocalDate today = BusinessTime.today(clock);
        List<Debt> items = debts.list(query.filter(), today, capped.offset(), capped.size()).stream().map(row -> debt(row, today)).toList();
        return new Listing<>(items, capped.page(), capped.size(), debts.count(query.filter(), today));
    }

    /** 404 for a debtId that is unknown (or could never be one). */
    @Transactional(readOnly = true)
    public DebtDetail debt(CurrentUser caller, String debtId) {
        requireReader(caller);
        String normalized = DebtRules.normalizeDebtId(debtId.strip());
        DebtRow row = (normalized == null ? Optional.<DebtRow>empty() : debts.find(normalized))
                .orElseThrow(() -> BillingIds.notFound("Debt", debtId));
        return new DebtDetail(debt(row, BusinessTime.today(clock)), debts.invoicesOf(row.pk()).stream().map(BillingPortal::invoice).toList(),
                payments.ofDebt(row.pk()).stream().map(BillingPortal::payment).toList());
    }

    /** The invoice's PDF as {@code GET /api/v1/billing/invoices/{id}.pdf} renders it; 400 {@code invalid-id}, 404. */
    @Transactional(readOnly = true)
    public Pdf invoicePdf(CurrentUser caller, String invoiceId) {
        requireReader(caller);
        InvoiceRow invoice = debts.invoice(BillingIds.parse(invoiceId)).orElseThrow(() -> BillingIds.notFound("Invoice", invoiceId));
        return new Pdf("invoice-" + InvoicePdf.nossoNumero(invoice) + ".pdf", pdf.render(invoice));
    }

    /** Payments, newest received first; {@code status} UNMATCHED lists those whose debt is not known (yet). */
    @Transactional(readOnly = true)
    public Listing<Payment> payments(CurrentUser caller, @Nullable PaymentStatus status, @Nullable String debtId, PageQuery page) {
        requireReader(caller);
        PageQuery capped = capped(page);
        String wanted = status == null ? null : status.name();
        String debt = debtId == null || debtId.isBlank() ? null : debtId.strip();
        List<Payment> items = payments.list(wanted, debt, capped.offset(), capped.size()).stream().map(BillingPortal::payment).toList();
        return new Listing<>(items, capped.page(), capped.size(), payments.count(wanted, debt));
    }

    private DebtImport debtImport(ImportView view) {
        Map<String, Long> counts = view.counts();
        long rejected = counts.getOrDefault("rejected", 0L);
        Long conflicts = view.errorReportPurgedAt() != null ? null
                : view.status() == ImportStatus.COMPLETED && rejected > 0
                ? imports.errorsByReason(DebtImportKind.NAME, view.id().toString()).entrySet().stream()
                        .filter(reason -> CONFLICTS.contains(reason.getKey())).mapToLong(Map.Entry::getValue).sum()
                : 0L;
        return new DebtImport(view.id(), view.status(), view.fileName(), view.sizeBytes(), view.createdAt().toInstant(), instant(view.startedAt()),
                instant(view.finishedAt()), view.progress().percent(), counts.getOrDefault("rowsRead", 0L), counts.getOrDefault("accepted", 0L),
                counts.getOrDefault("duplicates", 0L), conflicts, rejected, view.ignoredColumns(), view.failureReason(),
                instant(view.errorReportPurgedAt()));
    }

    private static Debt debt(DebtRow row, LocalDate today) {
        DebtStatus status = DebtStatus.valueOf(row.status());
        return new Debt(row.debtId(), row.name(), row.governmentId(), row.email(), row.amount(), row.dueDate(), status,
                status != DebtStatus.PAID && row.dueDate().isBefore(today), row.paidTotal(), row.balance(), row.excess(), row.importId(),
                row.createdAt().toInstant());
    }

    private static Invoice invoice(InvoiceRow row) {
        return new Invoice(row.id(), row.debtId(), InvoicePdf.nossoNumero(row), row.amount(), row.dueDate(), InvoiceStatus.valueOf(row.status()),
                row.barcode(), Boleto.formatted(row.digitableLine()), row.pixPayload(), row.issuedAt().toInstant(), row.supersededBy());
    }

    private static Payment payment(PaymentRow row) {
        return new Payment(row.id(), row.debtIdRaw(), PaymentStatus.valueOf(row.status()), row.paidAt().toInstant(),
                row.paidAmount(), row.appliedAmount(), row.excessAmount(), row.paidBy(), row.receivedAt().toInstant());
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static PageQuery capped(PageQuery page) {
        return new PageQuery(page.page(), Math.min(page.size(), MAX_PAGE));
    }

    private static void requireReader(CurrentUser caller) {
        if (!caller.may(Role.OPERATOR) && !caller.may(Role.AUDITOR)) {
            throw new Refusal(HttpStatus.FORBIDDEN, "forbidden", "Reading billing needs the OPERATOR, AUDITOR or ADMIN role.");
        }
    }

    private static void requireOperator(CurrentUser caller) {
        if (!caller.may(Role.OPERATOR)) {
            throw new Refusal(HttpStatus.FORBIDDEN, "forbidden", "Uploading debt files needs the OPERATOR or ADMIN role.");
        }
    }
}
