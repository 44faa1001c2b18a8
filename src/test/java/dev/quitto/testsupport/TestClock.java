package dev.quitto.testsupport;

import dev.quitto.platform.time.BusinessTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A clock tests freeze and move; it starts at {@link #START} (a Sunday noon in Sao Paulo). */
public final class TestClock extends Clock {

    public static final Instant START = ZonedDateTime.of(2026, 11, 22, 12, 0, 0, 0, BusinessTime.ZONE).toInstant();

    private volatile Instant now = START;

    @Override
    public ZoneId getZone() {
        return BusinessTime.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void reset() {
        now = START;
    }
}
