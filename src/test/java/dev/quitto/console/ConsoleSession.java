package dev.quitto.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A browser's HTTP side without the browser: a cookie jar, no redirects followed, and the CSRF token read from the last
 * page, so tests can check statuses and headers the way a browser would meet them.
 */
final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client;
    private final String base;
    private String csrf = "";

    ConsoleSession(int port) {
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = "http://localhost:" + port;
    }

    record Page(int status, String location, String body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    Page get(String path) {
        Page page = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher token = CSRF.matcher(page.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return page;
    }

    /** A form post with the CSRF token of the last page read. */
    Page post(String path, Map<String, String> form) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(form);
        fields.putIfAbsent("_csrf", csrf);
        return postWithoutToken(path, fields);
    }

    Page postWithoutToken(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A file form ({@code multipart/form-data}) posted with the CSRF token of the last page read; a null file sends no file part. */
    Page postFile(String path, Map<String, String> form, String fileField, @Nullable String fileName, byte[] content) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(form);
        fields.putIfAbsent("_csrf", csrf);
        return postFileWithoutToken(path, fields, fileField, fileName, content);
    }

    Page postFileWithoutToken(String path, Map<String, String> form, String fileField, @Nullable String fileName, byte[] content) {
        String boundary = "----console" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        form.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (fileName != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    ConsoleSession signIn(String login, String password) {
        get("/login");
        Page answer = post("/login", Map.of("login", login, "password", password));
        if (answer.status() != 302 || answer.location().contains("error")) {
            throw new AssertionError("Sign-in of " + login + " failed: " + answer.status() + " " + answer.location());
        }
        return this;
    }

    /** The session cookie's value, to try it where it must not count. */
    String sessionCookie() {
        return ((CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("JSESSIONID")).findFirst().orElseThrow().getValue();
    }

    Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").map(l -> l.startsWith(base) ? l.substring(base.length()) : l)
                    .orElse(""), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
