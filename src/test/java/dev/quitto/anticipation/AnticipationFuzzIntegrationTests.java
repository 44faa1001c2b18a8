package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * F21's fuzz pass: a few thousand requests of random JSON (random types, deep nesting, huge numbers, unicode, NUL,
 * nulls, arrays instead of objects, very long strings, invalid UTF-8, empty and truncated bodies), random query
 * parameters, path ids and content types, by every kind of caller, against every endpoint of the module on both
 * surfaces and with every method. The seed is fixed, so a failure names a request that can be replayed. No answer
 * may be a 5xx; every refusal keeps its surface's shape (problem+json on canonical paths, a JSON body on seed paths).
 * Numeric ids that may change rows are only this test's own, so other test classes' rows are never touched.
 */
@QuittoIntegrationTest
class AnticipationFuzzIntegrationTests {

    private static final long SEED = 20_261_203L;
    private static final int REQUESTS = 3_000;
    private static final String BASE = "/api/v1/anticipation";
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    private static final String[] FIELDS = {"payment", "new_due_date", "newDueDate", "status", "supplier", "supplierId", "supplier_id",
            "due_date", "dueDate", "value", "new_value", "id", "creation_date", "corporateName", "cnpj", "userId", "email", "firstName",
            "password", "operator", "admin", "active"};
    private static final String[] PARAMS = {"status", "page", "size", "supplierId", "paymentId", "anticipationId", "dueFrom", "dueTo",
            "expired", "action", "from", "to", "q", "email", "role", "active", "newDueDate"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json", "application/json; charset=UTF-8",
            "application/json; charset=ISO-8859-1", "application/merge-patch+json", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "???", "application/", "", "application/json;;;", "*/*"};

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    SeedFixture f;
    Http http;
    Random random;
    List<String> tokens;
    List<Long> payments;
    List<Long> anticipations;
    List<Long> suppliers;
    List<Long> fuzzUsers;

