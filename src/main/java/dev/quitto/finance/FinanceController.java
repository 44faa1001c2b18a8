package dev.quitto.finance;

import dev.quitto.platform.money.Money;
import dev.quitto.platform.money.MoneyParser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finance's HTTP API: the seed's {@code /app/finance/record/} (with or without the slash, any Content-Type, seed-shaped
 * answer) and the canonical {@code /api/v1/finance/records}, both served by {@link FinanceRecords}.
 */
@RestController
class FinanceController {

    static final String BASE = "/api/v1/finance/records";
    static final BigDecimal MAX_PRICE = new BigDecimal("999999999.99");
    private static final String READERS = "hasAnyRole('FINANCE', 'AUDITOR')";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final FinanceRecords records;

    FinanceController(FinanceRecords records) {
        this.records = records;
    }

    record RecordView(UUID id, UUID appointmentId, String totalPrice, OffsetDateTime createdAt, boolean replayed) {
        static RecordView of(FinanceRecord r, boolean replayed) {
            return new RecordView(r.id(), r.appointmentId(), r.totalPrice().setScale(2).toPlainString(),
                    BusinessTime.render(r.createdAt().truncatedTo(ChronoUnit.SECONDS)), replayed);
        }
    }

    @PostMapping({"/app/finance/record/", "/app/finance/record"})
    @PreAuthorize("hasRole('FINANCE')")
    ResponseEntity<Map<String, String>> seedRecord(@RequestBody(required = false) @Nullable String body) {
        if (body == null || body.isBlank()) {
            throw malformed();
        }
        FinanceRecords.Recorded recorded = record(object(body));
        Map<String, String> seed = new LinkedHashMap<>();
        seed.put("id", recorded.record().id().toString());
        seed.put("appointment_id", recorded.record().appointmentId().toString());
        seed.put("total_price", recorded.record().totalPrice().setScale(2).toPlainString());
        return ResponseEntity.status(recorded.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create(BASE + "/" + recorded.record().id())).body(seed);
    }

    @PostMapping(BASE)
    @PreAuthorize("hasRole('FINANCE')")
    ResponseEntity<RecordView> record(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                      @RequestBody(required = false) @Nullable String body) {
        requireJson(contentType);
        if (body == null || body.isBlank()) {
            throw malformed();
        }
        FinanceRecords.Recorded recorded = record(object(body));
        return ResponseEntity.status(recorded.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create(BASE + "/" + recorded.record().id())).body(RecordView.of(recorded.record(), recorded.replayed()));
    }

    @GetMapping(BASE + "/{id}")
    @PreAuthorize(READERS)
    RecordView get(@PathVariable String id) {
        UUID recordId = uuid(id);
        if (recordId == null) {
            throw new Refusal(HttpStatus.BAD_REQUEST, "invalid-id", "The id in the path is not a UUID.");
        }
        return RecordView.of(records.get(recordId), false);
    }

