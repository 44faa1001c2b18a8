package dev.quitto.billing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The field rules of billing.md 4.2, shared by the CSV import and the payment webhook. Each check returns the
 * reason code of the first rule the value breaks, or null when it is fine.
 */
final class DebtRules {

    static final int MAX_DEBT_ID = 64;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    /** The boleto's 10-digit amount field: R$ 99,999,999.99. */
    static final long MAX_AMOUNT_CENTS = 9_999_999_999L;
    private static final String ATEXT_EXTRA = "!#$%&'*+/=?^_`{|}~-";

    private DebtRules() {
    }

    /** debtId: 1–64 of {@code [A-Za-z0-9._-]}; a UUID is lower-cased. Returns the normalized value, or null when invalid. */
    static @Nullable String normalizeDebtId(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_DEBT_ID) {
            return null;
        }
        boolean upper = false;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            if (!ok && c >= 'A' && c <= 'Z') {
                ok = true;
                upper = true;
            }
            if (!ok) {
                return null;
            }
        }
        return upper && isUuid(value) ? value.toLowerCase(Locale.ROOT) : value;
    }

    private static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** name: non-blank, at most 200 characters, no control characters other than line breaks and tabs inside quotes. */
    static @Nullable String checkName(String name) {
        if (name.isEmpty()) {
            return "MISSING_VALUE";
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            return "NAME_TOO_LONG";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return "INVALID_NAME";
            }
        }
        return null;
    }

    /** governmentId without {@code . - /}; null when the policy refuses it. */
    static @Nullable String normalizeGovernmentId(String value, BillingSettings.GovernmentIdPolicy policy) {
        StringBuilder out = new StringBuilder(14);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '.' && c != '-' && c != '/') {
                out.append(c);
            }
        }
        String id = out.toString();
        boolean digits = !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9');
        return switch (policy) {
            case LENIENT -> (digits && id.length() <= 14) || validCnpj(id) ? id : null;
            case STRICT -> validCpf(id) || validCnpj(id) ? id : null;
        };
    }

    /** 11 digits, not all equal, both check digits right. */
    static boolean validCpf(String id) {
        if (id.length() != 11 || !id.chars().allMatch(c -> c >= '0' && c <= '9') || id.chars().distinct().count() == 1) {
            return false;
        }
        for (int digit = 9; digit <= 10; digit++) {
            int sum = 0;
            for (int i = 0; i < digit; i++) {
                sum += (id.charAt(i) - '0') * (digit + 1 - i);
            }
            int rest = sum % 11;
            int dv = rest < 2 ? 0 : 11 - rest;
            if (id.charAt(digit) - '0' != dv) {
                return false;
            }
        }
        return true;
    }

    /** 12 of {@code [0-9A-Z]} + 2 check digits computed over ASCII − 48 values (numeric and alphanumeric CNPJ). */
    static boolean validCnpj(String id) {
        if (id.length() != 14) {
            return false;
        }
        for (int i = 0; i < 14; i++) {
            char c = id.charAt(i);
            boolean ok = c >= '0' && c <= '9' || i < 12 && c >= 'A' && c <= 'Z';
            if (!ok) {
                return false;
            }
        }
        if (id.chars().distinct().count() == 1) {
            return false;
        }
        for (int digit = 12; digit <= 13; digit++) {
            int sum = 0;
            int weight = digit - 7;
            for (int i = 0; i < digit; i++) {
                sum += (id.charAt(i) - '0') * weight;
                weight = weight == 2 ? 9 : weight - 1;
            }
            int rest = sum % 11;
            int dv = rest < 2 ? 0 : 11 - rest;
            if (id.charAt(digit) - '0' != dv) {
                return false;
            }
        }
        return true;
    }

    /** e-mail: ≤ 254, one @, local 1–64 of atext and dots, a domain of ≥ 2 DNS labels. Returns it with the domain lower-cased, or null. */
    static @Nullable String normalizeEmail(String email) {
        if (email.length() > MAX_EMAIL) {
            return null;
        }
        int at = email.indexOf('@');
        if (at < 1 || at > 64 || email.indexOf('@', at + 1) >= 0) {
            return null;
        }
        for (int i = 0; i < at; i++) {
            char c = email.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || ATEXT_EXTRA.indexOf(c) >= 0)) {
                return null;
            }
        }
        String domain = email.substring(at + 1);
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return null;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return null;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return null;
                }
            }
        }
        return email.substring(0, at + 1) + domain.toLowerCase(Locale.ROOT);
    }

    /** An amount read as cents, or the reason it is refused. */
    sealed interface Amount permits Cents, Refused {
    }

    record Cents(long cents) implements Amount {
        /** {@code 7811.00}: plain, two decimals. */
        String text() {
            return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
        }
    }

    record Refused(String reason, String message) implements Amount {
    }

    /**
     * A plain decimal {@code ^\d+(\.\d+)?$}; at most two decimals once trailing zeros are dropped; more than zero and
     * at most {@code maxCents}. Exact: nothing is rounded.
     */
    static Amount amount(String text, String field, long maxCents) {
        if (text.isEmpty()) {
            return new Refused("MISSING_VALUE", field + " is required");
        }
        int dot = text.indexOf('.');
        int intEnd = dot < 0 ? text.length() : dot;
        if (intEnd == 0 || dot == text.length() - 1) {
            return new Refused("INVALID_AMOUNT", field + " must be a plain decimal such as 7811.00");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || i == dot)) {
                return new Refused("INVALID_AMOUNT", field + " must be a plain decimal such as 7811.00");
            }
        }
        int fracEnd = text.length();
        if (dot >= 0) {
            while (fracEnd > dot + 1 && text.charAt(fracEnd - 1) == '0') {
                fracEnd--;
            }
            if (fracEnd - dot - 1 > 2) {
                return new Refused("TOO_MANY_DECIMALS", field + " has at most 2 decimals");
            }
        }
        int intStart = 0;
        while (intStart < intEnd - 1 && text.charAt(intStart) == '0') {
            intStart++;
        }
        if (intEnd - intStart > 16) {
            return new Refused("AMOUNT_TOO_LARGE", field + " must be at most " + maxText(maxCents));
        }
        long cents = 0;
        for (int i = intStart; i < intEnd; i++) {
            cents = cents * 10 + (text.charAt(i) - '0');
        }
        cents *= 100;
        if (dot >= 0) {
            int frac = 0;
            int places = 0;
            for (int i = dot + 1; i < fracEnd; i++) {
                frac = frac * 10 + (text.charAt(i) - '0');
                places++;
            }
            cents += places == 1 ? frac * 10L : frac;
        }
        if (cents == 0) {
            return new Refused("AMOUNT_NOT_POSITIVE", field + " must be > 0");
        }
        if (cents > maxCents) {
            return new Refused("AMOUNT_TOO_LARGE", field + " must be at most " + maxText(maxCents));
        }
        return new Cents(cents);
    }

    private static String maxText(long maxCents) {
        return new Cents(maxCents).text();
    }

    /** A date read strictly as {@code yyyy-MM-dd}, or null. */
    static @Nullable LocalDate isoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && (text.charAt(i) < '0' || text.charAt(i) > '9')) {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10), Integer.parseInt(text, 8, 10, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
