package dev.quitto.bench;

import dev.quitto.QuittoApplication;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.security.Users;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cashback benchmarks (cashback.md 10), the service in-process on an embedded throw-away PostgreSQL 17, HTTP on loopback.
 *
 * <p>{@code intake}: an open-model driver posts generated sales (fixed seed: valid CPFs, 1–5 products of A/B/C, values
 * 1.00–500.00, quantities 1–10, consistent totals, unique {@code sold_at}) to {@code POST /api/v1/cashback/sales} at a
 * constant arrival rate; latency is measured from each request's <em>scheduled</em> send time (coordinated-omission
 * corrected) into an HdrHistogram. The delivery worker is off, so intake is measured alone. A warm-up, then N measured
 * runs; every answer must be 201.
 *
 * <p>{@code drain}: N PENDING sales with their deliveries are pre-loaded in one transaction (sales and lines set-based,
 * deliveries through the platform's {@code Deliveries.enqueue}); from the commit the worker drains them into the
 * built-in simulator (no faults); rate = N / (last DELIVERED − commit). Asserts N DELIVERED and N records at the simulator.
 *
 * <pre>
 * java -cp target/classes:../target/quitto.jar:$(cat target/classpath.txt) dev.quitto.bench.CashbackLoad intake 2000 20 60 3
 * java -cp target/classes:../target/quitto.jar:$(cat target/classpath.txt) dev.quitto.bench.CashbackLoad drain 100000
 * </pre>
 */
public final class CashbackLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "bench-password-1";

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "intake";
        boolean intake = mode.equals("intake");
        List<String> options = new ArrayList<>(List.of("--server.port=0", "--quitto.database.embedded.ephemeral=true",
                "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef", "--quitto.security.access-token-ttl=2h",
                "--quitto.security.login-rate-limit.per-address=1000000", "--logging.level.root=warn", "--logging.level.dev.quitto=warn",
                "--spring.main.banner-mode=off", "--quitto.cashback.simulator.enabled=true",
                "--quitto.cashback.provider.url=http://127.0.0.1:${local.server.port}/api/v1/cashback/simulator/cashback",
                "--quitto.delivery.worker.enabled=" + !intake, "--server.tomcat.threads.max=400"));
        ConfigurableApplicationContext context = SpringApplication.run(QuittoApplication.class, options.toArray(String[]::new));
        try {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
            System.out.printf(Locale.ROOT, "%d cores, %s, load average %.2f%n", Runtime.getRuntime().availableProcessors(), Runtime.version(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (intake) {
                int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
                int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
                int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
                int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
                List<String> tokens = new ArrayList<>();
                Users users = context.getBean(Users.class);
                for (int i = 0; i < 8; i++) {
                    users.create("bench-erp-" + i + "@example.com", "ERP " + i, PASSWORD, Set.of(Role.ERP));
                    tokens.add(token(base, "bench-erp-" + i + "@example.com"));
                }
                Generator generator = new Generator(20261122L);
                JdbcClient jdbc = context.getBean(JdbcClient.class);
                long postmaster = CpuMeter.postmasterOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single());
                System.out.println(intake(base, tokens, generator, rate, warmup, "warm-up", postmaster));
                for (int run = 1; run <= runs; run++) {
                    System.out.println(intake(base, tokens, generator, rate, seconds, "run " + run, postmaster));
                }
                System.out.printf(Locale.ROOT, "stored: %,d sales, %,d lines, %,d deliveries%n",
                        jdbc.sql("select count(*) from cashback_sale").query(Long.class).single(),
                        jdbc.sql("select count(*) from cashback_sale_item").query(Long.class).single(),
                        jdbc.sql("select count(*) from platform_delivery where destination = 'cashback-provider'").query(Long.class).single());
            } else {
                int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
                drain(context, base, count);
            }
        } finally {
            context.close();
        }
    }

    private static String token(String base, String login) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/token/")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + login + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        int start = body.indexOf("\"access\":\"") + 10;
        return body.substring(start, body.indexOf('"', start));
    }

    /** Constant arrival rate for {@code seconds}; latency from the scheduled send time. */
    private static String intake(String base, List<String> tokens, Generator generator, int rate, int seconds, String name,
                                 long postmaster) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong created = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        URI uri = URI.create(base + "/api/v1/cashback/sales");
        CpuMeter cpuFrom = CpuMeter.now(postmaster);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.get((int) (i % tokens.size())))
                    .POST(HttpRequest.BodyPublishers.ofString(generator.next())).timeout(Duration.ofSeconds(30)).build();
            pending.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                long latency = System.nanoTime() - scheduled;
                histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                if (error != null) {
                    failures.add(error.toString());
                } else if (response.statusCode() == 201) {
                    created.incrementAndGet();
                } else {
                    failures.add(response.statusCode() + " " + response.body());
                }
                return null;
            }));
            if (pending.size() >= 10_000) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        String cpu = CpuMeter.now(postmaster).perRequestSince(cpuFrom, total);
        synchronized (histogram) {
            return String.format(Locale.ROOT, "%s: offered %,d at %,d/s over %d s; 201: %,d (%,.0f/s over %.1f s), other: %,d%s; latency ms p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f",
                    name, total, rate, seconds, created.get(), created.get() / elapsed, elapsed, failures.size(),
                    failures.isEmpty() ? "" : " (first: " + failures.peek() + ")",
                    histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                    histogram.getValueAtPercentile(99.9) / 1e6, histogram.getMaxValue() / 1e6) + "\n  " + cpu;
        }
    }

    private static void drain(ConfigurableApplicationContext context, String base, int count) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        var transactions = context.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        var deliveries = context.getBean(dev.quitto.platform.delivery.Deliveries.class);
        String target = base + "/api/v1/cashback/simulator/cashback";
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cashback/simulator/received")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        long rateVersion = jdbc.sql("select id from cashback_rate_version order by version desc limit 1").query(Long.class).single();
        long loadStart = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into cashback_sale (client_id, client_user_id, received_at, sold_at, sold_at_raw, document, customer_name, total, cashback,
                                               cashback_exact, rate_version_id, status, fingerprint, request_body)
                    select 'bench', 0, now(), timestamp '2026-01-01' + n * interval '1 second', 'bench', '79336512404', 'BENCH', 100.00, 9.50, 9.5,
                           :rv, 'PENDING', lpad(to_hex(n), 64, '0'), '{}'::jsonb
                    from generate_series(1, :n) n
                    """).param("rv", rateVersion).param("n", count).update();
            jdbc.sql("""
                    insert into cashback_sale_item (sale_id, line_no, product_type, unit_value, qty, rate_percent, cashback_exact)
                    select id, 1, 'A', 10.00, 1, 5.00, 0.5 from cashback_sale where client_id = 'bench'
                    union all select id, 2, 'B', 10.00, 9, 10.00, 9 from cashback_sale where client_id = 'bench'
                    """).update();
            for (long id : jdbc.sql("select id from cashback_sale where client_id = 'bench' order by id").query(Long.class).list()) {
                deliveries.enqueue(dev.quitto.platform.delivery.OutboundDelivery.post("cashback-provider", "cashback-sale:" + id, target,
                        java.util.Map.of("document", "79336512404", "cashback", "9.50")).withHeader("Idempotency-Key", "quitto-cashback-" + id));
            }
        });
        long committed = System.nanoTime();
        System.out.printf(Locale.ROOT, "pre-loaded %,d PENDING sales with lines and deliveries in %.1f s%n", count, (committed - loadStart) / 1e9);
        long delivered = 0;
        long lastReport = committed;
        while (delivered < count) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            delivered = jdbc.sql("select count(*) from cashback_sale where client_id = 'bench' and status = 'DELIVERED'").query(Long.class).single();
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %,d of %,d DELIVERED after %.1f s%n", delivered, count, (lastReport - committed) / 1e9);
            }
            if (System.nanoTime() - committed > TimeUnit.MINUTES.toNanos(20)) {
                throw new IllegalStateException("Not drained within 20 minutes: " + delivered);
            }
        }
        double seconds = (System.nanoTime() - committed) / 1e9;
        String received = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cashback/simulator/received")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int recordsAt = received.indexOf("\"records\":") + 10;
        String records = received.substring(recordsAt, received.indexOf(',', recordsAt));
        long attempts = jdbc.sql("select count(*) from platform_delivery_attempt a join platform_delivery d on d.id = a.delivery_id where d.destination = 'cashback-provider'")
                .query(Long.class).single();
        System.out.printf(Locale.ROOT, "drained %,d sales in %.1f s = %,.0f deliveries/s; DELIVERED %,d; simulator records %s; attempt rows %,d%n",
                count, seconds, count / seconds, delivered, records, attempts);
    }

    /** Valid sales from a fixed seed: random valid CPFs, 1–5 lines, consistent totals, unique sold_at. */
    static final class Generator {

        private final Random random;
        private final LocalDateTime base = LocalDateTime.of(2025, 1, 1, 0, 0);
        private long sequence;

        Generator(long seed) {
            this.random = new Random(seed);
        }

        synchronized String next() {
            int[] d = new int[11];
            do {
                for (int i = 0; i < 9; i++) {
                    d[i] = random.nextInt(10);
                }
            } while (d[0] == d[1] && d[1] == d[2]);
            d[9] = check(d, 9);
            d[10] = check(d, 10);
            StringBuilder cpf = new StringBuilder();
            for (int digit : d) {
                cpf.append(digit);
            }
            int lines = 1 + random.nextInt(5);
            BigDecimal total = BigDecimal.ZERO;
            StringBuilder products = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                BigDecimal value = BigDecimal.valueOf(100 + random.nextInt(49_901), 2);
                int qty = 1 + random.nextInt(10);
                total = total.add(value.multiply(BigDecimal.valueOf(qty)));
                if (i > 0) {
                    products.append(',');
                }
                products.append("{\"type\":\"").append((char) ('A' + random.nextInt(3))).append("\",\"value\":\"").append(value.toPlainString())
                        .append("\",\"qty\":").append(qty).append('}');
            }
            String soldAt = base.plusSeconds(sequence++).toString();
            return "{\"sold_at\":\"" + soldAt + "\",\"customer\":{\"document\":\"" + cpf + "\",\"name\":\"CLIENTE " + sequence
                    + "\"},\"total\":\"" + total.toPlainString() + "\",\"products\":[" + products + "]}";
        }

        private static int check(int[] digits, int count) {
            int sum = 0;
            for (int i = 0; i < count; i++) {
                sum += digits[i] * (count + 1 - i);
            }
            return sum * 10 % 11 % 10;
        }
    }
}
