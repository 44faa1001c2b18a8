package dev.quitto.platform.mail.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A token bucket on the monotonic clock (a throttle measures elapsed time, not business time): {@code rate}
 * tokens a second, holding at most a tenth of a second's worth (at least one). A bucket that held a whole second's
 * worth would let twice the rate go out within one second after an idle spell (billing.md 9, item 30: at 10 a second,
 * 50 messages take at least 4.9 s); a tenth of a second still lets a dispatcher send its claims in batches.
 */
final class TokenBucket {

    private final Ticker ticker;
    private final long capacity;
    private final long nanosPerToken;
    private long tokens;
    private long lastRefill;

    TokenBucket(int ratePerSecond, Ticker ticker) {
        this.ticker = ticker;
        this.capacity = Math.max(1, ratePerSecond / 10);
        this.nanosPerToken = Math.max(1, TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
        this.tokens = capacity;
        this.lastRefill = ticker.read();
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
            long waitNanos = Math.max(1, nanosPerToken - (ticker.read() - lastRefill));
            ticker.await(this, Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(250)));
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
        long now = ticker.read();
        long earned = (now - lastRefill) / nanosPerToken;
        if (earned > 0) {
            tokens = Math.min(capacity, tokens + earned);
            lastRefill = tokens == capacity ? now : lastRefill + earned * nanosPerToken;
        }
    }
}
