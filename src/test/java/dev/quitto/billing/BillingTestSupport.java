package dev.quitto.billing;

import static org.awaitility.Awaitility.await;

import dev.quitto.testsupport.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Uploads debt files and waits for their imports over real HTTP. */
final class BillingTestSupport {

    static final String HEADER = "name,governmentId,email,debtAmount,debtDueDate,debtId\n";
    static final Path SAMPLE = Path.of("/work/shared/data/kanastra/input_head_10787rows.csv");

    private final Http http;
    private final int port;

    BillingTestSupport(Http http, int port) {
        this.http = http;
        this.port = port;
    }

    static byte[] sample() {
        try {
            return Files.readAllBytes(SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> sampleLines() {
        try {
            return Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A prefix that makes this test's debtIds its own in the shared database. */
    static String unique() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    Http.Response uploadRaw(String path, byte[] csv) {
        return http.header("Content-Type", "text/csv").post(path, csv);
    }

    Http.Response uploadRaw(String csv) {
        return uploadRaw(BillingPaths.IMPORTS, csv.getBytes(StandardCharsets.UTF_8));
    }

    Http.Response uploadRawWithKey(String idempotencyKey, String csv) {
        return http.header("Content-Type", "text/csv").header("Idempotency-Key", idempotencyKey).post(BillingPaths.IMPORTS,
                csv.getBytes(StandardCharsets.UTF_8));
    }

    Http.Response uploadMultipart(String path, String fileName, String partType, byte[] csv) {
        return uploadMultipart(path, fileName, partType, csv, "file");
    }

    Http.Response uploadMultipart(String path, String fileName, String partType, byte[] csv, String partName) {
        String boundary = "----quitto" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + csv.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(csv, 0, body, head.length, csv.length);
        System.arraycopy(tail, 0, body, head.length + csv.length, tail.length);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    JsonNode importCompleted(String csv) {
        return importCompleted(csv.getBytes(StandardCharsets.UTF_8));
    }

    JsonNode importCompleted(byte[] csv) {
        Http.Response accepted = uploadRaw(BillingPaths.IMPORTS, csv);
        if (accepted.status() != 202) {
            throw new AssertionError("upload answered " + accepted.status() + ": " + accepted.body());
        }
        return awaitCompleted(accepted.json().get("id").asString());
    }

    JsonNode awaitCompleted(String id) {
        return await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.get(BillingPaths.IMPORTS + "/" + id).json(), node -> "COMPLETED".equals(node.get("status").asString())
                        || "FAILED".equals(node.get("status").asString()));
    }

    JsonNode errors(String id) {
        return http.get(BillingPaths.IMPORTS + "/" + id + "/errors?size=200").json().get("items");
    }

    JsonNode debt(String debtId) {
        Http.Response response = http.get(BillingPaths.DEBTS + "/" + debtId);
        if (response.status() != 200) {
            throw new AssertionError("GET debt " + debtId + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    static long count(JsonNode done, String name) {
        return done.get("counts").get(name).asLong();
    }

    /**
     * Writes a Kanastra-shaped file of {@code rows} rows to {@code file}: the sample's names, governmentIds, amounts and due
     * dates in turn, a fresh UUIDv4 debtId per row, and each row's e-mail from {@code email} (given the row number).
     */
    static Path writeKanastraFile(Path file, int rows, java.util.function.IntFunction<String> email) {
        List<String[]> sample = sampleLines().stream().skip(1).map(line -> line.split(",")).toList();
        try (java.io.BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            for (int i = 0; i < rows; i++) {
                String[] row = sample.get(i % sample.size());
                out.write(row[0] + "," + row[1] + "," + email.apply(i) + "," + row[3] + "," + row[4] + "," + UUID.randomUUID() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The e-mail of a sample row, for files whose e-mails need not reach anyone in particular. */
    static java.util.function.IntFunction<String> sampleEmails() {
        List<String> emails = sampleLines().stream().skip(1).map(line -> line.split(",")[2]).toList();
        return i -> emails.get(i % emails.size());
    }

    /**
     * Makes sure an import's e-mails that have not gone out never do: a test that imports tens of thousands of debts to
     * check the import must not keep the shared GreenMail (and every later test's e-mail) busy for minutes.
     */
    static void dropUnsentMail(org.springframework.jdbc.core.simple.JdbcClient jdbc, UUID importId) {
        jdbc.sql("update billing_email set status = 'SKIPPED' where import_id = :id and status = 'PENDING'").param("id", importId).update();
        jdbc.sql("""
                delete from platform_mail m using billing_email e
                where e.import_id = :id and m.business_key = 'billing:' || e.invoice_id || ':' || e.kind and m.status = 'PENDING'""")
                .param("id", importId).update();
    }
}