    @GetMapping(BASE)
    @PreAuthorize(READERS)
    Paged<RecordView> list(@RequestParam(required = false) @Nullable String appointmentId, @RequestParam(required = false) @Nullable String createdFrom,
                           @RequestParam(required = false) @Nullable String createdTo, @RequestParam(required = false) @Nullable Integer page,
                           @RequestParam(required = false) @Nullable Integer size) {
        if (page != null && page < 1) {
            throw invalidParameter("page", "must be 1 or more");
        }
        if (size != null && (size < 1 || size > PageQuery.MAX_SIZE)) {
            throw invalidParameter("size", "must be between 1 and " + PageQuery.MAX_SIZE);
        }
        PageQuery query = PageQuery.of(page, size);
        UUID appointment = null;
        if (appointmentId != null && !appointmentId.isBlank()) {
            appointment = uuid(appointmentId.trim());
            if (appointment == null) {
                throw invalidParameter("appointmentId", "must be a UUID");
            }
        }
        Instant from = bound(createdFrom, "createdFrom", false);
        Instant to = bound(createdTo, "createdTo", true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalidParameter("createdFrom", "must not be later than createdTo");
        }
        FinanceRecordRepository.Filter filter = new FinanceRecordRepository.Filter(appointment, from, to);
        return Paged.of(records.list(filter, query.size(), query.offset()).stream().map(r -> RecordView.of(r, false)).toList(), query,
                records.count(filter), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    private FinanceRecords.Recorded record(ObjectNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        UUID appointment = appointment(body, violations);
        BigDecimal price = totalPrice(body, violations);
        if (appointment == null || price == null) {
            throw new InvalidInput(violations);
        }
        return records.record(appointment, price);
    }

    private static @Nullable UUID appointment(ObjectNode body, List<FieldViolation> violations) {
        JsonNode node = body.has("appointment_id") ? body.get("appointment_id") : body.get("appointmentId");
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            violations.add(new FieldViolation("appointment_id", "is required", "required"));
            return null;
        }
        UUID id = node.isString() ? uuid(node.asString().trim()) : null;
        if (id == null) {
            violations.add(new FieldViolation("appointment_id", "must be a UUID", "uuid"));
        }
        return id;
    }

    private static @Nullable BigDecimal totalPrice(ObjectNode body, List<FieldViolation> violations) {
        JsonNode node = body.has("total_price") ? body.get("total_price") : body.get("totalPrice");
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            violations.add(new FieldViolation("total_price", "is required", "required"));
            return null;
        }
        Object raw = node.isNumber() ? node.decimalValue() : node.isString() ? node.asString() : Boolean.FALSE;
        return switch (MoneyParser.parse(raw)) {
            case MoneyParser.Parsed(Money money) when money.isNegative() -> {
                violations.add(new FieldViolation("total_price", "must be 0.00 or more", "min"));
                yield null;
            }
            case MoneyParser.Parsed(Money money) when money.amount().compareTo(MAX_PRICE) > 0 -> {
                violations.add(new FieldViolation("total_price", "must be at most 999999999.99", "max"));
                yield null;
            }
            case MoneyParser.Parsed(Money money) -> money.amount();
            case MoneyParser.Refused(var refusal) -> {
                violations.add(new FieldViolation("total_price", refusal == MoneyParser.Refusal.TOO_LARGE ? "must be at most 999999999.99"
                        : refusal.message(), refusal.name().toLowerCase(Locale.ROOT).replace('_', '-')));
                yield null;
            }
        };
    }

    private static ObjectNode object(String body) {
        try {
            if (JSON.readTree(body) instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // falls through
        }
        throw malformed();
    }

    private static void requireJson(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json")) {
                return;
            }
        } catch (InvalidMediaTypeException e) {
            // falls through
        }
        throw new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + contentType.trim() + " is not JSON.");
    }

    private static @Nullable Instant bound(@Nullable String value, String parameter, boolean upper) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (upper ? date.plusDays(1) : date).atStartOfDay(BusinessTime.ZONE).toInstant();
            }
            String iso = text.replace(' ', 'T');
            return iso.endsWith("Z") || iso.lastIndexOf('+') > 0 || iso.lastIndexOf('-') > 9
                    ? OffsetDateTime.parse(iso).toInstant()
                    : BusinessTime.fromLocal(LocalDateTime.parse(iso));
        } catch (DateTimeParseException e) {
            throw invalidParameter(parameter, "must be a date (2021-08-02) or a date-time (2021-08-02T12:00:00)");
        }
    }

    private static @Nullable UUID uuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Refusal malformed() {
        return new Refusal(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, "The body is not a JSON object.");
    }

    private static Refusal invalidParameter(String parameter, String message) {
        return new Refusal(HttpStatus.BAD_REQUEST, "invalid-parameter", parameter + " " + message, Map.of("parameter", parameter));
    }
}
