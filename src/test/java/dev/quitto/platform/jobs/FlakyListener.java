package dev.quitto.platform.jobs;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Test only: a module listener that fails the first {@code failures} times it is handed an event, then succeeds. */
@Component
public class FlakyListener {

    /** Published by tests; {@code failures} of {@link Integer#MAX_VALUE} means the listener never succeeds. */
    public record SomethingHappened(UUID id, int failures) {
    }

    private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();

    @ApplicationModuleListener
    void on(SomethingHappened event) {
        int call = calls.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        if (call <= event.failures()) {
            throw new IllegalStateException("Planned failure " + call + " of " + event.id());
        }
    }

    public int calls(UUID id) {
        AtomicInteger count = calls.get(id);
        return count == null ? 0 : count.get();
    }
}
