package dev.quitto.cashback;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an ERP sale (cashback.md 4.1 and 4.2): JSON with trailing commas tolerated, unknown fields ignored, a key given
 * twice refused; money read from its literal text into {@link BigDecimal}; every failed rule reported at once.
 */
final class SaleReader {

    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_PRODUCTS = 500;
    static final int MAX_QTY = 1_000_000;
    static final int MAX_NAME = 200;
    static final BigDecimal MAX_VALUE = new BigDecimal("9999999.99");
    static final BigDecimal MAX_TOTAL = new BigDecimal("99999999.99");

    static final String REQUIRED = "REQUIRED";
    static final String INVALID_DATE = "INVALID_DATE";
    static final String FUTURE_SOLD_AT = "FUTURE_SOLD_AT";
    static final String INVALID_CPF = "INVALID_CPF";
    static final String INVALID_NAME = "INVALID_NAME";
    static final String EMPTY_PRODUCTS = "EMPTY_PRODUCTS";
    static final String TOO_MANY_PRODUCTS = "TOO_MANY_PRODUCTS";
    static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
    static final String INVALID_MONEY = "INVALID_MONEY";
    static final String NOT_POSITIVE = "NOT_POSITIVE";
    static final String TOO_MANY_DECIMALS = "TOO_MANY_DECIMALS";
    static final String TOO_LARGE = "TOO_LARGE";
    static final String INVALID_QTY = "INVALID_QTY";
    static final String TOTAL_MISMATCH = "TOTAL_MISMATCH";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final Pattern MONEY = Pattern.compile("\\d+(\\.\\d+)?");
    private static final DateTimeFormatter SEED_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private SaleReader() {
    }

