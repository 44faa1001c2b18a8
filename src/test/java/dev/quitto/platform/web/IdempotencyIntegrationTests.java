package dev.quitto.platform.web;

import static dev.quitto.platform.web.IdempotentThingsController.LATER_THINGS;
import static dev.quitto.platform.web.IdempotentThingsController.THINGS;
import static dev.quitto.platform.web.IdempotentThingsController.UPLOADED_THINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.IdempotencyRecords.Claim;
import dev.quitto.platform.web.IdempotencyRecords.StoredResponse;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@QuittoIntegrationTest
class IdempotencyIntegrationTests {

    private static final String PASSWORD = "idempotent-pass";
    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    TestClock clock;

    @Autowired
    HeldRequests held;

    @Autowired
    MeterRegistry meters;

    @Autowired
    IdempotencyRecords records;

    @Autowired
    IdempotencySettings settings;

    private String caller;

    @BeforeEach
    void setUp() {
        jdbc.sql("create table if not exists test_idempotency_thing (id bigint generated always as identity primary key, name text not null)")
                .update();
        held.close();
        caller = createUser();
    }

    @AfterEach
    void tearDown() {
        held.release();
        clock.reset();
    }

    @Test
    void replaysTheStoredResponseForTheSameKeyAndBody() {
        String name = newName();
        String key = newKey();

        Http.Response first = post(caller, key, thing(name));
        Http.Response repeat = post(caller, key, thing(name));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Location")).isNotNull().isEqualTo(first.header("Location"));
        assertThat(repeat.contentType()).isEqualTo(first.contentType());
        assertThat(repeat.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(thingsNamed(name)).isOne();
    }

    @Test
    void refusesTheSameKeyWithADifferentBodyWith422() {
        String key = newKey();
        String otherName = newName();
        post(caller, key, thing(newName()));

        Http.Response reused = post(caller, key, thing(otherName));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith(PROBLEM_JSON);
        assertThat(reused.json().get("code").asString()).isEqualTo("idempotency-key-reused");
        assertThat(thingsNamed(otherName)).isZero();
    }

    @Test
    void refusesTheSameKeyOnAnotherPathWith422() {
        String name = newName();
        String key = newKey();
        post(caller, key, thing(name));

        Http.Response reused = Http.on(port).basic(caller, PASSWORD).header(IdempotencyFilter.HEADER, key).post(THINGS + "?copy=1", thing(name));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asString()).isEqualTo("idempotency-key-reused");
        assertThat(thingsNamed(name)).isOne();
    }

    @Test
    void keepsTheSameKeyOfDifferentCallersApart() {
        String otherCaller = createUser();
        String name = newName();
        String key = newKey();

        Http.Response mine = post(caller, key, thing(name));
        Http.Response theirs = post(otherCaller, key, thing(name));

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(id(theirs)).isNotEqualTo(id(mine));
        assertThat(thingsNamed(name)).isEqualTo(2);
    }

