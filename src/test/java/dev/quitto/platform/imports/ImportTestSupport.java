package dev.quitto.platform.imports;

import static org.awaitility.Awaitility.await;

import dev.quitto.testsupport.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Uploads to the test kinds and waits for imports, over real HTTP. */
final class ImportTestSupport {

    static final String UPLOAD = "/api/v1/test/imports/";
    static final String IMPORTS = "/api/v1/platform/imports/";

    private final Http http;
    private final int port;

    ImportTestSupport(Http http, int port) {
        this.http = http;
        this.port = port;
    }

    Http.Response upload(String kind, String csv) {
        return upload(kind, csv.getBytes(StandardCharsets.UTF_8), "");
    }

    Http.Response upload(String kind, byte[] csv, String query) {
        return http.header("Content-Type", "text/csv").post(UPLOAD + kind + query, csv);
    }

    Http.Response uploadMultipart(String kind, String fileName, byte[] csv) {
        String boundary = "----quitto" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + csv.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(csv, 0, body, head.length, csv.length);
        System.arraycopy(tail, 0, body, head.length + csv.length, tail.length);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + UPLOAD + kind))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Uploads {@code csv} and waits until its import is COMPLETED; returns the import resource. */
    JsonNode importCompleted(String kind, String csv) {
        Http.Response accepted = upload(kind, csv);
        if (accepted.status() != 202) {
            throw new AssertionError("upload answered " + accepted.status() + ": " + accepted.body());
        }
        return awaitCompleted(accepted.json().get("id").asString());
    }

    JsonNode awaitCompleted(String id) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.get(IMPORTS + id).json(), node -> "COMPLETED".equals(node.get("status").asString())
                        || "FAILED".equals(node.get("status").asString()));
    }

    JsonNode errors(String id) {
        return http.get(IMPORTS + id + "/errors?size=200").json().get("items");
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
