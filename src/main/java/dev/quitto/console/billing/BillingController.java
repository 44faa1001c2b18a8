package dev.quitto.console.billing;

import dev.quitto.billing.BillingPortal;
import dev.quitto.billing.BillingPortal.DebtSearch;
import dev.quitto.billing.BillingPortal.DebtStatus;
import dev.quitto.billing.BillingPortal.PaymentStatus;
import dev.quitto.console.ConsoleForms;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Refusal;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Billing through {@link BillingPortal} only: debt files uploaded and followed with a live progress bar (htmx polls the
 * import), their error reports, debts with filters, a debt with its invoices (PDF served here, under the session) and
 * payments, and the payments with the UNMATCHED ones. Bad input is shown beside its field, with the API's words.
 */
@Controller("consoleBillingController")
@RequestMapping(BillingArea.BASE)
class BillingController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    /** The debt list's filters, in the API's parameter names, as the form sends them. */
    private static final List<String> FILTERS = List.of("status", "overdue", "dueFrom", "dueTo", "governmentId", "importId", "hasExcess", "sort");

    private final BillingPortal billing;
    /** The largest file the servlet container takes in a form (0: no limit), checked in the browser before it is sent. */
    private final long maxUploadBytes;

    BillingController(BillingPortal billing, ObjectProvider<MultipartConfigElement> multipart) {
        this.billing = billing;
        MultipartConfigElement config = multipart.getIfAvailable();
        this.maxUploadBytes = config == null ? 0 : LongStream.of(config.getMaxFileSize(), config.getMaxRequestSize()).filter(limit -> limit > 0)
                .min().orElse(0);
    }

    @GetMapping("/imports")
    String imports(CurrentUser user, @RequestParam(required = false) @Nullable String page, Model model) {
        return importsPage(user, page, Map.of(), model);
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(CurrentUser user, HttpServletRequest request, @RequestParam(required = false) @Nullable String uploadKey,
                  HttpServletResponse response, Model model) {
        try {
            BillingPortal.DebtImport started = billing.upload(user, request, uploadKey);
            return "redirect:" + BillingArea.IMPORTS + "/" + started.id();
        } catch (Refusal refusal) {
            String message = FileFieldErrors.of(refusal);
            if (message == null) {
                throw refusal;
            }
            response.setStatus(refusal.status().value());
            return importsPage(user, null, Map.of("file", message), model);
        }
    }

    @GetMapping("/imports/{id}")
    String debtImport(CurrentUser user, @PathVariable String id, Model model) {
        BillingPortal.DebtImport found = billing.debtImport(user, id);
        model.addAttribute("title", "Import of " + found.fileName());
        model.addAttribute("i", found);
        return "console/billing/import";
    }

    /** The progress section of a running import, polled by the import page until the import has finished. */
    @GetMapping("/imports/{id}/progress")
    String progress(CurrentUser user, @PathVariable String id, Model model) {
        model.addAttribute("i", billing.debtImport(user, id));
        return "console/billing/import :: update";
    }

    /** One row of the import list, polled while its import runs. */
    @GetMapping("/imports/{id}/row")
    String row(CurrentUser user, @PathVariable String id, Model model) {
        model.addAttribute("i", billing.debtImport(user, id));
        return "console/billing/imports :: row";
    }

    @GetMapping("/imports/{id}/errors.csv")
    ResponseEntity<StreamingResponseBody> errors(CurrentUser user, @PathVariable String id) {
        StreamingResponseBody report = billing.errorReport(user, id);
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("import-" + id + "-errors.csv").build().toString())
                .body(report);
    }

    @GetMapping("/debts")
    String debts(CurrentUser user, @RequestParam Map<String, String> query, @RequestParam(required = false) @Nullable String debtId,
                 HttpServletResponse response, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        FILTERS.forEach(name -> {
            String value = query.get(name);
            if (value != null && !value.isBlank()) {
                filters.put(name, value.strip());
            }
        });
        model.addAttribute("title", "Debts");
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", DebtStatus.values());
        model.addAttribute("debtId", debtId);
        model.addAttribute("errors", Map.of());
        if (debtId != null && !debtId.isBlank()) {
            try {
                return "redirect:" + BillingArea.DEBTS + "/" + billing.debt(user, debtId).debt().debtId();
            } catch (Refusal refusal) {
                if (refusal.status().value() != 404) {
                    throw refusal;
                }
                response.setStatus(404);
                model.addAttribute("errors", Map.of("debtId", "There is no debt with this id."));
            }
        }
        DebtSearch search = new DebtSearch(filters.get("status"), filters.get("overdue"), filters.get("dueFrom"), filters.get("dueTo"),
                filters.get("importId"), filters.get("governmentId"), filters.get("hasExcess"), filters.get("sort"));
        PageQuery page = ConsoleForms.page(query.get("page"));
        try {
            BillingPortal.Listing<BillingPortal.Debt> found = billing.debts(user, search, page);
            model.addAttribute("debts", found);
            model.addAttribute("base", base(BillingArea.DEBTS, filters));
        } catch (InvalidInput invalid) {
            response.setStatus(400);
            model.addAttribute("errors", fieldErrors(invalid.violations()));
            model.addAttribute("debts", new BillingPortal.Listing<BillingPortal.Debt>(List.of(), 1, page.size(), 0));
            model.addAttribute("base", BillingArea.DEBTS);
        }
        return "console/billing/debts";
    }

    @GetMapping("/debts/{debtId}")
    String debt(CurrentUser user, @PathVariable String debtId, Model model) {
        BillingPortal.DebtDetail detail = billing.debt(user, debtId);
        model.addAttribute("title", "Debt " + detail.debt().debtId());
        model.addAttribute("d", detail.debt());
        model.addAttribute("detail", detail);
        return "console/billing/debt";
    }

    @GetMapping("/invoices/{id}.pdf")
    ResponseEntity<byte[]> invoicePdf(CurrentUser user, @PathVariable String id) {
        BillingPortal.Pdf pdf = billing.invoicePdf(user, id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(pdf.fileName()).build().toString())
                .body(pdf.content());
    }

    @GetMapping("/payments")
    String payments(CurrentUser user, @RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String debtId,
                    @RequestParam(required = false) @Nullable String page, Model model) {
        PaymentStatus shown = status == null ? null : Arrays.stream(PaymentStatus.values())
                .filter(s -> s.name().equals(status.strip().toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        String debt = debtId == null || debtId.isBlank() ? null : debtId.strip();
        Map<String, String> filters = new LinkedHashMap<>();
        if (shown != null) {
            filters.put("status", shown.name());
        }
        if (debt != null) {
            filters.put("debtId", debt);
        }
        model.addAttribute("title", shown == PaymentStatus.UNMATCHED ? "Unmatched payments" : "Debt payments");
        model.addAttribute("status", shown);
        model.addAttribute("statuses", PaymentStatus.values());
        model.addAttribute("debtId", debt);
        model.addAttribute("payments", billing.payments(user, shown, debt, ConsoleForms.page(page)));
        model.addAttribute("base", base(BillingArea.PAYMENTS, filters));
        return "console/billing/payments";
    }

    private String importsPage(CurrentUser user, @Nullable String page, Map<String, String> errors, Model model) {
        model.addAttribute("title", "Debt imports");
        model.addAttribute("imports", billing.imports(user, ConsoleForms.page(page)));
        model.addAttribute("errors", errors);
        // A fresh key per form shown: the same form sent twice (a double click, a resent POST) starts one import.
        model.addAttribute("uploadKey", "console-" + UUID.randomUUID());
        model.addAttribute("maxUploadBytes", maxUploadBytes);
        model.addAttribute("maxUpload", size(maxUploadBytes));
        return "console/billing/imports";
    }

    /** The API's violations ({@code dueFrom} "must be a date as yyyy-MM-dd") as sentences beside the form's inputs. */
    static Map<String, String> fieldErrors(List<FieldViolation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldViolation violation : violations) {
            String message = violation.message().isEmpty() ? violation.message()
                    : Character.toUpperCase(violation.message().charAt(0)) + violation.message().substring(1);
            errors.merge(violation.field(), message.endsWith(".") ? message : message + ".", (a, b) -> a + " " + b);
        }
        return errors;
    }

    /** {@code 1073741824} as {@code 1 GB}, {@code 10485760} as {@code 10 MB}; other sizes in bytes. */
    static String size(long bytes) {
        String[] units = {"GB", "MB", "KB"};
        for (int i = 0; i < units.length; i++) {
            long factor = 1L << (10 * (units.length - i));
            if (bytes >= factor && bytes % factor == 0) {
                return bytes / factor + " " + units[i];
            }
        }
        return bytes + " bytes";
    }

    private static String base(String path, Map<String, String> filters) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
        filters.forEach(builder::queryParam);
        return builder.build().encode().toUriString();
    }
}
