package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance item 41 of billing.md, the fuzz half: two thousand requests with a fixed seed against every billing endpoint
 * (both seed paths and the canonical ones): random bytes, CSV with broken rows and headers, truncated and deeply nested
 * JSON, NUL and lone surrogates, invalid UTF-8, bodies over the limits, random query values, path ids, content types,
 * Accept, Idempotency-Key and signature headers, from every kind of caller. No answer may be a 5xx, and every refusal is
 * problem+json. A failure names the request by its number, so it can be replayed with the same seed. Debt ids the fuzz
 * pays or imports carry this test's prefix, so other test classes' rows are never touched.
 */
@QuittoIntegrationTest
class BillingFuzzIntegrationTests {

    private static final long SEED = 20_261_203L;
    private static final int REQUESTS = 2_000;
    private static final String[] PARAMS = {"status", "sort", "page", "size", "dueFrom", "dueTo", "overdue", "hasExcess", "importId",
            "governmentId", "debtId", "format", "exp", "sig"};
    private static final String[] CONTENT_TYPES = {"text/csv", "application/csv", "application/json", "multipart/form-data; boundary=x",
            "multipart/form-data", "text/plain", "application/octet-stream", "text/csv; charset=ISO-8859-1", "application/json; charset=UTF-8",
            "application/problem+json", "application/*", "*/*", "???", "text/", "", "application/x-www-form-urlencoded"};
    private static final String[] ACCEPTS = {"application/json", "text/csv", "application/pdf", "application/xml", "text/html", "*/*",
            "application/problem+json", "image/png", "???", "text/*;q=0.1, application/json;q=0"};

