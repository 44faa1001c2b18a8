package dev.quitto.platform.mail.internal;

import java.util.concurrent.TimeUnit;

/**
 * Elapsed time for the throttle: the monotonic clock, and a wait on it. The application declares no bean of this
 * type and uses {@link #SYSTEM}; a test that declares one moves the throttle's time by hand.
 */
interface Ticker {

    Ticker SYSTEM = new Ticker() {

        @Override
        public long read() {
            return System.nanoTime();
        }

        @Override
        public void await(Object monitor, long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
        }
    };

    /** Nanoseconds from an arbitrary origin. */
    long read();

    /** Waits on {@code monitor}, which the caller holds, for up to {@code nanos} or until notified. */
    void await(Object monitor, long nanos) throws InterruptedException;
}
