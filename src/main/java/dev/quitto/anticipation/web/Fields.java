package dev.quitto.anticipation.web;

import dev.quitto.platform.web.FieldViolation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one field of a JSON body the way the seed's serializers did, adding the seed's message to
 * {@code violations} on failure. Violations carry canonical (camelCase) field names; seed responses rename them.
 */
public final class Fields {

    public static final String REQUIRED = "This field is required.";
    public static final String NOT_NULL = "This field may not be null.";
    public static final String DATE_FORMAT = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";
    public static final String DATE_BEFORE_TODAY = "Inform a date greater than or equal today.";

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DIGITS = Pattern.compile("\\d{1,30}");

    private Fields() {
    }

    /** Present and not null, or a violation ("required" / "may not be null") and {@code null}. */
    public static @Nullable JsonNode present(ObjectNode body, String json, String field, List<FieldViolation> violations) {
        JsonNode node = body.get(json);
        if (node == null || node.isMissingNode()) {
            violations.add(new FieldViolation(field, REQUIRED, "required"));
            return null;
        }
        if (node.isNull()) {
            violations.add(new FieldViolation(field, NOT_NULL, "not-null"));
            return null;
        }
        return node;
    }

    /**
     * A primary key: an integer or a string of digits. A key that cannot exist (beyond 64 bits) is reported as
     * not existing; another type is "Incorrect type".
     */
    public static OptionalLong primaryKey(ObjectNode body, String json, String field, List<FieldViolation> violations) {
        JsonNode node = present(body, json, field, violations);
        if (node == null) {
            return OptionalLong.empty();
        }
        String digits = null;
        if (node.isIntegralNumber()) {
            digits = node.bigIntegerValue().toString();
        } else if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0) {
            digits = node.decimalValue().toBigInteger().toString();
        } else if (node.isString() && DIGITS.matcher(node.asString()).matches()) {
            digits = node.asString();
        }
        if (digits == null) {
            violations.add(new FieldViolation(field, "Incorrect type. Expected pk value, received " + pythonType(node) + ".", "incorrect-type"));
            return OptionalLong.empty();
        }
        BigInteger value = new BigInteger(digits);
        if (value.signum() < 0 || value.bitLength() > 63) {
            violations.add(doesNotExist(field, digits));
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.longValueExact());
    }

    public static FieldViolation doesNotExist(String field, Object key) {
        return new FieldViolation(field, "Invalid pk \"" + key + "\" - object does not exist.", "does-not-exist");
    }

    /** A date written {@code YYYY-MM-DD} that exists on the calendar. */
    public static @Nullable LocalDate date(ObjectNode body, String json, String field, List<FieldViolation> violations) {
        JsonNode node = present(body, json, field, violations);
        if (node == null) {
            return null;
        }
        LocalDate date = node.isString() ? parseDate(node.asString()) : null;
        if (date == null) {
            violations.add(new FieldViolation(field, DATE_FORMAT, "invalid-date"));
        }
        return date;
    }

    /** A query parameter date; {@code null} when absent, a violation when malformed. */
    public static @Nullable LocalDate queryDate(@Nullable String raw, String field, List<FieldViolation> violations) {
        if (raw == null) {
            return null;
        }
        LocalDate date = parseDate(raw);
        if (date == null) {
            violations.add(new FieldViolation(field, DATE_FORMAT, "invalid-date"));
        }
        return date;
    }

    public static @Nullable LocalDate parseDate(String text) {
        if (!ISO_DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text, STRICT_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A JSON number as an exact decimal, or a string holding one; {@code null} for anything else. */
    public static @Nullable BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            String text = node.asString().trim();
            if (text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,6})?")) {
                return new BigDecimal(text);
            }
        }
        return null;
    }

    /** The name the seed's Python serializers gave a JSON value's type. */
    public static String pythonType(JsonNode node) {
        if (node.isString()) {
            return "str";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isArray()) {
            return "list";
        }
        if (node.isObject()) {
            return "dict";
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? "int" : "float";
        }
        return "NoneType";
    }
}
