package dev.quitto.platform.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** A gate tests close in front of {@link IdempotentThingsController}: a held request runs only once the test opens it. */
@Component
class HeldRequests {

    private final AtomicInteger arrived = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(1);

    void hold() throws InterruptedException {
        arrived.incrementAndGet();
        if (!gate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The test never released this held request");
        }
    }

    void close() {
        gate = new CountDownLatch(1);
        arrived.set(0);
    }

    void release() {
        gate.countDown();
    }

    int arrived() {
        return arrived.get();
    }
}
