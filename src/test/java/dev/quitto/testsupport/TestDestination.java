package dev.quitto.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP destination for delivery tests: the JDK's HttpServer on 127.0.0.1, on virtual threads. It records every
 * request, and behaves as the test says: answers a status, applies a request idempotently by its
 * {@code Idempotency-Key} (first time 201, then 200 replayed, never applied twice), drops the connection after
 * applying, or holds the answer until the test releases it.
 */
public final class TestDestination implements AutoCloseable {

    /** What the destination does with one request. */
    @FunctionalInterface
    public interface Behaviour {
        void handle(Received request, HttpExchange exchange, TestDestination destination) throws IOException;
    }

    public record Received(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }

        public String idempotencyKey() {
            return header("Idempotency-Key");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Behaviour behaviour = idempotent();

    private TestDestination(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                received.add(request);
                behaviour.handle(request, exchange, this);
            }
        });
        server.start();
    }

    public static TestDestination start() {
        return new TestDestination(0);
    }

    /** Starts listening on a port tests chose earlier with {@link #freePort()} (the destination was "down" until now). */
    public static TestDestination start(int port) {
        return new TestDestination(port);
    }

    /** A port nothing listens on: connections to it are refused until a destination starts there. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String url(String path) {
        return url(server.getAddress().getPort(), path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public TestDestination behave(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many times the request with this key was applied: 1 for an idempotent destination, however often it was sent. */
    public int applied(String idempotencyKey) {
        AtomicInteger count = applied.get(idempotencyKey);
        return count == null ? 0 : count.get();
    }

    /** Applies the request once per key: true the first time. */
    public boolean apply(Received request) {
        String key = request.idempotencyKey() == null ? request.body() : request.idempotencyKey();
        AtomicInteger count = applied.computeIfAbsent(key, k -> new AtomicInteger());
        synchronized (count) {
            if (count.get() > 0) {
                return false;
            }
            count.incrementAndGet();
            return true;
        }
    }

    /** Lets every held answer go. */
    public void release() {
        released.countDown();
    }

    void awaitRelease() {
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    /** Answers {@code status} with a JSON {@code body}, and a {@code Retry-After} when given. */
    public static Behaviour answer(int status, String body) {
        return (request, exchange, destination) -> respond(exchange, status, body);
    }

    public static Behaviour answer(int status, String body, Duration retryAfter) {
        return (request, exchange, destination) -> {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter.toSeconds()));
            respond(exchange, status, body);
        };
    }

    /** Applies each Idempotency-Key once: 201 {@code {"id":<n>}} the first time, 200 {@code {"replayed":true}} after. */
    public static Behaviour idempotent() {
        return (request, exchange, destination) -> {
            if (destination.apply(request)) {
                respond(exchange, 201, "{\"id\":" + destination.applied.size() + ",\"replayed\":false}");
            } else {
                respond(exchange, 200, "{\"replayed\":true}");
            }
        };
    }

    /** Applies the first request and drops its connection without an answer; later ones as {@link #idempotent()}. */
    public static Behaviour applyThenDropTheFirstReply() {
        return (request, exchange, destination) -> {
            if (destination.apply(request)) {
                throw new IOException("the destination committed and then lost the connection");
            }
            respond(exchange, 200, "{\"replayed\":true}");
        };
    }

    /** Applies the first request and holds its answer until {@link #release()}; later ones as {@link #idempotent()}. */
    public static Behaviour applyThenHoldTheFirstReply() {
        return (request, exchange, destination) -> {
            if (destination.apply(request)) {
                destination.awaitRelease();
                respond(exchange, 201, "{\"late\":true}");
                return;
            }
            respond(exchange, 200, "{\"replayed\":true}");
        };
    }

    /** Holds every answer until {@link #release()}, then answers as {@link #idempotent()}. */
    public static Behaviour holdUntilReleased() {
        return (request, exchange, destination) -> {
            destination.awaitRelease();
            idempotent().handle(request, exchange, destination);
        };
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
