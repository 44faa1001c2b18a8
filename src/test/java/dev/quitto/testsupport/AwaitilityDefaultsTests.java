package dev.quitto.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fails, as CI of 2026-12-03 did, when {@link AwaitilityDefaults} is not registered as a launcher session listener. */
class AwaitilityDefaultsTests {

    @Test
    void anExceptionAnotherThreadLeavesUncaughtDoesNotFailAnAwaitOnSomethingElse() {
        Thread connectionHandler = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Unexpected error handling connection (thrown on purpose by this test)");
        });
        long startedAt = System.nanoTime();
        connectionHandler.start();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> System.nanoTime() - startedAt > Duration.ofMillis(500).toNanos());
    }
}
