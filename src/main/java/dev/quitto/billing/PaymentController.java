package dev.quitto.billing;

import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The bank's payment webhook ({@code POST /payment}, the seed's path, and {@code POST /api/v1/billing/payments}):
 * authenticated by HMAC when secrets are configured, never by a user; 201 first delivery, 200 replay, 404 unknown debt
 * (stored UNMATCHED). Reading payments needs a user with a billing role.
 */
@RestController("billingPaymentController")
class PaymentController {

    static final int MAX_BODY = 16 * 1024;

    private final Payments payments;
    private final PaymentRepository repository;
    private final DebtRepository debts;
    private final WebhookSignature signature;
    private final Clock clock;

    PaymentController(Payments payments, PaymentRepository repository, DebtRepository debts, WebhookSignature signature, Clock clock) {
        this.payments = payments;
        this.repository = repository;
        this.debts = debts;
        this.signature = signature;
        this.clock = clock;
    }

    @PostMapping({BillingPaths.SEED_PAYMENT, BillingPaths.PAYMENTS})
    ResponseEntity<PaymentView> receive(HttpServletRequest request,
                                        @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
                                        @RequestHeader(name = WebhookSignature.HEADER, required = false) @Nullable String signed) {
        requireJson(request.getContentType());
        byte[] body = readBody(request);
        signature.verify(signed, body);
        Payments.Outcome outcome = payments.receive(PaymentRequest.read(body, idempotencyKey, clock));
        if ("UNMATCHED".equals(outcome.payment().status())) {
            throw Payments.debtNotFound(outcome.payment());
        }
        PaymentView view = PaymentView.of(outcome.payment(), outcome.replayed(), outcome.debt().orElse(null));
        return outcome.replayed() ? ResponseEntity.ok(view)
                : ResponseEntity.created(URI.create(view.links().get("self"))).body(view);
    }

    @GetMapping(BillingPaths.PAYMENTS)
    @PreAuthorize(ImportController.READ)
    Paged<PaymentView> list(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String debtId,
                            @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        String wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = status.strip().toUpperCase(Locale.ROOT);
            if (!wanted.equals("APPLIED") && !wanted.equals("UNMATCHED")) {
                throw DebtController.invalidParameter("status", "status must be APPLIED or UNMATCHED");
            }
        }
        String debt = null;
        if (debtId != null && !debtId.isBlank()) {
            debt = DebtRules.normalizeDebtId(debtId.strip());
            if (debt == null) {
                throw DebtController.invalidParameter("debtId", "debtId must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
            }
        }
        PageQuery query = BillingPages.of(page, size);
        var rows = repository.list(wanted, debt, query.offset(), query.size()).stream()
                .map(row -> PaymentView.of(row, false, row.debtPk() == null ? null : debts.find(row.debtIdRaw()).orElse(null))).toList();
        return Paged.of(rows, query, repository.count(wanted, debt), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping(BillingPaths.PAYMENTS + "/{id}")
    @PreAuthorize(ImportController.READ)
    PaymentView get(@PathVariable String id) {
        var row = repository.find(BillingIds.parse(id)).orElseThrow(() -> BillingIds.notFound("Payment", id));
        return PaymentView.of(row, false, row.debtPk() == null ? null : debts.find(row.debtIdRaw()).orElse(null));
    }

    private static void requireJson(@Nullable String contentType) {
        if (contentType == null) {
            throw unsupported();
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (!type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json")) {
                throw unsupported();
            }
        } catch (InvalidMediaTypeException e) {
            throw unsupported();
        }
    }

    private static Refusal unsupported() {
        return new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "The webhook takes application/json.");
    }

    private static byte[] readBody(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new Refusal(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, "The body could not be read.");
        }
    }

    private static Refusal tooLarge() {
        return new Refusal(HttpStatus.CONTENT_TOO_LARGE, ProblemCodes.PAYLOAD_TOO_LARGE, "The body is larger than 16 KiB.");
    }
}
