package dev.quitto.bench;

import dev.quitto.QuittoApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The consultation -> finance hand-off under load (consultation-finance.md section 10), on loopback, against the
 * service in one process (embedded throw-away PostgreSQL 17), HTTP Basic as the seed's clients send it:
 * <ul>
 *   <li>{@code latency}: 1,000 finishes at a steady 50/s with finance up; latency = finance_record.created_at - delivery
 *       created_at, p50/p95/p99;</li>
 *   <li>{@code drain}: finance (a second context with profile {@code finance-only} on its own port, same database) is not
 *       running while 10,000 consultations finish; then it starts; time from its accepting connections until no charge
 *       is PENDING, and the finance records counted;</li>
 *   <li>{@code throughput}: open model, {@code rate} starts/s + {@code rate} finishes/s (each finish for a consultation
 *       started at least 1 s earlier), 100,000 patients and 200 physicians from seed 42, warm-up then measured
 *       seconds; p50/p95/p99 per operation from the scheduled send time, errors, and time for PENDING to reach 0.</li>
 * </ul>
 * Usage: {@code java -cp target/benchmarks.jar dev.quitto.bench.ConsultationLoad latency|drain|throughput|closed|floor [rate or clients] [warm-up s] [measured s]}.
 */
public final class ConsultationLoad {

