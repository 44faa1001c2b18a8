package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.payment.AnticipationState;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A request's status; the seed's codes are PC, A and D. */
public enum AnticipationStatus {
    PENDING("PC"), APPROVED("A"), DENIED("D");

    private final String code;

    AnticipationStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public AnticipationState asPaymentState() {
        return AnticipationState.valueOf(name());
    }

    /** By code ({@code PC}) or name ({@code PENDING}), case-insensitively. */
    public static Optional<AnticipationStatus> parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.code.equals(upper) || s.name().equals(upper)).findFirst();
    }
}
