package dev.quitto.cashback.simulator;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The challenge's cashback API, in memory (cashback.md 3, "Provider simulator"): {@code POST …/cashback} answers 201
 * with {@code createdAt}, message, id and the echoed document and cashback; a repeated {@code Idempotency-Key} gets
 * the original record and creates nothing. No authentication, like the API it mimics.
 */
@RestController
@RequestMapping(ProviderSimulator.BASE)
@ConditionalOnProperty(name = "quitto.cashback.simulator.enabled", havingValue = "true")
class ProviderSimulator {

    static final String BASE = "/api/v1/cashback/simulator";
    static final String CREATED = "Cashback criado com sucesso!";
    static final String QUOTA_FULL = "Max number of elements reached for this resource!";
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final JsonMapper json;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ObjectNode> byKey = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();
    private final List<ObjectNode> records = new ArrayList<>();
    private final List<String> waiting = new ArrayList<>();
    private volatile Faults faults = Faults.NONE;
    private RandomGenerator random = seeded(Faults.NONE.randomSeed());
    private long sequence;

    ProviderSimulator(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/cashback")
    ResponseEntity<String> cashback(@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                                    @RequestBody(required = false) @Nullable String body) throws InterruptedException {
        Faults now = faults;
        long wait = now.latencyMs() + (now.jitterMs() > 0 ? draw(now.jitterMs() + 1) : 0);
        if (wait > 0) {
            String waiting = key == null ? "" : key;
            changeWaiting(waiting, true);
            try {
                Thread.sleep(wait);
            } finally {
                changeWaiting(waiting, false);
            }
        }
        Decision decision = decide(now);
        Instant at = clock.instant();
        @Nullable ObjectNode record = decision == Decision.CREATE || decision == Decision.LOSE_REPLY ? create(key, body, at, now) : null;
        ResponseEntity<String> answer = switch (decision) {
            case QUOTA_FULL -> json(HttpStatus.BAD_REQUEST, json.writeValueAsString(QUOTA_FULL));
            case RATE_LIMITED -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(now.retryAfterSeconds()))
                    .contentType(MediaType.APPLICATION_JSON).body("{\"error\":\"Too many requests\"}");
            case ERROR -> json(HttpStatus.valueOf(now.errorStatus()), "{\"error\":\"Simulated failure\"}");
            case CREATE, LOSE_REPLY -> json(HttpStatus.CREATED, json.writeValueAsString(record));
        };
        lock.lock();
        try {
            received.add(new Received(received.size() + 1, MILLIS.format(at), key, body, answer.getStatusCode().value(),
                    record == null ? null : record.get("id").asString()));
        } finally {
            lock.unlock();
        }
        if (decision == Decision.LOSE_REPLY) {
            Thread.sleep(now.lostReplyDelayMs());
        }
        return answer;
    }