    static Stream<Named<byte[]>> invalidKeys() {
        return Stream.of(
                Named.of("empty", new byte[0]),
                Named.of("256 characters", "k".repeat(256).getBytes(StandardCharsets.US_ASCII)),
                Named.of("non-ASCII (é sent as UTF-8)", "cl\u00e9".getBytes(StandardCharsets.UTF_8)),
                Named.of("a control character (tab)", "a\tb".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidKeys")
    void refusesAnInvalidKeyWith400NamingTheHeader(byte[] key) throws IOException {
        String name = newName();

        RawResponse refused = rawPost(caller, key, thing(name));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith(PROBLEM_JSON);
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid-idempotency-key");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(thingsNamed(name)).isZero();
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWith413() {
        byte[] oversized = ("{\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + THINGS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)));

        Http.Response refused = Http.on(port).basic(caller, PASSWORD).header(IdempotencyFilter.HEADER, newKey()).send(chunked);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith(PROBLEM_JSON);
        assertThat(refused.json().get("code").asString()).isEqualTo("payload-too-large");
    }

    @Test
    void acceptsAKeyOf255PrintableCharacters() {
        String key = "~ Key! " + "x".repeat(248);
        String name = newName();

        Http.Response first = post(caller, key, thing(name));
        Http.Response repeat = post(caller, key, thing(name));

        assertThat(key).hasSize(255);
        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(thingsNamed(name)).isOne();
    }

    @Test
    void createsOneThingForTwentyConcurrentRequestsWithOneKey() throws Exception {
        String name = newName();
        String key = newKey();
        String body = heldThing(name);
        CountDownLatch start = new CountDownLatch(1);

        List<Http.Response> responses;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> sent = IntStream.range(0, 20).mapToObj(i -> threads.submit(() -> {
                start.await();
                return post(caller, key, body);
            })).toList();
            start.countDown();
            await().atMost(Duration.ofSeconds(25)).until(() -> held.arrived() == 1 && waiting() == 19);
            held.release();
            responses = sent.stream().map(IdempotencyIntegrationTests::result).toList();
        }

        assertThat(responses).extracting(Http.Response::status).containsOnly(201);
        assertThat(responses).extracting(IdempotencyIntegrationTests::id).containsOnly(id(responses.getFirst()));
        assertThat(responses).filteredOn(response -> "true".equals(response.header(IdempotencyFilter.REPLAYED))).hasSize(19);
        assertThat(thingsNamed(name)).isOne();
    }

    @Test
    void answers409WithRetryAfterWhenTheFirstRequestStillRunsAfterTheWait() throws Exception {
        String name = newName();
        String key = newKey();
        CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> post(caller, key, heldThing(name)));
        await().atMost(Duration.ofSeconds(10)).until(() -> held.arrived() == 1);
        CompletableFuture<Http.Response> repeat = CompletableFuture.supplyAsync(() -> post(caller, key, heldThing(name)));
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);

        clock.advance(settings.waitForFirst().plusSeconds(1));
        Http.Response refused = repeat.get(10, TimeUnit.SECONDS);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith(PROBLEM_JSON);
        assertThat(refused.json().get("code").asString()).isEqualTo("idempotency-request-in-progress");
        assertThat(refused.header("Retry-After")).isNotBlank();
        held.release();
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(post(caller, key, heldThing(name)).header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(thingsNamed(name)).isOne();
    }

    @Test
    void takesOverAClaimWhoseLeaseRanOut() {
        String name = newName();
        String key = newKey();
        Claim abandoned = new Claim(caller, key, IdempotencyFilter.fingerprint("POST", THINGS, thing(name).getBytes(StandardCharsets.UTF_8)),
                UUID.randomUUID());
        assertThat(records.claim(abandoned)).isTrue();

        clock.advance(settings.lease().plusSeconds(1));
        Http.Response takenOver = post(caller, key, thing(name));

        assertThat(takenOver.status()).isEqualTo(201);
        assertThat(takenOver.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(records.complete(abandoned, new StoredResponse(201, Map.of(), new byte[0]))).isFalse();
        assertThat(id(post(caller, key, thing(name)))).isEqualTo(id(takenOver));
        assertThat(thingsNamed(name)).isOne();
    }

    @Test
    void releasesTheKeyWhenTheFirstAttemptFailsSoARetrySucceeds() {
        String name = newName();
        String key = newKey();
        String body = "{\"name\":\"" + name + "\",\"failFirstAttempt\":true}";

        Http.Response failed = post(caller, key, body);
        Http.Response retried = post(caller, key, body);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(post(caller, key, body).header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(thingsNamed(name)).isOne();
    }

    @Test
    void replaysAStoredClientError() {
        String key = newKey();
        String blankName = "{\"name\":\"\"}";

        Http.Response first = post(caller, key, blankName);
        Http.Response repeat = post(caller, key, blankName);

        assertThat(first.status()).isEqualTo(400);
        assertThat(repeat.status()).isEqualTo(400);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.contentType()).startsWith(PROBLEM_JSON);
        assertThat(repeat.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    }

    @Test
    void treatsAnExpiredRecordAsNew() {
        String name = newName();
        String key = newKey();
        Http.Response first = post(caller, key, thing(name));

        clock.advance(Duration.ofHours(25));
        Http.Response later = post(caller, key, thing(name));

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(id(later)).isNotEqualTo(id(first));
        assertThat(thingsNamed(name)).isEqualTo(2);
    }

    @Test
    void purgesOnlyExpiredRecords() {
        String oldKey = newKey();
        String newKey = newKey();
        post(caller, oldKey, thing(newName()));
        clock.advance(Duration.ofHours(25));
        post(caller, newKey, thing(newName()));

        int purged = records.purgeExpired();

        assertThat(purged).isPositive();
        assertThat(recordsOf(caller, oldKey)).isZero();
        assertThat(recordsOf(caller, newKey)).isOne();
    }

    @Test
    void schedulesThePurgeHourlyAtMinuteSevenAsARecurringJob() {
        OffsetDateTime next = jdbc.sql("select execution_time from scheduled_tasks where task_name = 'platform-idempotency-purge'")
                .query(OffsetDateTime.class).single();

        assertThat(settings.purgeCron()).isEqualTo("0 7 * * * *");
        assertThat(next.atZoneSameInstant(BusinessTime.ZONE).getMinute()).isEqualTo(7);
        assertThat(next.getSecond()).isZero();
    }

    @Test
    void leavesRequestsWithoutTheKeyAlone() {
        String name = newName();
        Http http = Http.on(port).basic(caller, PASSWORD);

        Http.Response first = http.post(THINGS, thing(name));
        Http.Response second = http.post(THINGS, thing(name));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(id(second)).isNotEqualTo(id(first));
        assertThat(thingsNamed(name)).isEqualTo(2);
    }

    @Test
    void neverStoresIssuedTokens() {
        String key = newKey();
        Http http = Http.on(port).header(IdempotencyFilter.HEADER, key);
        String login = "{\"username\":\"user\",\"password\":\"password\"}";

        Http.Response first = http.post("/api/token/", login);
        Http.Response second = http.post("/api/token/", login);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(second.json().get("access").asString()).isNotEqualTo(first.json().get("access").asString());
        assertThat(jdbc.sql("select count(*) from platform_idempotency where idem_key = :key").param("key", key)
                .query(Long.class).single()).isZero();
    }

    @Test
    void leavesUploadPathsAlone() {
        String name = newName();
        String key = newKey();
        Http http = Http.on(port).basic(caller, PASSWORD).header(IdempotencyFilter.HEADER, key);

        Http.Response first = http.post(UPLOADED_THINGS, thing(name));
        Http.Response second = http.post(UPLOADED_THINGS, thing(name));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(thingsNamed(name)).isEqualTo(2);
    }

    @Test
    void leavesMultipartRequestsAlone() {
        String name = newName();
        String multipart = "--quitto\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name + "\r\n--quitto--\r\n";
        Http http = Http.on(port).basic(caller, PASSWORD).header(IdempotencyFilter.HEADER, newKey())
                .header("Content-Type", "multipart/form-data; boundary=quitto");

        Http.Response first = http.post(THINGS, multipart);
        Http.Response second = http.post(THINGS, multipart);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(thingsNamed(name)).isEqualTo(2);
    }

    @Test
    void replaysAFormPostWhoseParametersStayReadable() {
        String name = newName();
        Http http = Http.on(port).basic(caller, PASSWORD).header(IdempotencyFilter.HEADER, newKey())
                .header("Content-Type", "application/x-www-form-urlencoded");

        Http.Response first = http.post(THINGS, "name=" + name);
        Http.Response repeat = http.post(THINGS, "name=" + name);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("name").asString()).isEqualTo(name);
        assertThat(repeat.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(id(repeat)).isEqualTo(id(first));
        assertThat(thingsNamed(name)).isOne();
    }

    @Test
    void replaysTheResponseOfAnAsynchronousHandler() {
        String name = newName();
        Http http = Http.on(port).basic(caller, PASSWORD).header(IdempotencyFilter.HEADER, newKey());

        Http.Response first = http.post(LATER_THINGS, thing(name));
        Http.Response repeat = http.post(LATER_THINGS, thing(name));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("name").asString()).isEqualTo(name);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(thingsNamed(name)).isOne();
    }

    private Http.Response post(String login, String key, String body) {
        return Http.on(port).basic(login, PASSWORD).header(IdempotencyFilter.HEADER, key).post(THINGS, body);
    }

    /** Sends the key's bytes as they are (the JDK client would turn non-ASCII into '?'); HTTP/1.0, so the body is not chunked. */
    private RawResponse rawPost(String login, byte[] key, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String credentials = Base64.getEncoder().encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST " + THINGS + " HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Basic " + credentials + "\r\nContent-Length: " + bytes.length + "\r\n"
                + IdempotencyFilter.HEADER + ": ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(key);
        request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(bytes);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toByteArray());
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int headEnd = response.indexOf("\r\n\r\n");
            String contentType = response.substring(0, headEnd).lines()
                    .filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).trim()).findFirst().orElse("");
            return new RawResponse(Integer.parseInt(response.substring(9, 12)), contentType, response.substring(headEnd + 4));
        }
    }

