package dev.quitto.billing;

import java.util.Locale;

/**
 * The PIX "copia e cola" (BR Code, EMV merchant-presented TLV, billing.md 4.5): payload format 01, merchant account
 * {@code br.gov.bcb.pix} + key, MCC 0000, currency 986, amount, country BR, name, city, txid {@code QTO} + nosso
 * número, and the CRC16-CCITT-FALSE over everything including {@code 6304}.
 */
public final class PixCode {

    private PixCode() {
    }

    /** CRC16-CCITT-FALSE of every byte value: one table lookup per character instead of eight shifts. */
    private static final int[] CRC_TABLE = crcTable();

    /** The last beneficiary's constant parts: an import computes a million payloads for one beneficiary. */
    private static volatile Template template;

    /** @param amount the amount with two decimals, {@code 7811.00} */
    public static String payload(BillingSettings.Beneficiary beneficiary, long nossoNumero, String amount) {
        Template constant = template;
        if (constant == null || !constant.beneficiary().equals(beneficiary)) {
            constant = Template.of(beneficiary);
            template = constant;
        }
        StringBuilder out = new StringBuilder(constant.head().length() + constant.middle().length() + 40);
        out.append(constant.head());
        field(out, "54", amount);
        out.append(constant.middle());
        field(out, "62", tlv("05", txid(nossoNumero)));
        out.append("6304");
        int crc = crc16(constant.headCrc(), out, constant.head().length(), out.length());
        return out.append(hex4(crc)).toString();
    }

    /**
     * Everything before the amount (payload format, merchant account, MCC, currency) with its CRC state, and
     * everything between the amount and the txid (country, name, city).
     */
    private record Template(BillingSettings.Beneficiary beneficiary, String head, int headCrc, String middle) {

        static Template of(BillingSettings.Beneficiary beneficiary) {
            StringBuilder head = new StringBuilder();
            field(head, "00", "01");
            field(head, "26", tlv("00", "br.gov.bcb.pix") + tlv("01", beneficiary.pixKey()));
            field(head, "52", "0000");
            field(head, "53", "986");
            StringBuilder middle = new StringBuilder();
            field(middle, "58", "BR");
            field(middle, "59", ascii(beneficiary.name(), 25));
            field(middle, "60", ascii(beneficiary.city(), 15));
            return new Template(beneficiary, head.toString(), crc16(0xFFFF, head, 0, head.length()), middle.toString());
        }
    }

    /** {@code QTO} + the 11-digit nosso número. */
    public static String txid(long nossoNumero) {
        String digits = Long.toString(nossoNumero);
        return "QTO" + "00000000000".substring(Math.min(digits.length(), 11)) + digits;
    }

    /** CRC16-CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR) as 4 upper-case hex digits. */
    public static String crc16Hex(CharSequence text) {
        return hex4(crc16(0xFFFF, text, 0, text.length()));
    }

    private static int crc16(int initial, CharSequence text, int from, int to) {
        int crc = initial;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 8) ^ text.charAt(i)) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    private static String hex4(int crc) {
        char[] hex = new char[4];
        for (int i = 3; i >= 0; i--, crc >>>= 4) {
            hex[i] = "0123456789ABCDEF".charAt(crc & 0xF);
        }
        return new String(hex);
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int value = 0; value < 256; value++) {
            int crc = value << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            table[value] = crc & 0xFFFF;
        }
        return table;
    }

    private static String ascii(String value, int max) {
        String upper = value.toUpperCase(Locale.ROOT);
        return upper.length() > max ? upper.substring(0, max) : upper;
    }

    private static String tlv(String id, String value) {
        StringBuilder out = new StringBuilder(value.length() + 4);
        field(out, id, value);
        return out.toString();
    }

    private static void field(StringBuilder out, String id, String value) {
        if (value.length() > 99) {
            throw new IllegalArgumentException("a BR Code field holds at most 99 characters");
        }
        out.append(id);
        if (value.length() < 10) {
            out.append('0');
        }
        out.append(value.length()).append(value);
    }
}
