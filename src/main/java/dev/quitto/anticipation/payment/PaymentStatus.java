package dev.quitto.anticipation.payment;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The bucket of a payment, never stored: derived from its anticipation state and due date against today. The
 * five buckets partition the payments.
 */
public enum PaymentStatus {
    AVAILABLE("A"), UNAVAILABLE("U"), PENDING_CONFIRMATION("PC"), ANTICIPATED("AN"), DENIED("D");

    private final String code;

    PaymentStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static PaymentStatus of(AnticipationState state, LocalDate dueDate, LocalDate today) {
        boolean due = !dueDate.isAfter(today);
        return switch (state) {
            case NONE -> due ? UNAVAILABLE : AVAILABLE;
            case PENDING -> due ? UNAVAILABLE : PENDING_CONFIRMATION;
            case APPROVED -> ANTICIPATED;
            case DENIED -> DENIED;
        };
    }

    /** By code ({@code PC}) or name ({@code PENDING_CONFIRMATION}), case-insensitively. */
    public static Optional<PaymentStatus> parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.code.equals(upper) || s.name().equals(upper)).findFirst();
    }

    /** May a request be made now: the payment is not due and has no open request. */
    public static boolean canRequestAnticipation(AnticipationState state, LocalDate dueDate, LocalDate today) {
        return dueDate.isAfter(today) && (state == AnticipationState.NONE || state == AnticipationState.DENIED);
    }
}