    private record RawResponse(int status, String contentType, String body) {

        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }
    }

    private String createUser() {
        String login = "idem-" + UUID.randomUUID().toString().substring(0, 13);
        long id = jdbc.sql("""
                        insert into platform_user (username, first_name, password_hash, active, created_at)
                        values (:login, 'Idempotency', :hash, true, :now) returning id
                        """)
                .param("login", login)
                .param("hash", encoder.encode(PASSWORD))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
        jdbc.sql("insert into platform_user_role (user_id, role) values (:id, :role)")
                .param("id", id).param("role", Role.OPERATOR.name()).update();
        return login;
    }

    private long thingsNamed(String name) {
        return jdbc.sql("select count(*) from test_idempotency_thing where name = :name").param("name", name).query(Long.class).single();
    }

    private long recordsOf(String scope, String key) {
        return jdbc.sql("select count(*) from platform_idempotency where scope = :scope and idem_key = :key")
                .param("scope", scope).param("key", key).query(Long.class).single();
    }

    private double waiting() {
        return meters.get("quitto.web.idempotency.waiting").gauge().value();
    }

    private static long id(Http.Response response) {
        return response.json().get("id").asLong();
    }

    private static Http.Response result(Future<Http.Response> response) {
        try {
            return response.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("A concurrent request did not complete", e);
        }
    }

    private static String thing(String name) {
        return "{\"name\":\"" + name + "\"}";
    }

    private static String heldThing(String name) {
        return "{\"name\":\"" + name + "\",\"hold\":true}";
    }

    private static String newName() {
        return "thing-" + UUID.randomUUID();
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }
}
