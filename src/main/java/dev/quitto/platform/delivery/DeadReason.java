package dev.quitto.platform.delivery;

import java.util.regex.Pattern;

/**
 * Why a delivery was given up: {@link #REJECTED} (a 4xx or 3xx answer), {@link #EXPIRED} (still undelivered at its
 * give-up time), {@link #MAX_ATTEMPTS} (a destination's attempt limit reached), or a name a destination gives a status
 * of its own ({@code quitto.delivery.destinations.<name>.dead-reason-by-status}, e.g. finance's 409 is
 * {@code AMOUNT_CONFLICT}).
 */
public record DeadReason(String name) {

    private static final Pattern FORM = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    public static final DeadReason REJECTED = new DeadReason("REJECTED");
    public static final DeadReason EXPIRED = new DeadReason("EXPIRED");
    public static final DeadReason MAX_ATTEMPTS = new DeadReason("MAX_ATTEMPTS");

    public DeadReason {
        if (!FORM.matcher(name).matches()) {
            throw new IllegalArgumentException("A dead reason is 1 to 40 of A-Z, 0-9 and _, starting with a letter: " + name);
        }
    }

    public static DeadReason of(String name) {
        return new DeadReason(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