    /** One endpoint: its method and a path with {@code {import}}, {@code {debt}}, {@code {invoice}} or {@code {payment}}. */
    record Endpoint(String method, String path) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", BillingPaths.SEED_UPLOAD),
            new Endpoint("POST", BillingPaths.IMPORTS),
            new Endpoint("GET", BillingPaths.IMPORTS),
            new Endpoint("GET", BillingPaths.IMPORTS + "/{import}"),
            new Endpoint("GET", BillingPaths.IMPORTS + "/{import}/errors"),
            new Endpoint("GET", BillingPaths.DEBTS),
            new Endpoint("GET", BillingPaths.DEBTS + "/{debt}"),
            new Endpoint("GET", BillingPaths.INVOICES + "/{invoice}"),
            new Endpoint("GET", BillingPaths.INVOICES + "/{invoice}.pdf"),
            new Endpoint("POST", BillingPaths.SEED_PAYMENT),
            new Endpoint("POST", BillingPaths.PAYMENTS),
            new Endpoint("GET", BillingPaths.PAYMENTS),
            new Endpoint("GET", BillingPaths.PAYMENTS + "/{payment}"));

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    Random random;
    String p;
    List<Http> callers;
    List<String> imports;
    List<String> debts;
    List<String> invoices;
    List<String> payments;

    @BeforeEach
    void setUp() {
        random = new Random(SEED);
        p = BillingTestSupport.unique();
        Http operator = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        callers = List.of(operator, operator, Http.on(port).basic(users.create(Role.AUDITOR).login(), TestUsers.PASSWORD),
                Http.on(port).basic(users.create(Role.ADMIN).login(), TestUsers.PASSWORD),
                Http.on(port).basic(users.create(Role.CLINIC).login(), TestUsers.PASSWORD), Http.on(port), Http.on(port).bearer("garbage.token.here"));
        BillingTestSupport billing = new BillingTestSupport(operator, port);
        JsonNode done = billing.importCompleted(HEADER + "Ana Souza,9558,ana@example.com,7811,2024-01-19," + p + "-1\n"
                + "Bia Lima,9558,bia@example.com,100.50,2026-12-15," + p + "-2\n" + "Bad Row,9558,nope,0,2024-13-01," + p + "-3\n");
        imports = List.of(done.get("id").asString());
        debts = List.of(p + "-1", p + "-2", p + "-3");
        invoices = List.of(billing.debt(p + "-1").get("currentInvoiceId").asString(), billing.debt(p + "-2").get("currentInvoiceId").asString());
        Http.Response paid = Http.on(port).post(BillingPaths.PAYMENTS,
                "{\"debtId\":\"" + p + "-1\",\"paidAt\":\"2026-11-20 10:00:00\",\"paidAmount\":\"11.00\",\"paidBy\":\"Ana\"}");
        payments = List.of(paid.json().get("paymentId").asString());
    }

    @Test
    void twoThousandRandomRequestsGetNoServerErrorAndEveryRefusalIsAProblem() {
        List<String> failures = new ArrayList<>();
        int[] byStatus = new int[600];
        for (int n = 0; n < REQUESTS; n++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            String method = random.nextInt(15) == 0 ? new String[]{"PUT", "DELETE", "PATCH", "GET", "POST"}[random.nextInt(5)] : endpoint.method();
            String path = path(endpoint.path()) + query();
            boolean upload = endpoint.path().equals(BillingPaths.SEED_UPLOAD) || endpoint.path().equals(BillingPaths.IMPORTS);
            byte[] body = method.equals("GET") ? new byte[0] : upload ? uploadBody() : webhookBody();
            String contentType = contentType(upload);
            String accept = random.nextInt(8) == 0 ? ACCEPTS[random.nextInt(ACCEPTS.length)] : null;
            String what = "#" + n + " " + method + " " + path + " [" + contentType + (accept == null ? "" : "; Accept " + accept) + "] " + preview(body);
            Http.Response response;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, body.length == 0 && random.nextBoolean() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                if (!contentType.isEmpty()) {
                    request.header("Content-Type", contentType);
                }
                if (accept != null) {
                    request.header("Accept", accept);
                }
                if (random.nextInt(10) == 0) {
                    request.header("Idempotency-Key", idempotencyKey());
                }
                if (random.nextInt(10) == 0) {
                    request.header("X-Quitto-Signature", random.nextBoolean() ? "t=" + random.nextLong() + ",v1=" + "ab".repeat(random.nextInt(40))
                            : headerSafe(randomString(random.nextInt(60))));
                }
                response = callers.get(random.nextInt(callers.size())).send(request);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                failures.add(what + " -> " + e);
                continue;
            }
            byStatus[response.status()]++;
            if (response.status() >= 500) {
                failures.add(what + " -> " + response.status() + " " + response.body());
            } else if (response.status() >= 400 && !method.equals("HEAD") && !rejectedByTheContainer(path)
                    && (response.contentType() == null || !response.contentType().startsWith("application/problem+json"))) {
                failures.add(what + " -> " + response.status() + " not problem+json: " + response.contentType() + " " + response.body());
            }
        }
        assertThat(failures).as("requests answered with a 5xx or without a problem (seed %d)", SEED).isEmpty();
        assertThat(byStatus[200] + byStatus[201] + byStatus[202]).as("some requests succeed").isPositive();
        assertThat(byStatus[400]).as("some requests are refused as bad input").isPositive();
    }

    /**
     * A path Tomcat refuses with its own HTML 400 page before any filter or servlet runs: a NUL, an encoded slash or
     * backslash, or percent-encoded bytes that are not UTF-8.
     */
    private static boolean rejectedByTheContainer(String path) {
        String raw = path.split("\\?", 2)[0];
        if (raw.matches("(?i).*%(00|2F|5C).*")) {
            return true;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(raw.charAt(i));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return false;
        } catch (java.nio.charset.CharacterCodingException e) {
            return true;
        }
    }

    private String path(String template) {
        return template.replace("{import}", id(imports)).replace("{debt}", debtId()).replace("{invoice}", id(invoices))
                .replace("{payment}", id(payments));
    }

    /** One of this test's own ids, or an id that names nothing: never another test's row. */
    private String id(List<String> own) {
        return switch (random.nextInt(12)) {
            case 0 -> "abc";
            case 1 -> UUID.randomUUID().toString();
            case 2 -> UUID.randomUUID().toString().toUpperCase();
            case 3 -> "%C3%A9";
            case 4 -> "00000000-0000-0000-0000-00000000000g";
            case 5 -> "x".repeat(random.nextInt(2000));
            case 6 -> "%00";
            case 7 -> own.getFirst() + "%20";
            default -> own.get(random.nextInt(own.size()));
        };
    }

    private String debtId() {
        return switch (random.nextInt(8)) {
            case 0 -> URLEncoder.encode(randomString(1 + random.nextInt(30)), StandardCharsets.UTF_8);
            case 1 -> "x".repeat(64 + random.nextInt(200));
            case 2 -> UUID.randomUUID().toString().toUpperCase();
            case 3 -> "%E0%A4";
            default -> debts.get(random.nextInt(debts.size()));
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
        if (random.nextInt(25) == 0) {
            query.append("&%00=%FF&status=%E0%A4");
        }
        return query.toString();
    }

    /** A value for a query parameter or a JSON string: plausible billing values and hostile ones. */
    private String scalarText() {
        return switch (random.nextInt(18)) {
            case 0 -> "";
            case 1 -> Integer.toString(random.nextInt(5) - 1);
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "9".repeat(1 + random.nextInt(60));
            case 4 -> new String[]{"2024-01-19", "2024-02-30", "19/01/2024", "2024-1-9", "+999999999-12-31", "0000-01-01", "2049-10-14"}[random.nextInt(7)];
            case 5 -> new String[]{"OPEN", "PAID", "OPEN,PAID", "open,partially_paid", "LATE", ",", "APPLIED", "UNMATCHED", "COMPLETED",
                    "QUEUED", "dueDate", "createdAt,desc", "dueDate,sideways", "amount", "csv", "json", "xml"}[random.nextInt(17)];
            case 6 -> random.nextBoolean() ? "true" : "false";
            case 7 -> "\u0000";
            case 8 -> "é\u202E𝄞日本";
            case 9 -> "1e400";
            case 10 -> "NaN";
            case 11 -> "x".repeat(random.nextInt(3000));
            case 12 -> UUID.randomUUID().toString();
            case 13 -> imports.getFirst();
            case 14 -> "9558";
            default -> randomString(1 + random.nextInt(20));
        };
    }

    private String contentType(boolean upload) {
        if (random.nextInt(5) == 0) {
            return CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        }
        return upload ? "text/csv" : "application/json";
    }

    private String idempotencyKey() {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> "k".repeat(256);
            case 2 -> "fuzz-" + p + "-" + random.nextInt(5);
            case 3 -> " ";
            default -> headerSafe(randomString(1 + random.nextInt(30)));
        };
    }

    private byte[] uploadBody() {
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> randomBytes(1 + random.nextInt(4096));
            case 2 -> ("\uFEFF" + " ".repeat(random.nextInt(5)) + "\n").getBytes(StandardCharsets.UTF_8);
            case 3 -> (HEADER.replace(",email", random.nextBoolean() ? "" : ",email,email")).getBytes(StandardCharsets.UTF_8);
            case 4 -> HEADER.replace(',', ';').getBytes(StandardCharsets.UTF_8);
            case 5 -> concat(HEADER.getBytes(StandardCharsets.UTF_8), randomBytes(random.nextInt(2048)));
            case 6 -> multipart();
            case 7 -> ("{\"debtId\":\"" + p + "\"}").getBytes(StandardCharsets.UTF_8);
            default -> csv();
        };
    }

    /** A debts file whose rows mix valid ones (this test's debt ids) with every kind of broken field and record. */
    private byte[] csv() {
        StringBuilder file = new StringBuilder(random.nextBoolean() ? HEADER : HEADER.toUpperCase().replace("\n", ",notes\n"));
        int rows = random.nextInt(30);
        for (int i = 0; i < rows; i++) {
            String[] fields = {random.nextInt(4) == 0 ? csvField() : "Ana Souza", random.nextInt(4) == 0 ? csvField() : "9558",
                    random.nextInt(4) == 0 ? csvField() : "ana@example.com", random.nextInt(4) == 0 ? csvField() : Integer.toString(1 + random.nextInt(9000)),
                    random.nextInt(4) == 0 ? csvField() : "2024-01-19", random.nextInt(5) == 0 ? csvField() : p + "-f" + random.nextInt(200)};
            file.append(String.join(",", random.nextInt(20) == 0 ? List.of(fields).subList(0, 1 + random.nextInt(5)) : List.of(fields)));
            file.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        if (random.nextInt(10) == 0) {
            file.append("\"never closed,").append("x".repeat(random.nextInt(100)));
        }
        if (random.nextInt(15) == 0) {
            file.append("Long,9558,a@example.com,1,2024-01-19,").append("y".repeat(70 * 1024)).append('\n');
        }
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
        return random.nextInt(10) == 0 ? concat(bytes, randomBytes(50)) : bytes;
    }

    private String csvField() {
        String value = scalarText();
        return random.nextBoolean() ? "\"" + value.replace("\"", "\"\"") + "\"" : value.replace(",", "").replace("\n", "");
    }

    private byte[] multipart() {
        String part = random.nextInt(4) == 0 ? "other" : "file";
        String name = random.nextInt(4) == 0 ? "" : "debts.csv";
        byte[] head = ("--x\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + name + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] content = random.nextBoolean() ? csv() : randomBytes(random.nextInt(100));
        byte[] tail = (random.nextInt(5) == 0 ? "" : "\r\n--x--\r\n").getBytes(StandardCharsets.UTF_8);
        return concat(concat(head, content), tail);
    }

    private byte[] webhookBody() {
        return switch (random.nextInt(16)) {
            case 0 -> new byte[0];
            case 1 -> invalidUtf8();
            case 2 -> deepNesting().getBytes(StandardCharsets.UTF_8);
            case 3 -> truncated(payment()).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"paidBy\":\"" + "x".repeat(16 * 1024 + random.nextInt(4096)) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 5 -> randomBytes(1 + random.nextInt(500));
            case 6 -> value(3).getBytes(StandardCharsets.UTF_8);
            default -> payment().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A payment notification whose fields are each plausible (this test's debts), hostile or missing. */
    private String payment() {
        List<String> fields = new ArrayList<>();
        if (random.nextInt(8) != 0) {
            fields.add("\"debtId\":" + switch (random.nextInt(6)) {
                case 0 -> quote(scalarText());
                case 1 -> Long.toString(random.nextLong());
                case 2 -> value(1);
                default -> quote(debts.get(random.nextInt(debts.size())));
            });
        }
        if (random.nextInt(8) != 0) {
            fields.add("\"paidAt\":" + switch (random.nextInt(7)) {
                case 0 -> quote(scalarText());
                case 1 -> quote(new String[]{"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0001-01-01 00:00:00",
                        "9999-12-31 23:59:59", "-4713-01-01T00:00:00Z", "1900-01-01T00:00:00+18:00", "2022-06-09T10:00:00-03:00"}[random.nextInt(7)]);
                case 2 -> value(1);
                default -> quote("2026-11-" + (10 + random.nextInt(12)) + " 10:00:00");
            });
        }
        if (random.nextInt(8) != 0) {
            fields.add("\"paidAmount\":" + switch (random.nextInt(5)) {
                case 0 -> new String[]{"0", "-1", "1.001", "1e3", "\"1E3\"", "1e400", "1E-400", "999999999999.99", "1000000000000.00", "-0.0",
                        "0.01", "\"NaN\"", "\"Infinity\"", "100000.00", "\"  7.00 \""}[random.nextInt(15)];
                case 1 -> value(1);
                default -> quote((1 + random.nextInt(500)) + "." + (10 + random.nextInt(90)));
            });
        }
        if (random.nextInt(8) != 0) {
            fields.add("\"paidBy\":" + (random.nextInt(3) == 0 ? value(1) : quote(random.nextBoolean() ? scalarText() : "Ana")));
        }
        if (random.nextInt(4) == 0) {
            fields.add(quote(randomString(random.nextInt(8))) + ":" + value(2));
        }
        java.util.Collections.shuffle(fields, random);
        return "{" + String.join(",", fields) + "}";
    }

    /** Any JSON value, escapes for NUL and lone surrogates included. */
    private String value(int depth) {
        return switch (random.nextInt(depth <= 0 ? 7 : 9)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> (random.nextBoolean() ? "-" : "") + "1" + "0".repeat(random.nextInt(400));
            case 4 -> random.nextInt(1000) + "." + random.nextInt(100000) + (random.nextBoolean() ? "e" + (random.nextInt(800) - 400) : "");
            case 5 -> quote(randomString(random.nextInt(40)));
            case 6 -> new String[]{"\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\""}[random.nextInt(4)];
            case 7 -> {
                StringBuilder array = new StringBuilder("[");
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    array.append(i > 0 ? "," : "").append(value(depth - 1));
                }
                yield array.append(']').toString();
            }
            default -> "{" + quote(randomString(random.nextInt(6))) + ":" + value(depth - 1) + "}";
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
        byte[] head = "{\"paidBy\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 10 + random.nextInt(100) + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length - 2; i++) {
            bytes[i] = (byte) (0x80 + random.nextInt(0x80));
        }
        bytes[bytes.length - 2] = '"';
        bytes[bytes.length - 1] = '}';
        return bytes;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
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

    /** What the JDK's HTTP client lets through as a header value: visible ASCII and spaces. */
    private static String headerSafe(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?").strip();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
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
