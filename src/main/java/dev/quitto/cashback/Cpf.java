package dev.quitto.cashback;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Brazilian CPF as the ERP sends it: 11 digits, optionally masked {@code 793.365.124-04}. Normalised to its 11
 * digits (leading zeros kept); valid when both check digits match and the digits are not all equal. Palindromes are
 * ordinary numbers.
 */
final class Cpf {

    private static final Pattern FORM = Pattern.compile("\\d{3}\\.?\\d{3}\\.?\\d{3}-?\\d{2}");

    private Cpf() {
    }

    /** The 11 digits of a valid CPF, or empty. */
    static Optional<String> normalize(String text) {
        if (!FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        String digits = text.replace(".", "").replace("-", "");
        if (digits.chars().distinct().count() == 1) {
            return Optional.empty();
        }
        int[] d = digits.chars().map(c -> c - '0').toArray();
        return d[9] == checkDigit(d, 9) && d[10] == checkDigit(d, 10) ? Optional.of(digits) : Optional.empty();
    }

    /** d10 = (Σ dᵢ·(11−i), i=1..9) × 10 mod 11 mod 10; d11 = (Σ dᵢ·(12−i), i=1..10) × 10 mod 11 mod 10. */
    static int checkDigit(int[] digits, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += digits[i] * (count + 1 - i);
        }
        return sum * 10 % 11 % 10;
    }

    /** The last four digits, the only part logs show. */
    static String masked(String digits) {
        return "***." + "***." + "*" + digits.substring(7, 9) + "-" + digits.substring(9);
    }
}
