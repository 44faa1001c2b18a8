package dev.quitto.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The finance server every test context's charge hand-off calls: one real HTTP server per test JVM, on a fixed loopback
 * port, in front of the finance endpoint of a live Quitto instance of this JVM (all of them share one database, so any
 * live instance's finance is the same finance). Tests stop it (connections refused, as a finance process that is
 * down), start it again on the same port, make it lose replies after finance committed, or make the worker's
 * credentials arrive wrong. It counts finance's answers by status.
 * <p>
 * Contexts whose {@code quitto.test.finance-gateway} is true (the test profile) get {@code QUITTO_FINANCE_URL} pointing
 * here (a command-line {@code --quitto.consultation.charges.finance-url} still wins).
 */
public final class TestFinanceGateway implements EnvironmentPostProcessor, Ordered {

    public static final String PATH = "/api/v1/finance/records";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private static final Deque<Integer> upstreams = new ConcurrentLinkedDeque<>();
    private static final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private static final AtomicInteger repliesToDrop = new AtomicInteger();
    private static final AtomicInteger received = new AtomicInteger();
    private static final Map<String, List<Integer>> answersByAppointment = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern APPOINTMENT = java.util.regex.Pattern.compile("\"(?:appointment_id|appointmentId)\"\\s*:\\s*\"([^\"]+)\"");
    private static volatile boolean wrongCredentials;
    private static volatile Duration delay = Duration.ZERO;
    private static HttpServer server;
    private static int port;

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("quitto.test.finance-gateway", Boolean.class, false)) {
            return;
        }
        start();
        environment.getPropertySources().addLast(new MapPropertySource("testFinanceGateway", Map.of("QUITTO_FINANCE_URL", url())));
        application.addListeners(new Registration());
    }

    /** Registers each instance's port once its web server runs, and forgets it when the context closes. */
    static final class Registration implements ApplicationListener<ApplicationEvent> {
        private volatile int registered;

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof WebServerInitializedEvent initialized && initialized.getApplicationContext().getServerNamespace() == null) {
                registered = initialized.getWebServer().getPort();
                upstreams.addLast(registered);
            } else if (event instanceof ContextClosedEvent && registered != 0) {
                upstreams.removeLastOccurrence(registered);
            }
        }
    }

    public static String url() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    public static synchronized int port() {
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return port;
    }

    /** Listens (again) on the gateway's port. */
    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", TestFinanceGateway::forward);
        server.start();
    }

    /** Stops listening: connections are refused until {@link #start()}, as when the finance process is down. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The next {@code count} requests reach finance (which commits), then their connections close without a reply. */
    public static void dropReplies(int count) {
        repliesToDrop.set(count);
    }

    /** While true, requests reach finance with a wrong password, as when the worker's configured password is wrong. */
    public static void wrongCredentials(boolean wrong) {
        wrongCredentials = wrong;
    }

    /** Holds every request this long before passing it on, as a slow finance does. */
    public static void delay(Duration perRequest) {
        delay = perRequest;
    }

    /** Forgets the counts and every fault. */
    public static void reset() {
        answers.clear();
        answersByAppointment.clear();
        received.set(0);
        repliesToDrop.set(0);
        wrongCredentials = false;
        delay = Duration.ZERO;
    }

    /** How many requests finance answered with {@code status} since the last {@link #reset()}. */
    public static int answered(int status) {
        AtomicInteger count = answers.get(status);
        return count == null ? 0 : count.get();
    }

    /** Finance's answers to the requests for one appointment, in order. */
    public static List<Integer> answersFor(String appointmentId) {
        return List.copyOf(answersByAppointment.getOrDefault(appointmentId, List.of()));
    }

    public static int received() {
        return received.get();
    }

    private static void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            received.incrementAndGet();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer upstream = upstreams.peekLast();
            if (upstream == null) {
                respond(exchange, 503, "{\"detail\":\"no finance instance is running\"}".getBytes());
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + upstream + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "Accept", "Idempotency-Key", "Authorization")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            if (wrongCredentials) {
                // A login of its own each time: failures against one shared account would reach the login throttle (429,
                // retried) under the tests' frozen clock, where the window never empties, instead of finance's 401.
                String login = "finance-gateway-" + java.util.UUID.randomUUID();
                request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":wrong-password").getBytes()));
            }
            HttpResponse<byte[]> answer;
            try {
                answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            answers.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            var appointment = APPOINTMENT.matcher(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            if (appointment.find()) {
                answersByAppointment.computeIfAbsent(appointment.group(1), a -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(answer.statusCode());
            }
            if (repliesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("finance committed; the gateway drops the reply");
            }
            answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            respond(exchange, answer.statusCode(), answer.body());
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
