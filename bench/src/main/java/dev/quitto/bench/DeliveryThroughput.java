package dev.quitto.bench;

import com.sun.net.httpserver.HttpServer;
import dev.quitto.QuittoApplication;
import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.OutboundDelivery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery throughput: starts Quitto (embedded throw-away PostgreSQL unless DATABASE_URL or spring.datasource.url is
 * set) and a local idempotent HTTP endpoint (JDK HttpServer on virtual threads, 201 the first time a key is seen,
 * 200 after), enqueues N deliveries in one transaction through {@link Deliveries#enqueue}, and measures how fast the
 * worker drains them: from the commit to the moment the database shows every one DELIVERED.
 *
 * <pre>
 * java -Ddeliveries=50000 -Dwarmup=5000 -Dconcurrency=64 -cp target/benchmarks.jar dev.quitto.bench.DeliveryThroughput
 * </pre>
 */
public final class DeliveryThroughput {

    public static void main(String[] args) throws IOException {
        int deliveries = Integer.getInteger("deliveries", 50_000);
        int warmup = Integer.getInteger("warmup", 5_000);
        int concurrency = Integer.getInteger("concurrency", 64);
        Sink sink = new Sink();

        Map<String, Object> properties = new LinkedHashMap<>();
        boolean external = System.getenv("DATABASE_URL") != null || System.getProperty("spring.datasource.url") != null;
        if (!external) {
            properties.put("quitto.database.embedded.ephemeral", "true");
        }
        properties.put("server.port", "0");
        properties.put("quitto.delivery.destinations.bench.base-url", "http://127.0.0.1:" + sink.port());
        properties.put("quitto.delivery.destinations.bench.concurrency", concurrency);
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.dev.quitto", "info");
        SpringApplication application = new SpringApplication(QuittoApplication.class);
        application.setDefaultProperties(properties);

        try (ConfigurableApplicationContext context = application.run(args)) {
            Deliveries outbox = context.getBean(Deliveries.class);
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            System.out.printf("Database: %s; sink on port %d; destination concurrency %d; %d cores; %s%n",
                    external ? "external" : "embedded PostgreSQL 17 (throw-away)", sink.port(), concurrency,
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            if (warmup > 0) {
                Result result = run("warm-up", warmup, outbox, transactions, jdbc, sink);
                System.out.println(result);
            }
            Result result = run("measured", deliveries, outbox, transactions, jdbc, sink);
            System.out.println(result);
        } finally {
            sink.stop();
        }
    }

    record Result(String name, int deliveries, long enqueueNanos, long drainNanos, long requests, long applied, long replays,
                  long attemptRows) {

        @Override
        public String toString() {
            double enqueueSeconds = enqueueNanos / 1e9;
            double drainSeconds = drainNanos / 1e9;
            return String.format("%s: %,d deliveries enqueued in one transaction in %.2f s (%,.0f/s); drained in %.2f s = %,.0f deliveries/s;"
                            + " endpoint saw %,d requests, applied %,d, replayed %,d; %,d attempt rows",
                    name, deliveries, enqueueSeconds, deliveries / enqueueSeconds, drainSeconds, deliveries / drainSeconds, requests, applied,
                    replays, attemptRows);
        }
    }

    private static Result run(String name, int count, Deliveries outbox, TransactionTemplate transactions, JdbcClient jdbc, Sink sink) {
        String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        long requestsBefore = sink.requests.get();
        long appliedBefore = sink.applied.size();
        long replaysBefore = sink.replays.get();
        long start = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                outbox.enqueue(OutboundDelivery.post("bench", prefix + i, "/credits",
                        Map.of("saleId", prefix + i, "document", "12345678909", "cashback", "12.34")));
            }
        });
        long committed = System.nanoTime();
        long lastReport = committed;
        while (sink.applied.size() - appliedBefore < count) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                lastReport = System.nanoTime();
                System.out.printf("  %s: %,d of %,d applied after %.1f s%n", name, sink.applied.size() - appliedBefore, count,
                        (lastReport - committed) / 1e9);
            }
            if (System.nanoTime() - committed > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("Not drained within 10 minutes");
            }
        }
        long delivered;
        do {
            delivered = jdbc.sql("select count(*) from platform_delivery where destination = 'bench' and status = 'DELIVERED' and business_key like :prefix")
                    .param("prefix", prefix + "%").query(Long.class).single();
            if (delivered < count) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } while (delivered < count);
        long drained = System.nanoTime();
        long attemptRows = jdbc.sql("""
                        select count(*) from platform_delivery_attempt a join platform_delivery d on d.id = a.delivery_id
                        where d.destination = 'bench' and d.business_key like :prefix
                        """)
                .param("prefix", prefix + "%").query(Long.class).single();
        return new Result(name, count, committed - start, drained - committed, sink.requests.get() - requestsBefore,
                sink.applied.size() - appliedBefore, sink.replays.get() - replaysBefore, attemptRows);
    }

    /** An idempotent endpoint: applies each Idempotency-Key once (201), answers a repeat 200 without applying it again. */
    static final class Sink {

        final Set<String> applied = ConcurrentHashMap.newKeySet();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong replays = new AtomicLong();
        private final HttpServer server;

        Sink() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    requests.incrementAndGet();
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    boolean first = key != null && applied.add(key);
                    if (!first) {
                        replays.incrementAndGet();
                    }
                    byte[] body = ("{\"id\":\"" + key + "\",\"replayed\":" + !first + "}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(first ? 201 : 200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }
    }
}
