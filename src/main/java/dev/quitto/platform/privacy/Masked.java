package dev.quitto.platform.privacy;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place that decides how a governmentId or an e-mail address is written where it must not appear in full
 * (billing.md 4.7: "Logs mask governmentId (last 2 digits) and the e-mail local part"). Every log line that names a
 * person's document or address passes it through here; free text from outside (an SMTP server's reply, a file name)
 * goes through {@link #emailsIn(String)}.
 */
public final class Masked {

    private static final String HIDDEN_LOCAL_PART = "***";
    /** An address inside free text: anything up to an {@code @} that cannot end an address, then a host name. */
    private static final Pattern ADDRESS_IN_TEXT = Pattern.compile("[^\\s<>()\\[\\],;:\"@]+@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)");

    private Masked() {
    }

    /**
     * All but the last two characters hidden, one {@code *} each: {@code 9558} → {@code **58}, {@code 52998224725} →
     * {@code *********25}. A value of two characters or fewer is hidden whole, since its last two would be all of it.
     */
    public static String governmentId(String governmentId) {
        int keep = governmentId.length() > 2 ? 2 : 0;
        return "*".repeat(governmentId.length() - keep) + governmentId.substring(governmentId.length() - keep);
    }

    /**
     * The local part replaced by {@code ***}, whatever its length; the domain kept: {@code johndoe@kanastra.com.br} →
     * {@code ***@kanastra.com.br}. A value without {@code @} (an invalid address) is hidden whole.
     */
    public static String email(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? HIDDEN_LOCAL_PART : HIDDEN_LOCAL_PART + address.substring(at);
    }

    /** Several addresses, each masked, separated by {@code ", "}. */
    public static String emails(Collection<String> addresses) {
        return addresses.stream().map(Masked::email).collect(Collectors.joining(", "));
    }

    /** Free text with every address in it masked as {@link #email(String)} does, e.g. an SMTP server's refusal. */
    public static String emailsIn(String text) {
        return text.indexOf('@') < 0 ? text : ADDRESS_IN_TEXT.matcher(text).replaceAll(HIDDEN_LOCAL_PART + "@$1");
    }
}
