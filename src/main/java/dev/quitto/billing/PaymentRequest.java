package dev.quitto.billing;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.node.ObjectNode;

/**
 * One webhook delivery read and checked (billing.md 4.6): {@code debtId} (string or JSON number), {@code paidAt} (naive
 * {@code yyyy-MM-dd HH:mm:ss} in America/Sao_Paulo, or ISO-8601 with offset; at most 5 min ahead of now), {@code paidAmount}
 * (string or number, > 0, ≤ 2 decimals, ≤ 999,999,999,999.99, never rounded), {@code paidBy} (non-blank, ≤ 200).
 * The idempotency key is the {@code Idempotency-Key} header, or the SHA-256 of the four normalized fields.
 */
record PaymentRequest(String debtId, OffsetDateTime paidAt, String paidAtRaw, BigDecimal paidAmount, String paidBy,
                      String idempotencyKey, String keySource, String payloadSha256, String rawBody) {

    static final long MAX_PAID_CENTS = 99_999_999_999_999L;
    /**
     * The earliest paidAt accepted: the driver sends instants before PostgreSQL's range as {@code -infinity}, which no
     * payment view can render, and year 1 also keeps clear of BC dates.
     */
    static final Instant EARLIEST_PAID_AT = Instant.parse("0001-01-01T00:00:00Z");
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static PaymentRequest read(byte[] body, @Nullable String headerKey, Clock clock) {
        if (headerKey != null && !VALID_KEY.matcher(headerKey).matches()) {
            throw new Refusal(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 255 printable ASCII characters.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw malformed("The body is not valid JSON.");
        }
        if (!(node instanceof ObjectNode json)) {
            throw malformed("The body must be a JSON object.");
        }
        if (holdsUnstorableText(json)) {
            // The raw body is kept as jsonb, which refuses both (as does every text column).
            throw malformed("The body holds a \\u0000 character or an unpaired surrogate (\\ud800 to \\udfff), which cannot be stored.");
        }
        List<FieldViolation> violations = new ArrayList<>();
        String debtId = debtId(json.get("debtId"), violations);
        String paidAtRaw = text(json.get("paidAt"), "paidAt");
        OffsetDateTime paidAt = paidAt(paidAtRaw, clock, violations);
        BigDecimal amount = amount(json.get("paidAmount"), violations);
        String paidBy = text(json.get("paidBy"), "paidBy");
        paidBy = paidBy == null ? null : paidBy.strip();
        if (paidBy == null || paidBy.isEmpty()) {
            violations.add(new FieldViolation("paidBy", "is required", "MISSING_VALUE"));
        } else if (paidBy.codePointCount(0, paidBy.length()) > 200) {
            violations.add(new FieldViolation("paidBy", "must have at most 200 characters", "TOO_LONG"));
        }
        if (!violations.isEmpty() || debtId == null || paidAt == null || amount == null || paidBy == null) {
            throw new InvalidInput(violations);
        }
        String sha = sha256(debtId + "\n" + paidAt.toInstant() + "\n" + Money2.text(amount) + "\n" + paidBy);
        String key = headerKey != null ? headerKey : sha;
        return new PaymentRequest(debtId, paidAt, paidAtRaw == null ? "" : paidAtRaw, amount, paidBy, key,
                headerKey != null ? "HEADER" : "PAYLOAD", sha, new String(body, StandardCharsets.UTF_8));
    }

    private static @Nullable String debtId(@Nullable JsonNode node, List<FieldViolation> violations) {
        String raw;
        if (node == null || node.isNull()) {
            raw = "";
        } else if (node.isString()) {
            raw = node.asString().strip();
        } else if (node.isIntegralNumber()) {
            raw = node.bigIntegerValue().toString();
        } else {
            throw malformed("debtId must be a string or an integer.");
        }
        if (raw.isEmpty()) {
            violations.add(new FieldViolation("debtId", "is required", "MISSING_VALUE"));
            return null;
        }
        String normalized = DebtRules.normalizeDebtId(raw);
        if (normalized == null) {
            violations.add(new FieldViolation("debtId", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'", "INVALID_DEBT_ID"));
        }
        return normalized;
    }

    private static @Nullable String text(@Nullable JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw malformed(field + " must be a string.");
        }
        return node.asString();
    }

    private static @Nullable OffsetDateTime paidAt(@Nullable String raw, Clock clock, List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            violations.add(new FieldViolation("paidAt", "is required", "MISSING_VALUE"));
            return null;
        }
        String text = raw.strip();
        Instant instant;
        try {
            instant = BusinessTime.fromLocal(LocalDateTime.parse(text, NAIVE));
        } catch (DateTimeParseException naive) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException iso) {
                violations.add(new FieldViolation("paidAt", "must be yyyy-MM-dd HH:mm:ss (America/Sao_Paulo) or ISO-8601 with an offset", "INVALID_DATE_TIME"));
                return null;
            }
        }
        if (instant.isBefore(EARLIEST_PAID_AT)) {
            violations.add(new FieldViolation("paidAt", "must not be before 0001-01-01", "OUT_OF_RANGE"));
            return null;
        }
        if (instant.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            violations.add(new FieldViolation("paidAt", "must not be more than 5 minutes in the future", "IN_THE_FUTURE"));
            return null;
        }
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable BigDecimal amount(@Nullable JsonNode node, List<FieldViolation> violations) {
        String text;
        if (node == null || node.isNull()) {
            text = "";
        } else if (node.isString()) {
            text = node.asString().strip();
        } else if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            if (number.scale() < 0) {
                violations.add(new FieldViolation("paidAmount", "must be a plain decimal such as 100000.00", "INVALID_AMOUNT"));
                return null;
            }
            text = number.toPlainString();
        } else {
            throw malformed("paidAmount must be a string or a number.");
        }
        DebtRules.Amount amount = DebtRules.amount(text, "paidAmount", MAX_PAID_CENTS);
        return switch (amount) {
            case DebtRules.Cents cents -> BigDecimal.valueOf(cents.cents(), 2);
            case DebtRules.Refused refused -> {
                violations.add(new FieldViolation("paidAmount", refused.message().substring("paidAmount ".length()), refused.reason()));
                yield null;
            }
        };
    }

    private static boolean holdsUnstorableText(JsonNode node) {
        if (node.isString()) {
            return unstorable(node.asString());
        }
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (unstorable(field.getKey()) || holdsUnstorableText(field.getValue())) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node.values()) {
                if (holdsUnstorableText(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return true;
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static Refusal malformed(String detail) {
        return new Refusal(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, detail);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
