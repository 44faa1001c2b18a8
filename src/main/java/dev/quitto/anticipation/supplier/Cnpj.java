package dev.quitto.anticipation.supplier;

import java.util.Locale;
import java.util.Optional;

/**
 * A CNPJ, numeric or in the new alphanumeric format: 12 characters of {@code [0-9A-Z]} then two check digits.
 * Masks ({@code .}, {@code /}, {@code -}, spaces) are stripped and letters upper-cased before checking.
 */
public record Cnpj(String value) {

    private static final int[] FIRST_WEIGHTS = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] SECOND_WEIGHTS = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    public Cnpj {
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not a valid CNPJ: " + value);
        }
    }

    public static Optional<Cnpj> parse(String text) {
        String normalized = text.replaceAll("[./\\-\\s]", "").toUpperCase(Locale.ROOT);
        return isValid(normalized) ? Optional.of(new Cnpj(normalized)) : Optional.empty();
    }

    /** The CNPJ with {@code base} (12 characters of {@code [0-9A-Z]}) and its two check digits. */
    public static Cnpj withCheckDigits(String base) {
        String first = base + checkDigit(base, FIRST_WEIGHTS);
        return new Cnpj(first + checkDigit(first, SECOND_WEIGHTS));
    }

    private static boolean isValid(String cnpj) {
        if (!cnpj.matches("[0-9A-Z]{12}[0-9]{2}") || cnpj.chars().distinct().count() == 1) {
            return false;
        }
        int first = checkDigit(cnpj, FIRST_WEIGHTS);
        int second = checkDigit(cnpj, SECOND_WEIGHTS);
        return cnpj.charAt(12) - '0' == first && cnpj.charAt(13) - '0' == second;
    }

    private static int checkDigit(String cnpj, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (cnpj.charAt(i) - 48) * weights[i];
        }
        int remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }

    @Override
    public String toString() {
        return value;
    }
}
