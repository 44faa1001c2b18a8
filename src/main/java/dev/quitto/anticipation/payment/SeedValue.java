package dev.quitto.anticipation.payment;

import dev.quitto.anticipation.web.Fields;
import dev.quitto.platform.web.FieldViolation;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's {@code value}: a decimal of at most 11 digits, 2 of them decimals, greater than zero; checked in the
 * order of the seed's serializer (a number, total digits, decimal places, whole digits, then the minimum).
 */
final class SeedValue {

    static final String NOT_A_NUMBER = "A valid number is required.";
    static final String TOO_MANY_DIGITS = "Ensure that there are no more than 11 digits in total.";
    static final String TOO_MANY_DECIMALS = "Ensure that there are no more than 2 decimal places.";
    static final String TOO_MANY_WHOLE_DIGITS = "Ensure that there are no more than 9 digits before the decimal point.";
    static final String NOT_POSITIVE = "Make sure the value is greater than zero.";

    private SeedValue() {
    }

    static @Nullable BigDecimal read(ObjectNode body, String json, String field, List<FieldViolation> violations) {
        JsonNode node = Fields.present(body, json, field, violations);
        if (node == null) {
            return null;
        }
        BigDecimal value = Fields.decimal(node);
        if (value == null) {
            violations.add(new FieldViolation(field, NOT_A_NUMBER, "invalid-number"));
            return null;
        }
        String message = precision(value);
        if (message == null && value.signum() <= 0) {
            message = NOT_POSITIVE;
        }
        if (message != null) {
            violations.add(new FieldViolation(field, message, "invalid-value"));
            return null;
        }
        return value.setScale(2);
    }

    /** The seed's digit counting, over Python's (digits, exponent) of the decimal as written. */
    private static @Nullable String precision(BigDecimal value) {
        int digits = value.unscaledValue().abs().toString().length();
        int exponent = -value.scale();
        long total;
        long decimals;
        long whole;
        if (exponent >= 0) {
            total = (long) digits + exponent;
            decimals = 0;
            whole = total;
        } else if (digits > -exponent) {
            total = digits;
            decimals = -exponent;
            whole = total - decimals;
        } else {
            total = -exponent;
            decimals = total;
            whole = 0;
        }
        if (total > 11) {
            return TOO_MANY_DIGITS;
        }
        if (decimals > 2) {
            return TOO_MANY_DECIMALS;
        }
        if (whole > 9) {
            return TOO_MANY_WHOLE_DIGITS;
        }
        return null;
    }
}
