package dev.quitto.platform.mail.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A token bucket on the monotonic clock (a throttle measures elapsed time, not business time): {@code rate}
 * tokens a second, holding at most one second's worth.
 */
final class TokenBucket {

    private final long capacity;
    private final long nanosPerToken;
    private long tokens;
    private long lastRefill;

    TokenBucket(int ratePerSecond) {
        this.capacity = Math.max(1, ratePerSecond);
        this.nanosPerToken = Math.max(1, TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
        this.tokens = capacity;
        this.lastRefill = System.nanoTime();
    }

    /** Takes between 1 and {@code wanted} tokens, waiting for the first; returns 0 once {@code keepWaiting} says stop. */
    synchronized int take(int wanted, BooleanSupplier keepWaiting) throws InterruptedException {
        while (keepWaiting.getAsBoolean()) {
            refill();
            if (tokens > 0) {
                int taken = (int) Math.min(wanted, tokens);
                tokens -= taken;
                return taken;
            }
            long waitNanos = Math.max(1, nanosPerToken - (System.nanoTime() - lastRefill));
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(250)));
        }
        return 0;
    }

    /** Gives back tokens taken but not used. */
    synchronized void giveBack(int unused) {
        if (unused > 0) {
            tokens = Math.min(capacity, tokens + unused);
            notifyAll();
        }
    }

    private void refill() {
        long now = System.nanoTime();
        long earned = (now - lastRefill) / nanosPerToken;
        if (earned > 0) {
            tokens = Math.min(capacity, tokens + earned);
            lastRefill = tokens == capacity ? now : lastRefill + earned * nanosPerToken;
        }
    }
}