    /** The body as a JSON object: 415 for a content type other than JSON, 413 beyond 256 KiB, 400 when not one JSON object. */
    static ObjectNode parse(@Nullable String contentType, @Nullable String body) {
        if (contentType != null && !contentType.isBlank()) {
            MediaType type;
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                throw new UnsupportedSaleMediaType(contentType.trim());
            }
            if (!type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json")) {
                throw new UnsupportedSaleMediaType(type.getType() + "/" + type.getSubtype());
            }
        }
        if (body != null && body.length() > MAX_BODY_BYTES / 4 && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new SaleBodyTooLarge();
        }
        if (body == null || body.isBlank()) {
            throw new MalformedSaleBody();
        }
        try {
            return JSON.readTree(body) instanceof ObjectNode object ? object : throwMalformed();
        } catch (JacksonException e) {
            throw new MalformedSaleBody();
        }
    }

    private static ObjectNode throwMalformed() {
        throw new MalformedSaleBody();
    }

    /** Every rule of 4.2 against {@code rates}; the sale, or {@link InvalidInput} listing every failure. */
    static SaleRequest validate(ObjectNode json, String body, RateVersion rates, Instant now, java.time.Duration clockSkew) {
        List<FieldViolation> violations = new ArrayList<>();
        JsonNode soldAtNode = json.has("sold_at") ? json.get("sold_at") : json.get("soldAt");
        Instant soldAt = soldAt(soldAtNode, now, clockSkew, violations);

        String document = null;
        String name = null;
        JsonNode customer = json.get("customer");
        if (customer == null || customer.isNull()) {
            violations.add(new FieldViolation("customer", "is required", REQUIRED));
        } else if (!customer.isObject()) {
            violations.add(new FieldViolation("customer", "must be an object with document and name", REQUIRED));
        } else {
            document = document(customer.get("document"), violations);
            name = name(customer.get("name"), violations);
        }

        List<SaleRequest.Line> lines = lines(json.get("products"), rates, violations);

        BigDecimal total = money(json.get("total"), "total", MAX_TOTAL, false, violations);
        if (total != null && lines != null) {
            BigDecimal expected = lines.stream().map(line -> line.value().multiply(BigDecimal.valueOf(line.qty())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
            if (total.compareTo(expected) != 0) {
                violations.add(new FieldViolation("total", "must equal the sum of value × qty of the products: expected "
                        + expected.toPlainString() + ", received " + total.setScale(2).toPlainString(), TOTAL_MISMATCH));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new SaleRequest(soldAt, soldAtNode.asString(), document, name, total.setScale(2), lines, rates, body);
    }

    static @Nullable Instant soldAt(@Nullable JsonNode node, Instant now, java.time.Duration clockSkew, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation("sold_at", "is required", REQUIRED));
            return null;
        }
        Optional<Instant> parsed = node.isString() ? parseSoldAt(node.asString()) : Optional.empty();
        if (parsed.isEmpty()) {
            violations.add(new FieldViolation("sold_at", "must be a date and time written yyyy-MM-dd HH:mm:ss or ISO-8601", INVALID_DATE));
            return null;
        }
        if (parsed.get().isAfter(now.plus(clockSkew))) {
            violations.add(new FieldViolation("sold_at", "must not be later than now plus " + clockSkew.toMinutes() + " minutes", FUTURE_SOLD_AT));
            return null;
        }
        return parsed.get();
    }

    /** {@code yyyy-MM-dd HH:mm:ss} or ISO-8601 date-time; without an offset, in America/Sao_Paulo. */
    static Optional<Instant> parseSoldAt(String text) {
        try {
            if (text.length() == 19 && text.charAt(10) == ' ') {
                return Optional.of(BusinessTime.fromLocal(LocalDateTime.parse(text, SEED_FORMAT)));
            }
            if (text.length() < 11 || text.charAt(10) != 'T') {
                return Optional.empty();
            }
            char last = text.charAt(text.length() - 1);
            boolean offset = last == 'Z' || last == 'z' || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10;
            return Optional.of(offset ? OffsetDateTime.parse(text.replace('z', 'Z'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    : BusinessTime.fromLocal(LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String document(@Nullable JsonNode node, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation("customer.document", "is required", REQUIRED));
            return null;
        }
        Optional<String> cpf = node.isString() ? Cpf.normalize(node.asString()) : Optional.empty();
        if (cpf.isEmpty()) {
            violations.add(new FieldViolation("customer.document", "must be a valid CPF written as a string, 11 digits with or without its mask",
                    INVALID_CPF));
            return null;
        }
        return cpf.get();
    }

    private static @Nullable String name(@Nullable JsonNode node, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation("customer.name", "is required", REQUIRED));
            return null;
        }
        String name = node.isString() ? node.asString().strip() : "";
        if (name.isEmpty() || name.length() > MAX_NAME) {
            violations.add(new FieldViolation("customer.name", "must be a text of 1 to " + MAX_NAME + " characters", INVALID_NAME));
            return null;
        }
        return name;
    }

    /** The product lines; null when any of them failed (the total is then not checked). */
    private static @Nullable List<SaleRequest.Line> lines(@Nullable JsonNode products, RateVersion rates, List<FieldViolation> violations) {
        if (products == null || products.isNull()) {
            violations.add(new FieldViolation("products", "is required", REQUIRED));
            return null;
        }
        if (!products.isArray()) {
            violations.add(new FieldViolation("products", "must be a list of products", REQUIRED));
            return null;
        }
        if (products.isEmpty()) {
            violations.add(new FieldViolation("products", "must hold at least one product", EMPTY_PRODUCTS));
            return null;
        }
        if (products.size() > MAX_PRODUCTS) {
            violations.add(new FieldViolation("products", "must hold at most " + MAX_PRODUCTS + " products", TOO_MANY_PRODUCTS));
            return null;
        }
        List<SaleRequest.Line> lines = new ArrayList<>(products.size());
        int before = violations.size();
        for (int i = 0; i < products.size(); i++) {
            String field = "products[" + i + "]";
            JsonNode product = products.get(i);
            if (!product.isObject()) {
                violations.add(new FieldViolation(field, "must be an object with type, value and qty", REQUIRED));
                continue;
            }
            String type = type(product.get("type"), field + ".type", rates, violations);
            BigDecimal value = money(product.get("value"), field + ".value", MAX_VALUE, true, violations);
            Integer qty = qty(product.get("qty"), field + ".qty", violations);
            if (type != null && value != null && qty != null) {
                lines.add(new SaleRequest.Line(i + 1, type, value.setScale(2), qty, rates.percent(type).orElseThrow()));
            }
        }
        return violations.size() == before ? lines : null;
    }

    private static @Nullable String type(@Nullable JsonNode node, String field, RateVersion rates, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation(field, "is required", REQUIRED));
            return null;
        }
        String type = node.isString() ? node.asString().strip().toUpperCase(Locale.ROOT) : "";
        if (rates.percent(type).isEmpty()) {
            violations.add(new FieldViolation(field, "must be one of the product types " + rates.rates().keySet(), UNKNOWN_TYPE));
            return null;
        }
        return type;
    }

    private static @Nullable Integer qty(@Nullable JsonNode node, String field, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation(field, "is required", REQUIRED));
            return null;
        }
        if (node.isIntegralNumber()) {
            BigInteger qty = node.bigIntegerValue();
            if (qty.signum() > 0 && qty.compareTo(BigInteger.valueOf(MAX_QTY)) <= 0) {
                return qty.intValueExact();
            }
        }
        violations.add(new FieldViolation(field, "must be a JSON integer from 1 to " + MAX_QTY, INVALID_QTY));
        return null;
    }

    /**
     * A money field: a JSON string or number, read from its literal text ({@code ^\d+(\.\d+)?$}: no sign, exponent,
     * NaN, comma or blank), at most 2 decimals ignoring trailing zeros, at most {@code max}.
     */
    static @Nullable BigDecimal money(@Nullable JsonNode node, String field, BigDecimal max, boolean positive, List<FieldViolation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation(field, "is required", REQUIRED));
            return null;
        }
        BigDecimal amount = null;
        if (node.isString() && MONEY.matcher(node.asString()).matches()) {
            amount = new BigDecimal(node.asString());
        } else if (node.isIntegralNumber()) {
            amount = new BigDecimal(node.bigIntegerValue());
        } else if (node.isNumber() && node.decimalValue().scale() >= 0) {
            amount = node.decimalValue();
        }
        if (amount == null) {
            violations.add(new FieldViolation(field, "must be a decimal amount such as \"10.00\"", INVALID_MONEY));
            return null;
        }
        if (amount.signum() < 0 || (positive && amount.signum() == 0)) {
            violations.add(new FieldViolation(field, "must be greater than zero", positive ? NOT_POSITIVE : INVALID_MONEY));
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            violations.add(new FieldViolation(field, "must have at most 2 decimals", TOO_MANY_DECIMALS));
            return null;
        }
        if (amount.compareTo(max) > 0) {
            violations.add(new FieldViolation(field, "must be at most " + max.toPlainString(), TOO_LARGE));
            return null;
        }
        return amount;
    }
}
