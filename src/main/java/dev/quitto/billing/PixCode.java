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

    /** @param amount the amount with two decimals, {@code 7811.00} */
    public static String payload(BillingSettings.Beneficiary beneficiary, long nossoNumero, String amount) {
        StringBuilder out = new StringBuilder(160);
        field(out, "00", "01");
        String gui = tlv("00", "br.gov.bcb.pix") + tlv("01", beneficiary.pixKey());
        field(out, "26", gui);
        field(out, "52", "0000");
        field(out, "53", "986");
        field(out, "54", amount);
        field(out, "58", "BR");
        field(out, "59", ascii(beneficiary.name(), 25));
        field(out, "60", ascii(beneficiary.city(), 15));
        field(out, "62", tlv("05", txid(nossoNumero)));
        out.append("6304");
        out.append(crc16Hex(out));
        return out.toString();
    }

    /** {@code QTO} + the 11-digit nosso número. */
    public static String txid(long nossoNumero) {
        String digits = Long.toString(nossoNumero);
        return "QTO" + "00000000000".substring(Math.min(digits.length(), 11)) + digits;
    }

    /** CRC16-CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR) as 4 upper-case hex digits. */
    public static String crc16Hex(CharSequence text) {
        int crc = 0xFFFF;
        for (int i = 0, length = text.length(); i < length; i++) {
            crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 8) ^ text.charAt(i)) & 0xFF]) & 0xFFFF;
        }
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