    private static final String USER = "bench-clinic";
    private static final String PASSWORD = "bench-password-1";
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private ConsultationLoad() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "latency";
        int servicePort = freePort();
        int financePort = mode.equals("drain") ? freePort() : servicePort;
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + servicePort, "--quitto.database.embedded.ephemeral=true",
                "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef", "--logging.level.root=warn", "--logging.level.dev.quitto=warn",
                "--spring.main.banner-mode=off", "--quitto.consultation.charges.finance-username=" + USER,
                "--quitto.consultation.charges.finance-password=" + PASSWORD,
                "--quitto.consultation.charges.finance-url=http://127.0.0.1:" + financePort + "/api/v1/finance/records"));
        ConfigurableApplicationContext service = SpringApplication.run(QuittoApplication.class, arguments.toArray(String[]::new));
        try {
            JdbcClient jdbc = service.getBean(JdbcClient.class);
            createUser(jdbc, service.getBean(PasswordEncoder.class));
            String base = "http://127.0.0.1:" + servicePort;
            System.out.printf(Locale.ROOT, "%s; %d cores; %s; load average %s%n", mode, Runtime.getRuntime().availableProcessors(), Runtime.version(),
                    loadAverage());
            switch (mode) {
                case "latency" -> latency(base, jdbc);
                case "drain" -> drain(base, jdbc, service.getEnvironment(), financePort);
                case "throughput" -> throughput(base, jdbc, args.length > 1 ? Integer.parseInt(args[1]) : 1000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 30, args.length > 3 ? Integer.parseInt(args[3]) : 60);
                case "closed" -> closed(base, jdbc, args.length > 1 ? Integer.parseInt(args[1]) : 32,
                        args.length > 2 ? Integer.parseInt(args[2]) : 10, args.length > 3 ? Integer.parseInt(args[3]) : 30);
                case "floor" -> floor(base, jdbc, args.length > 1 ? Integer.parseInt(args[1]) : 8,
                        args.length > 2 ? Integer.parseInt(args[2]) : 30, args.length > 3 ? Integer.parseInt(args[3]) : 20);
                default -> throw new IllegalArgumentException("mode is latency, drain, throughput, closed or floor");
            }
        } finally {
            service.close();
        }
    }

    private static void latency(String base, JdbcClient jdbc) throws Exception {
        warmUp(base, 500);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(start(base, UUID.randomUUID(), UUID.randomUUID()).id());
        }
        long t0 = System.nanoTime();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < ids.size(); i++) {
                LockSupport.parkNanos(t0 + i * 20_000_000L - System.nanoTime());
                String id = ids.get(i);
                calls.submit(() -> finish(base, id));
            }
        }
        awaitNoPending(jdbc, TimeUnit.MINUTES.toNanos(2));
        double[] ms = jdbc.sql("""
                        select extract(epoch from (f.created_at - d.created_at)) * 1000 from finance_record f
                        join platform_delivery d on d.destination = 'finance' and d.business_key = f.appointment_id::text
                        where f.appointment_id = any(:ids) order by 1""")
                .param("ids", ids.stream().map(UUID::fromString).toArray(UUID[]::new)).query(Double.class).list().stream()
                .mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "hand-off latency over %d finishes at 50/s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms.length, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms[ms.length - 1]);
    }

    private static void drain(String base, JdbcClient jdbc, Environment environment, int financePort) throws Exception {
        Semaphore clients = new Semaphore(32);
        long t0 = System.nanoTime();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10_000; i++) {
                clients.acquire();
                calls.submit(() -> {
                    try {
                        finish(base, start(base, UUID.randomUUID(), UUID.randomUUID()).id());
                    } finally {
                        clients.release();
                    }
                    return null;
                });
            }
        }
        System.out.printf(Locale.ROOT, "10,000 consultations started and finished with finance down in %.1f s; pending %d%n",
                (System.nanoTime() - t0) / 1e9, pending(jdbc));
        Thread.sleep(10_000);
        System.out.printf(Locale.ROOT, "after 10 s more: pending %d, attempts so far %d%n", pending(jdbc),
                jdbc.sql("select sum(attempts) from platform_delivery where destination = 'finance'").query(Long.class).single());
        ConfigurableApplicationContext finance = SpringApplication.run(QuittoApplication.class, "--spring.profiles.active=finance-only",
                "--server.port=" + financePort, "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef", "--logging.level.root=warn", "--spring.main.banner-mode=off");
        try {
            long up = System.nanoTime();
            awaitNoPending(jdbc, TimeUnit.MINUTES.toNanos(5));
            double seconds = (System.nanoTime() - up) / 1e9;
            long records = jdbc.sql("select count(*) from finance_record").query(Long.class).single();
            long dead = jdbc.sql("select count(*) from platform_delivery where destination = 'finance' and status = 'DEAD'").query(Long.class).single();
            System.out.printf(Locale.ROOT, "backlog of 10,000 drained %.1f s after finance accepted connections; finance records %d; dead %d%n",
                    seconds, records, dead);
        } finally {
            finance.close();
        }
    }

    private static void throughput(String base, JdbcClient jdbc, int rate, int warmUpSeconds, int measuredSeconds) throws Exception {
        Random random = new Random(42);
        UUID[] patients = new UUID[100_000];
        UUID[] physicians = new UUID[200];
        for (int i = 0; i < patients.length; i++) {
            patients[i] = new UUID(random.nextLong(), random.nextLong());
        }
        for (int i = 0; i < physicians.length; i++) {
            physicians[i] = new UUID(random.nextLong(), random.nextLong());
        }
        ConcurrentLinkedQueue<Started> open = new ConcurrentLinkedQueue<>();
        Stats warmStarts = new Stats();
        Stats warmFinishes = new Stats();
        Stats starts = new Stats();
        Stats finishes = new Stats();
        long intervalNanos = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        long warmEnd = t0 + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(measuredSeconds);
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long k = 0; ; k++) {
                long scheduled = t0 + k * intervalNanos;
                if (scheduled >= end) {
                    break;
                }
                LockSupport.parkNanos(scheduled - System.nanoTime());
                boolean measured = scheduled >= warmEnd;
                UUID patient = patients[(int) (k % patients.length)];
                UUID physician = physicians[(int) (k % physicians.length)];
                Stats startStats = measured ? starts : warmStarts;
                calls.submit(() -> {
                    Result result = start(base, physician, patient);
                    startStats.record(result.ok(), System.nanoTime() - scheduled);
                    if (result.ok()) {
                        open.add(new Started(result.id(), System.nanoTime()));
                    }
                });
                Started due = open.peek();
                if (due != null && System.nanoTime() - due.at() >= 1_000_000_000L && open.remove(due)) {
                    Stats finishStats = measured ? finishes : warmFinishes;
                    calls.submit(() -> finishStats.record(finish(base, due.id()), System.nanoTime() - scheduled));
                }
            }
        }
        long stopped = System.nanoTime();
        awaitNoPending(jdbc, TimeUnit.MINUTES.toNanos(5));
        double drain = (System.nanoTime() - stopped) / 1e9;
        System.out.printf(Locale.ROOT, "warm-up %d s: starts %s; finishes %s%n", warmUpSeconds, warmStarts, warmFinishes);
        System.out.printf(Locale.ROOT, "measured %d s at %d starts/s + %d finishes/s offered:%n  starts   %s (%.0f/s)%n  finishes %s (%.0f/s)%n"
                        + "  together %.0f requests/s; PENDING reached 0 %.1f s after the load stopped%n",
                measuredSeconds, rate, rate, starts, starts.count() / (double) measuredSeconds, finishes, finishes.count() / (double) measuredSeconds,
                (starts.count() + finishes.count()) / (double) measuredSeconds, drain);
        System.out.printf(Locale.ROOT, "finance records %d, consultations finished %d%n",
                jdbc.sql("select count(*) from finance_record").query(Long.class).single(),
                jdbc.sql("select count(*) from consultation where end_date is not null").query(Long.class).single());
    }

    /**
     * Closed model, for the capacity the machine has left: {@code clients} clients, each starting a consultation for a
     * new patient and finishing the one it started at least 1 s earlier, back to back.
     */
    private static void closed(String base, JdbcClient jdbc, int clients, int warmUpSeconds, int measuredSeconds) throws Exception {
        Stats starts = new Stats();
        Stats finishes = new Stats();
        long t0 = System.nanoTime();
        long warmEnd = t0 + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(measuredSeconds);
        long postmaster = CpuMeter.postmasterOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single());
        String cpu;
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                calls.submit(() -> {
                    java.util.ArrayDeque<Started> mine = new java.util.ArrayDeque<>();
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        Result result = start(base, UUID.randomUUID(), UUID.randomUUID());
                        if (sent >= warmEnd) {
                            starts.record(result.ok(), System.nanoTime() - sent);
                        }
                        if (result.ok()) {
                            mine.add(new Started(result.id(), System.nanoTime()));
                        }
                        Started due = mine.peek();
                        if (due != null && System.nanoTime() - due.at() >= 1_000_000_000L) {
                            mine.poll();
                            long finishSent = System.nanoTime();
                            boolean ok = finish(base, due.id());
                            if (finishSent >= warmEnd) {
                                finishes.record(ok, System.nanoTime() - finishSent);
                            }
                        }
                    }
                    return null;
                });
            }
            TimeUnit.NANOSECONDS.sleep(warmEnd - System.nanoTime());
            CpuMeter measuredFrom = CpuMeter.now(postmaster);
            TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
            cpu = CpuMeter.now(postmaster).perRequestSince(measuredFrom, starts.count() + finishes.count());
        }
        long stopped = System.nanoTime();
        awaitNoPending(jdbc, TimeUnit.MINUTES.toNanos(5));
        System.out.printf(Locale.ROOT, "closed model, %d clients, measured %d s after %d s warm-up:%n  starts   %s (%.0f/s)%n  finishes %s (%.0f/s)%n"
                        + "  together %.0f requests/s; PENDING reached 0 %.1f s after the load stopped%n",
                clients, measuredSeconds, warmUpSeconds, starts, starts.count() / (double) measuredSeconds, finishes,
                finishes.count() / (double) measuredSeconds, (starts.count() + finishes.count()) / (double) measuredSeconds,
                (System.nanoTime() - stopped) / 1e9);
        System.out.println("  " + cpu + " (each finish also costs its delivery to the in-process finance)");
    }

    /**
     * What the stack costs before a module's own work, with the same clients as {@code closed}: the liveness probe
     * (Tomcat, the platform's filters, no security, no SQL) and an authenticated read of a finance record that does not
     * exist (HTTP Basic from the cache, the account lookup, one primary-key query, a 404 problem body).
     */
    private static void floor(String base, JdbcClient jdbc, int clients, int warmUpSeconds, int measuredSeconds) throws Exception {
        long postmaster = CpuMeter.postmasterOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single());
        closedLoop("GET /actuator/health/liveness", clients, warmUpSeconds, measuredSeconds, postmaster,
                () -> get(base + "/actuator/health/liveness", false), 200);
        closedLoop("GET /api/v1/finance/records/{unknown id}, HTTP Basic", clients, warmUpSeconds, measuredSeconds, postmaster,
                () -> get(base + "/api/v1/finance/records/" + UUID.randomUUID(), true), 404);
    }

    private static void closedLoop(String name, int clients, int warmUpSeconds, int measuredSeconds, long postmaster,
                                   java.util.function.IntSupplier call, int expected) throws Exception {
        Stats stats = new Stats();
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(measuredSeconds);
        String cpu;
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                calls.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        boolean ok = call.getAsInt() == expected;
                        if (sent >= warmEnd) {
                            stats.record(ok, System.nanoTime() - sent);
                        }
                    }
                    return null;
                });
            }
            TimeUnit.NANOSECONDS.sleep(warmEnd - System.nanoTime());
            CpuMeter measuredFrom = CpuMeter.now(postmaster);
            TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
            cpu = CpuMeter.now(postmaster).perRequestSince(measuredFrom, stats.count());
        }
        System.out.printf(Locale.ROOT, "%s, %d clients, %d s after %d s warm-up: %s (%.0f/s)%n  %s%n", name, clients, measuredSeconds,
                warmUpSeconds, stats, stats.count() / (double) measuredSeconds, cpu);
    }

    private static int get(String url, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authenticated) {
            request.header("Authorization", AUTHORIZATION);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    record Started(String id, long at) {
    }

    record Result(boolean ok, String id) {
    }

    static final class Stats {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        private final AtomicLong errors = new AtomicLong();

        void record(boolean ok, long latencyNanos) {
            if (ok) {
                nanos.add(latencyNanos);
            } else {
                errors.incrementAndGet();
            }
        }

        long count() {
            return nanos.size() + errors.get();
        }

        @Override
        public String toString() {
            double[] ms = nanos.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
            if (ms.length == 0) {
                return "no successes, " + errors.get() + " errors";
            }
            return String.format(Locale.ROOT, "%d ok, %d errors, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", ms.length, errors.get(),
                    percentile(ms, 50), percentile(ms, 95), percentile(ms, 99));
        }
    }

    private static void warmUp(String base, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            finish(base, start(base, UUID.randomUUID(), UUID.randomUUID()).id());
        }
    }

    private static Result start(String base, UUID physician, UUID patient) {
        HttpResponse<String> response = send(base + "/app/consultation/start/", "POST",
                "{\"physician_id\": \"" + physician + "\", \"patient_id\": \"" + patient + "\"}");
        if (response == null || response.statusCode() != 201) {
            return new Result(false, "");
        }
        String body = response.body();
        int at = body.indexOf("\"id\":\"") + 6;
        return new Result(true, body.substring(at, at + 36));
    }

    private static boolean finish(String base, String id) {
        HttpResponse<String> response = send(base + "/app/consultation/finish/", "PUT", "{\"consultation_id\": \"" + id + "\"}");
        return response != null && response.statusCode() == 202;
    }

    private static HttpResponse<String> send(String url, String method, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("Authorization", AUTHORIZATION).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long pending(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from platform_delivery where destination = 'finance' and status = 'PENDING'").query(Long.class).single();
    }

    private static void awaitNoPending(JdbcClient jdbc, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (pending(jdbc) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending(jdbc) + " charges still PENDING");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void createUser(JdbcClient jdbc, PasswordEncoder passwords) {
        long id = jdbc.sql("insert into platform_user (username, first_name, password_hash, active, created_at) values (:u, 'Bench', :h, true, now()) returning id")
                .param("u", USER).param("h", passwords.encode(PASSWORD)).query(Long.class).single();
        for (String role : List.of("CLINIC", "FINANCE", "OPERATOR")) {
            jdbc.sql("insert into platform_user_role (user_id, role) values (:id, :role)").param("id", id).param("role", role).update();
        }
    }

    private static double percentile(double[] sorted, int p) {
        double[] values = sorted.clone();
        Arrays.sort(values);
        int index = (int) Math.ceil(p / 100.0 * values.length) - 1;
        return values[Math.max(0, Math.min(values.length - 1, index))];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
