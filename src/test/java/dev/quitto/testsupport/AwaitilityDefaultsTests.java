package dev.quitto.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fails, as CI of 2026-12-03 did, when {@link AwaitilityDefaults} is not registered as a launcher session listener. */
class AwaitilityDefaultsTests {

    @Test
    void anExceptionAnotherThreadLeavesUncaughtDoesNotFailAnAwaitOnSomethingElse() {
        CountDownLatch awaiting = new CountDownLatch(1);
        Thread connectionHandler = new Thread(() -> {
            try {
                awaiting.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Unexpected error handling connection (thrown on purpose by this test)");
        });
        connectionHandler.start();
        AtomicInteger pollsAfterTheThreadDied = new AtomicInteger();

        // The thread throws once the await is polling; the await goes on for a few polls after the thread died.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            awaiting.countDown();
            return connectionHandler.getState() == Thread.State.TERMINATED && pollsAfterTheThreadDied.incrementAndGet() > 3;
        });
    }
}
