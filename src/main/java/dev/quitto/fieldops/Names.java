package dev.quitto.fieldops;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Angel and polo names (spec 4.7): the display form (trimmed, inner whitespace collapsed), the key they are
 * identified by (the display form lower-cased in the root locale, accents kept), and a polo's {@code UF - CITY} parts.
 */
final class Names {

    static final int MAX_LENGTH = 255;
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

    private Names() {
    }

    static String display(String raw) {
        String trimmed = raw.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                if (c != ' ' || (i + 1 < trimmed.length() && (Character.isWhitespace(trimmed.charAt(i + 1)) || trimmed.charAt(i + 1) == '\u00A0'))) {
                    return WHITESPACE.matcher(trimmed).replaceAll(" ").strip();
                }
            }
        }
        return trimmed;
    }

    static String key(String raw) {
        return display(raw).toLowerCase(Locale.ROOT);
    }

    /** A polo's state and city: the parts around the first {@code " - "} when the first is a two-letter UF. */
    record PoloParts(@Nullable String uf, @Nullable String city) {
    }

    static PoloParts poloParts(String display) {
        int dash = display.indexOf(" - ");
        if (dash != 2) {
            return new PoloParts(null, null);
        }
        String uf = display.substring(0, 2);
        String city = display.substring(dash + 3).strip();
        if (!Character.isLetter(uf.charAt(0)) || !Character.isLetter(uf.charAt(1)) || city.isEmpty()) {
            return new PoloParts(null, null);
        }
        return new PoloParts(uf.toUpperCase(Locale.ROOT), city);
    }
}
