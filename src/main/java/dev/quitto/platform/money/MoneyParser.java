package dev.quitto.platform.money;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads an amount as clients send it: a JSON string ({@code "7811.00"}, {@code "7811"}) or number
 * ({@code 7811}, {@code 7811.5}). Refuses what is not a plain decimal (NaN, Infinity, exponents, thousands
 * separators, booleans), more than two written decimals ({@code "1.000"} too, as a typo is likelier than
 * intent), and values beyond {@link Money#MAX}.
 */
public final class MoneyParser {

    /** Why an amount was refused; each is a stable code the error body carries. */
    public enum Refusal {
        NOT_A_NUMBER("must be a decimal number such as \"7811.00\""),
        TOO_MANY_DECIMALS("must have at most two decimal places"),
        TOO_LARGE("must be at most 999999999999.99");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    public sealed interface Result permits Parsed, Refused {}

    public record Parsed(Money money) implements Result {}

    public record Refused(Refusal refusal) implements Result {}

    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("-?\\d{1,15}(\\.\\d+)?");

    private MoneyParser() {
    }

    public static Result parse(Object raw) {
        String text = switch (raw) {
            case String s -> s.trim();
            case BigDecimal b -> b.toPlainString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case java.math.BigInteger b -> b.toString();
            default -> null;
        };
        if (text == null || !PLAIN_DECIMAL.matcher(text).matches()) {
            return new Refused(Refusal.NOT_A_NUMBER);
        }
        BigDecimal value = new BigDecimal(text);
        if (value.scale() > 2) {
            return new Refused(Refusal.TOO_MANY_DECIMALS);
        }
        if (value.abs().compareTo(Money.MAX) > 0) {
            return new Refused(Refusal.TOO_LARGE);
        }
        return new Parsed(new Money(value));
    }

    public static Optional<Money> tryParse(Object raw) {
        return parse(raw) instanceof Parsed(Money money) ? Optional.of(money) : Optional.empty();
    }
}
