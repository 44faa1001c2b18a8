package dev.quitto.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests against the real server on its random port: what goes over the wire is
 * exactly what a client would send, no MockMvc shortcuts.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> headers;

    private Http(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    public static Http on(int port) {
        return new Http("http://localhost:" + port, Map.of());
    }

    public Http header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Http(base, copy);
    }

    public Http basic(String login, String password) {
        return header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public Http basic(TestUsers.TestUser user) {
        return basic(user.login(), user.password());
    }

    public Http bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** POSTs {@code body} as {@code application/json} unless a Content-Type header was set. */
    public Response post(String path, String body) {
        return send(withJsonType(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    public Response post(String path, byte[] body) {
        return send(withJsonType(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))));
    }

    public Response put(String path, String body) {
        return send(withJsonType(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))));
    }

    public Response patch(String path, String body) {
        return send(withJsonType(HttpRequest.newBuilder(uri(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(body))));
    }

    public Response send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder withJsonType(HttpRequest.Builder request) {
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(", ", e.getValue())).findFirst().orElse(null);
        }

        public List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(List.of());
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
