package dev.quitto.platform.mail.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The throttle's time under a test's control: it stands still, and a wait on it passes at once by moving it forward by
 * the time waited. Declared as a bean of an instance, it replaces the monotonic clock of that instance's mail throttle,
 * so the throttle's delays can be counted without waiting for them. {@link #clock} shows the same time as a {@link Clock}.
 */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public void await(Object monitor, long nanos) {
        this.nanos.addAndGet(nanos);
    }

    /** A clock at {@code start} plus the time this ticker has moved. */
    public Clock clock(Instant start, ZoneId zone) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return clock(start, other);
            }

            @Override
            public Instant instant() {
                return start.plusNanos(nanos.get());
            }
        };
    }
}
