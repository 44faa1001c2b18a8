package dev.quitto.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only resource with one visible effect per request: a row in {@code test_idempotency_thing} (the tests
 * create the table). A request may ask to be held at {@link HeldRequests}, or to fail its first attempt with 500.
 */
@RestController
class IdempotentThingsController {

    static final String THINGS = "/api/v1/test/idempotency/things";
    static final String LATER_THINGS = "/api/v1/test/idempotency/later-things";
    static final String UPLOADED_THINGS = "/api/v1/test/uploads/things";

    private final JdbcClient jdbc;
    private final HeldRequests held;
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    IdempotentThingsController(JdbcClient jdbc, HeldRequests held) {
        this.jdbc = jdbc;
        this.held = held;
    }

    /** Only {@code name} is required; {@code hold} and {@code failFirstAttempt} default to false. */
    record ThingRequest(@NotBlank String name, @Nullable Boolean hold, @Nullable Boolean failFirstAttempt) {

        boolean held() {
            return Boolean.TRUE.equals(hold);
        }

        boolean failsFirstAttempt() {
            return Boolean.TRUE.equals(failFirstAttempt);
        }
    }

    record ThingView(long id, String name) {
    }

    @PostMapping(path = {THINGS, UPLOADED_THINGS}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ThingView> create(@Valid @RequestBody ThingRequest request) throws InterruptedException {
        if (request.held()) {
            held.hold();
        }
        if (request.failsFirstAttempt() && failedOnce.add(request.name())) {
            throw new IllegalStateException("The first attempt for " + request.name() + " fails on purpose");
        }
        return created(request.name());
    }

    @PostMapping(path = THINGS, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<ThingView> createFromForm(@RequestParam String name) {
        return created(name);
    }

    @PostMapping(path = THINGS, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ThingView> createFromMultipart(@RequestParam String name) {
        return created(name);
    }

    @PostMapping(path = LATER_THINGS, consumes = MediaType.APPLICATION_JSON_VALUE)
    Callable<ResponseEntity<ThingView>> createLater(@Valid @RequestBody ThingRequest request) {
        return () -> created(request.name());
    }

    private ResponseEntity<ThingView> created(String name) {
        long id = jdbc.sql("insert into test_idempotency_thing (name) values (:name) returning id")
                .param("name", name)
                .query(Long.class).single();
        return ResponseEntity.created(URI.create(THINGS + "/" + id)).body(new ThingView(id, name));
    }
}