    /** Requests held by the injected latency, by Idempotency-Key ("" without one): they arrived and are not answered yet. */
    private void changeWaiting(String key, boolean arrived) {
        lock.lock();
        try {
            if (arrived) {
                waiting.add(key);
            } else {
                waiting.remove(key);
            }
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode create(@Nullable String key, @Nullable String body, Instant at, Faults now) {
        lock.lock();
        try {
            if (key != null && byKey.containsKey(key)) {
                return byKey.get(key);
            }
            JsonNode sent = read(body);
            ObjectNode record = json.createObjectNode();
            record.put("createdAt", MILLIS.format(at.truncatedTo(ChronoUnit.MILLIS)));
            record.put("message", CREATED);
            sequence++;
            record.put("id", "NAN".equals(now.idMode()) ? "NaN" : Long.toString(sequence));
            record.set("document", sent.get("document") == null ? json.nullNode() : sent.get("document"));
            record.set("cashback", sent.get("cashback") == null ? json.nullNode() : sent.get("cashback"));
            records.add(record);
            if (key != null) {
                byKey.put(key, record);
            }
            return record;
        } finally {
            lock.unlock();
        }
    }

    private JsonNode read(@Nullable String body) {
        try {
            JsonNode node = body == null ? null : json.readTree(body);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    private Decision decide(Faults now) {
        if (now.quotaFull()) {
            return Decision.QUOTA_FULL;
        }
        if (hit(now.rateLimitRate())) {
            return Decision.RATE_LIMITED;
        }
        if (hit(now.errorRate())) {
            return Decision.ERROR;
        }
        return hit(now.lostReplyRate()) ? Decision.LOSE_REPLY : Decision.CREATE;
    }

    private boolean hit(BigDecimal rate) {
        if (rate.signum() <= 0) {
            return false;
        }
        return BigDecimal.valueOf(draw(1_000_000)).compareTo(rate.movePointRight(6)) < 0;
    }

    private long draw(long bound) {
        lock.lock();
        try {
            return random.nextLong(bound);
        } finally {
            lock.unlock();
        }
    }

    @GetMapping("/faults")
    Faults faults() {
        return faults;
    }

    /** Replaces the faults (members left out keep their defaults) and re-seeds the generator. */
    @PutMapping("/faults")
    Faults replaceFaults(@RequestBody(required = false) @Nullable String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInput("faults", "must be a JSON object", "INVALID_FAULTS");
        }
        if (!node.isObject()) {
            throw new InvalidInput("faults", "must be a JSON object", "INVALID_FAULTS");
        }
        List<FieldViolation> violations = new ArrayList<>();
        Faults d = Faults.NONE;
        Faults next = new Faults(longOf(node, "latencyMs", d.latencyMs(), 0, 600_000, violations), longOf(node, "jitterMs", d.jitterMs(), 0, 600_000, violations),
                rateOf(node, "errorRate", violations), (int) longOf(node, "errorStatus", d.errorStatus(), 400, 599, violations),
                rateOf(node, "rateLimitRate", violations), longOf(node, "retryAfterSeconds", d.retryAfterSeconds(), 0, 86_400, violations),
                node.path("quotaFull").asBoolean(false), idMode(node, violations), longOf(node, "randomSeed", d.randomSeed(), Long.MIN_VALUE, Long.MAX_VALUE, violations),
                rateOf(node, "lostReplyRate", violations), longOf(node, "lostReplyDelayMs", d.lostReplyDelayMs(), 0, 600_000, violations));
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        lock.lock();
        try {
            faults = next;
            random = seeded(next.randomSeed());
        } finally {
            lock.unlock();
        }
        return next;
    }

    @GetMapping("/received")
    Map<String, Object> received() {
        lock.lock();
        try {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("count", received.size());
            view.put("records", records.size());
            view.put("waiting", List.copyOf(waiting));
            view.put("received", List.copyOf(received));
            return view;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets everything received and every record; ids start again at 1. */
    @DeleteMapping("/received")
    ResponseEntity<Void> reset() {
        lock.lock();
        try {
            received.clear();
            records.clear();
            byKey.clear();
            sequence = 0;
        } finally {
            lock.unlock();
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<String> json(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private static long longOf(JsonNode node, String name, long fallback, long min, long max, List<FieldViolation> violations) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            violations.add(new FieldViolation(name, "must be an integer from " + min + " to " + max, "INVALID_FAULT"));
            return fallback;
        }
        return value.longValue();
    }

    private static BigDecimal rateOf(JsonNode node, String name, List<FieldViolation> violations) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return BigDecimal.ZERO;
        }
        BigDecimal rate = value.isNumber() ? value.decimalValue() : null;
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            violations.add(new FieldViolation(name, "must be a number from 0 to 1", "INVALID_FAULT"));
            return BigDecimal.ZERO;
        }
        return rate;
    }

    private static String idMode(JsonNode node, List<FieldViolation> violations) {
        String mode = node.path("idMode").asString("SEQUENCE");
        if (!mode.equals("SEQUENCE") && !mode.equals("NAN")) {
            violations.add(new FieldViolation("idMode", "must be SEQUENCE or NAN", "INVALID_FAULT"));
            return "SEQUENCE";
        }
        return mode;
    }

    enum Decision { QUOTA_FULL, RATE_LIMITED, ERROR, CREATE, LOSE_REPLY }

    /** One request as received, with the id of the record its answer carried (null when it answered an error). */
    record Received(int no, String at, @Nullable String idempotencyKey, @Nullable String body, int status, @Nullable String recordId) {
    }
}