    /** One endpoint: its usual method, a path with {@code {payment}}, {@code {anticipation}}, {@code {supplier}} or {@code {user}}, and the surface. */
    record Endpoint(String method, String path, boolean canonical) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/token/", false),
            new Endpoint("POST", "/api/token/refresh/", false),
            new Endpoint("GET", "/api/payments/", false),
            new Endpoint("POST", "/api/payments/", false),
            new Endpoint("POST", "/api/payments", false),
            new Endpoint("GET", "/api/payments/{payment}/", false),
            new Endpoint("GET", "/api/anticipations/", false),
            new Endpoint("POST", "/api/anticipations/", false),
            new Endpoint("GET", "/api/anticipations/{anticipation}/", false),
            new Endpoint("PATCH", "/api/anticipations/{anticipation}/", false),
            new Endpoint("PUT", "/api/anticipations/{anticipation}", false),
            new Endpoint("GET", "/api/logs/", false),
            new Endpoint("GET", BASE + "/payments", true),
            new Endpoint("POST", BASE + "/payments", true),
            new Endpoint("GET", BASE + "/payments/{payment}", true),
            new Endpoint("GET", BASE + "/payments/{payment}/anticipations", true),
            new Endpoint("POST", BASE + "/payments/{payment}/anticipations", true),
            new Endpoint("GET", BASE + "/payments/{payment}/anticipation-preview", true),
            new Endpoint("GET", BASE + "/anticipations", true),
            new Endpoint("GET", BASE + "/anticipations/{anticipation}", true),
            new Endpoint("POST", BASE + "/anticipations/{anticipation}/approve", true),
            new Endpoint("POST", BASE + "/anticipations/{anticipation}/deny", true),
            new Endpoint("GET", BASE + "/logs", true),
            new Endpoint("GET", BASE + "/suppliers", true),
            new Endpoint("GET", BASE + "/suppliers/{supplier}", true),
            new Endpoint("POST", BASE + "/admin/suppliers", true),
            new Endpoint("PATCH", BASE + "/admin/suppliers/{supplier}", true),
            new Endpoint("GET", BASE + "/admin/users", true),
            new Endpoint("GET", BASE + "/admin/users/{user}", true),
            new Endpoint("POST", BASE + "/admin/users", true),
            new Endpoint("PATCH", BASE + "/admin/users/{user}", true),
            new Endpoint("GET", BASE + "/me", true));

    @BeforeEach
    void setUp() {
        http = Http.on(port);
        f = SeedFixture.create(http, jdbc, users, clock);
        random = new Random(SEED);
        var admin = f.actor(users.createWithEmail(Role.ADMIN));
        tokens = List.of(f.operator.token(), f.supplier1.token(), f.supplier2.token(), admin.token(), f.common.token(), "garbage.token.here");
        payments = new ArrayList<>(List.of(f.payment1, f.payment2));
        for (int i = 0; i < 6; i++) {
            payments.add(f.payment(i % 2 == 0 ? f.supplier1.supplierId() : f.supplier2.supplierId(), f.today().plusDays(5 + i), (100 + i) + ".00"));
        }
        anticipations = new ArrayList<>();
        for (int i = 2; i < 6; i++) {
            anticipations.add(f.requestAnticipation(f.operator, payments.get(i), f.today().plusDays(1)));
        }
        suppliers = new ArrayList<>(List.of(f.supplier1.supplierId(), f.supplier2.supplierId()));
        fuzzUsers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fuzzUsers.add(users.createWithEmail().id());
        }
        fuzzUsers.add(f.supplier2.user().id());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void f21ThousandsOfRandomRequestsGetNoServerErrorAndKeepTheirSurfacesShape() {
        List<String> failures = new ArrayList<>();
        int[] byStatus = new int[600];
        for (int n = 0; n < REQUESTS; n++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            String method = random.nextInt(10) == 0 ? METHODS[random.nextInt(METHODS.length)] : endpoint.method();
            String path = path(endpoint.path()) + query();
            byte[] body = body();
            String contentType = random.nextInt(6) == 0 ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)] : "application/json";
            String token = tokens.get(random.nextInt(tokens.size()));
            String what = "#" + n + " " + method + " " + path + " [" + contentType + "] " + preview(body);
            Http.Response response;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, body.length == 0 && random.nextBoolean() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                if (!contentType.isEmpty()) {
                    request.header("Content-Type", contentType);
                }
                if (random.nextInt(30) == 0) {
                    request.header("Accept", random.nextBoolean() ? "text/html" : "application/xml");
                }
                response = http.bearer(token).send(request);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                failures.add(what + " -> " + e);
                continue;
            }
            byStatus[response.status()]++;
            if (response.status() >= 500) {
                failures.add(what + " -> " + response.status() + " " + response.body());
            } else if (response.status() >= 400 && !method.equals("HEAD") && response.status() != 406 && !rejectedByTheContainer(path)) {
                String shape = shapeProblem(endpoint, response);
                if (shape != null) {
                    failures.add(what + " -> " + response.status() + " " + shape + ": " + response.body());
                }
            }
        }
        assertThat(failures).as("requests answered with a 5xx or the wrong shape (seed %d)", SEED).isEmpty();
        assertThat(byStatus[200] + byStatus[201]).as("some requests succeed").isPositive();
        assertThat(byStatus[400]).as("some requests are refused as bad input").isPositive();
    }

    /** A NUL ({@code %00}) in the path: Tomcat refuses the URI with its own 400 page before the application sees it. */
    private static boolean rejectedByTheContainer(String path) {
        return path.split("\\?", 2)[0].contains("%00");
    }

    /** Why a refusal has the wrong shape for its surface, or {@code null}. */
    private static String shapeProblem(Endpoint endpoint, Http.Response response) {
        if (response.body() == null || response.body().isEmpty()) {
            return "no body";
        }
        try {
            response.json();
        } catch (RuntimeException e) {
            return "not JSON";
        }
        if (endpoint.canonical() && (response.contentType() == null || !response.contentType().startsWith("application/problem+json"))) {
            return "not problem+json";
        }
        return null;
    }

    private String path(String template) {
        return template.replace("{payment}", id(payments)).replace("{anticipation}", id(anticipations))
                .replace("{supplier}", id(suppliers)).replace("{user}", id(fuzzUsers));
    }

    /** One of this test's own ids, or an id that names nothing: never another test's row. */
    private String id(List<Long> own) {
        return switch (random.nextInt(12)) {
            case 0 -> "abc";
            case 1 -> "99999999999999999999";
            case 2 -> "-1";
            case 3 -> "0";
            case 4 -> "9" + (100_000_000_000L + random.nextInt(1_000_000));
            case 5 -> "%C3%A9";
            case 6 -> "1e3";
            case 7 -> "%00";
            default -> Long.toString(own.get(random.nextInt(own.size())));
        };
    }

    private String query() {
        if (random.nextInt(3) == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                query.append('&');
            }
            query.append(PARAMS[random.nextInt(PARAMS.length)]).append('=').append(URLEncoder.encode(scalarText(), StandardCharsets.UTF_8));
        }
        if (random.nextInt(20) == 0) {
            query.append("&%00=%FF&status=%E0%A4");
        }
        return query.toString();
    }

    /** A value as text for a query parameter or a path. */
    private String scalarText() {
        return switch (random.nextInt(14)) {
            case 0 -> "";
            case 1 -> Integer.toString(random.nextInt(3) - 1);
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "9".repeat(1 + random.nextInt(60));
            case 4 -> f.today().plusDays(random.nextInt(40) - 20).toString();
            case 5 -> "2024-02-30";
            case 6 -> new String[]{"A", "U", "PC", "AN", "D", "ALL", "pending", "APPROVED", "R", "x", "ADMIN", "SUPPLIER"}[random.nextInt(12)];
            case 7 -> random.nextBoolean() ? "true" : "false";
            case 8 -> "\u0000";
            case 9 -> "é\u202E𝄞日本";
            case 10 -> "1e400";
            case 11 -> "NaN";
            case 12 -> "x".repeat(random.nextInt(3000));
            default -> randomString(1 + random.nextInt(20));
        };
    }

    private byte[] body() {
        return switch (random.nextInt(20)) {
            case 0 -> new byte[0];
            case 1 -> invalidUtf8();
            case 2 -> deepNesting().getBytes(StandardCharsets.UTF_8);
            case 3 -> truncated(object(2)).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"value\": " + "9".repeat(1 + random.nextInt(5000)) + (random.nextBoolean() ? "e" + random.nextInt(99999) : "") + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"" + FIELDS[random.nextInt(FIELDS.length)] + "\": \"" + "é".repeat(random.nextInt(50_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 6, 7, 8 -> value(3).getBytes(StandardCharsets.UTF_8);
            default -> object(3).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** An object whose keys are mostly the module's field names, with random values. */
    private String object(int depth) {
        StringBuilder json = new StringBuilder("{");
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                json.append(',');
            }
            String key = random.nextInt(5) == 0 ? randomString(random.nextInt(8)) : FIELDS[random.nextInt(FIELDS.length)];
            json.append(quote(key)).append(':').append(fieldValue(depth));
        }
        return json.append('}').toString();
    }

    /** A plausible value (own ids, dates, statuses, money) or a random one. */
    private String fieldValue(int depth) {
        return switch (random.nextInt(8)) {
            case 0 -> Long.toString(payments.get(random.nextInt(payments.size())));
            case 1 -> quote(f.today().plusDays(random.nextInt(30) - 5).toString());
            case 2 -> quote(new String[]{"A", "D", "PC", "a", "E", ""}[random.nextInt(6)]);
            case 3 -> new String[]{"1000", "\"1000.00\"", "0.01", "-1", "1.005", "1e400", "\"NaN\"", "999999999.99", "1E-400", "-0.0"}[random.nextInt(10)];
            case 4 -> quote(scalarText());
            default -> value(depth);
        };
    }

    /** Any JSON value. */
    private String value(int depth) {
        int kind = random.nextInt(depth <= 0 ? 7 : 9);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> (random.nextBoolean() ? "-" : "") + "1" + "0".repeat(random.nextInt(400));
            case 4 -> random.nextInt(1000) + "." + random.nextInt(100000) + (random.nextBoolean() ? "e" + (random.nextInt(800) - 400) : "");
            case 5 -> quote(randomString(random.nextInt(40)));
            case 6 -> random.nextBoolean() ? "\"\\u0000\"" : "\"\\ud800\"";
            case 7 -> {
                StringBuilder array = new StringBuilder("[");
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    array.append(i > 0 ? "," : "").append(value(depth - 1));
                }
                yield array.append(']').toString();
            }
            default -> object(depth - 1);
        };
    }

    private String deepNesting() {
        int depth = 100 + random.nextInt(5000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(random.nextBoolean() ? depth : depth / 2);
    }

    private String truncated(String json) {
        return json.substring(0, random.nextInt(Math.max(1, json.length())));
    }

    private byte[] invalidUtf8() {
        byte[] head = ("{\"" + FIELDS[random.nextInt(FIELDS.length)] + "\": \"").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 10 + random.nextInt(100) + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length - 2; i++) {
            bytes[i] = (byte) (0x80 + random.nextInt(0x80));
        }
        bytes[bytes.length - 2] = '"';
        bytes[bytes.length - 1] = '}';
        return bytes;
    }

    private String randomString(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) ('a' + random.nextInt(26)));
                case 1 -> text.append((char) (0x20 + random.nextInt(0x5F)));
                case 2 -> text.append((char) (0xA0 + random.nextInt(0x2000)));
                case 3 -> text.appendCodePoint(0x1F300 + random.nextInt(0x300));
                default -> text.append((char) random.nextInt(0x20));
            }
        }
        return text.toString();
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…(" + body.length + " bytes)" : text;
    }
}
