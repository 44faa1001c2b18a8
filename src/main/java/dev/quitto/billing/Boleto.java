package dev.quitto.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * FEBRABAN boleto fields (billing.md 4.5): the 44-digit barcode with its mod-11 general check digit, the 47-digit
 * linha digitável with mod-10 field check digits, and the due-date factor with its 2025-02-22 reset. Bradesco free
 * field: agency (4) + wallet (2) + nosso número (11) + account (7) + {@code 0}. Pure functions, no allocation beyond the results.
 */
public final class Boleto {

    /** Day 1000 of the first factor cycle and its base. */
    public static final LocalDate FIRST_DUE = LocalDate.of(2000, 7, 3);
    /** The first day of the second cycle: factor 1000 again. */
    public static final LocalDate RESET = LocalDate.of(2025, 2, 22);
    /** The last day a factor can express (9999 of the second cycle). */
    public static final LocalDate LAST_DUE = LocalDate.of(2049, 10, 13);
    private static final LocalDate BASE = LocalDate.of(1997, 10, 7);

    private Boleto() {
    }

    /** True when {@code due} has a factor (2000-07-03 .. 2049-10-13). */
    public static boolean expressible(LocalDate due) {
        return !due.isBefore(FIRST_DUE) && !due.isAfter(LAST_DUE);
    }

    /** Days since 1997-10-07 up to 2025-02-21 (9999); from 2025-02-22, 1000 + days since 2025-02-22. */
    public static int dueDateFactor(LocalDate due) {
        if (!expressible(due)) {
            throw new IllegalArgumentException("no due-date factor for " + due);
        }
        return due.isBefore(RESET) ? (int) ChronoUnit.DAYS.between(BASE, due) : 1000 + (int) ChronoUnit.DAYS.between(RESET, due);
    }

    /**
     * The 44-digit barcode: bank (3), currency 9, general check digit, factor (4), amount in cents (10), free field (25).
     *
     * @param amountCents 1 .. 9,999,999,999
     */
    public static String barcode(BillingSettings.Beneficiary beneficiary, long nossoNumero, long amountCents, LocalDate due) {
        if (amountCents <= 0 || amountCents > 9_999_999_999L) {
            throw new IllegalArgumentException("a boleto amount is 0.01 .. 99,999,999.99");
        }
        if (nossoNumero < 0 || nossoNumero > 99_999_999_999L) {
            throw new IllegalArgumentException("a nosso número has 11 digits");
        }
        char[] code = new char[44];
        put(code, 0, beneficiary.bankCode());
        code[3] = '9';
        code[4] = '0';
        putNumber(code, 5, 4, dueDateFactor(due));
        putNumber(code, 9, 10, amountCents);
        put(code, 19, beneficiary.agency());
        put(code, 23, beneficiary.wallet());
        putNumber(code, 25, 11, nossoNumero);
        put(code, 36, beneficiary.account());
        code[43] = '0';
        code[4] = (char) ('0' + generalCheckDigit(code));
        return new String(code);
    }

    /** Mod 11 over the 43 digits other than position 5, weights 2..9 from the right; 0, 10 or 11 become 1. */
    static int generalCheckDigit(char[] code) {
        int sum = 0;
        int weight = 2;
        for (int i = 43; i >= 0; i--) {
            if (i == 4) {
                continue;
            }
            sum += (code[i] - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int dv = 11 - sum % 11;
        return dv == 0 || dv == 10 || dv == 11 ? 1 : dv;
    }

    /** Mod 10 of digits {@code from..to-1}: weights 2,1,2,1… from the right, two-digit products summed digit by digit. */
    static int mod10(CharSequence digits, int from, int to) {
        int sum = 0;
        int weight = 2;
        for (int i = to - 1; i >= from; i--) {
            int product = (digits.charAt(i) - '0') * weight;
            sum += product > 9 ? product - 9 : product;
            weight = 3 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** The 47 digits: field 1 = barcode 1–4 + 20–24 + DV; field 2 = 25–34 + DV; field 3 = 35–44 + DV; 4 = barcode 5; 5 = 6–19. */
    public static String digitableLine(String barcode) {
        if (barcode.length() != 44) {
            throw new IllegalArgumentException("a barcode has 44 digits");
        }
        StringBuilder line = new StringBuilder(47);
        line.append(barcode, 0, 4).append(barcode, 19, 24);
        line.append((char) ('0' + mod10(line, 0, 9)));
        line.append(barcode, 24, 34);
        line.append((char) ('0' + mod10(line, 10, 20)));
        line.append(barcode, 34, 44);
        line.append((char) ('0' + mod10(line, 21, 31)));
        line.append(barcode.charAt(4));
        line.append(barcode, 5, 19);
        return line.toString();
    }

    /** {@code AAAAA.AAAAA BBBBB.BBBBBB CCCCC.CCCCCC D EEEEEEEEEEEEEE}. */
    public static String formatted(String digitableLine) {
        String l = digitableLine;
        return l.substring(0, 5) + "." + l.substring(5, 10) + " " + l.substring(10, 15) + "." + l.substring(15, 21) + " "
                + l.substring(21, 26) + "." + l.substring(26, 32) + " " + l.charAt(32) + " " + l.substring(33);
    }

    private static void put(char[] code, int at, String digits) {
        digits.getChars(0, digits.length(), code, at);
    }

    private static void putNumber(char[] code, int at, int width, long value) {
        for (int i = at + width - 1; i >= at; i--) {
            code[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
