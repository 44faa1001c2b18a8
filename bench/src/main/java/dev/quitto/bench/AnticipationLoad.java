package dev.quitto.bench;

import dev.quitto.QuittoApplication;
import dev.quitto.anticipation.supplier.Cnpj;
import dev.quitto.platform.time.BusinessTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The anticipation module under load, on loopback: starts the service (embedded PostgreSQL 17, throw-away data),
 * generates {@code payments} payments over {@code suppliers} suppliers with set-based SQL, then measures
 * <ol>
 *   <li>the filtered payment listing (seed and canonical paths, pages 1-10, 80 % supplier-scoped, 20 % operator-wide,
 *       a random filter among the six), one client, p50/p95/p99;</li>
 *   <li>anticipation create and then approve throughput with {@code clients} concurrent clients on virtual threads,
 *       each for {@code seconds} seconds.</li>
 * </ol>
 * Usage: {@code java -cp … dev.quitto.bench.AnticipationLoad [payments] [suppliers] [seconds] [clients] [warm-up seconds per operation]}
 * (warm-up default: half of {@code seconds}).
 */
public final class AnticipationLoad {

    private static final String PASSWORD = "bench-password-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private AnticipationLoad() {
    }

    public static void main(String[] args) throws Exception {
        int payments = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int suppliers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int warmUpSeconds = args.length > 4 ? Integer.parseInt(args[4]) : Math.max(5, seconds / 2);
        ConfigurableApplicationContext context = SpringApplication.run(QuittoApplication.class,
                "--server.port=0", "--quitto.database.embedded.ephemeral=true", "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef",
                "--quitto.security.access-token-ttl=2h", "--quitto.security.login-rate-limit.per-address=1000000",
                "--logging.level.root=warn", "--logging.level.dev.quitto=warn", "--spring.main.banner-mode=off");
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port;
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            LocalDate today = BusinessTime.today(context.getBean(Clock.class));
            long started = System.nanoTime();
            generate(jdbc, context.getBean(JdbcTemplate.class), context.getBean(PasswordEncoder.class), payments, suppliers, today);
            System.out.printf(Locale.ROOT, "generated %,d payments over %,d suppliers in %.1f s%n", payments, suppliers, (System.nanoTime() - started) / 1e9);
            printCounts(jdbc, today);

            String operator = token(base, "bench-operator@example.com");
            List<Long> heavy = jdbc.sql("select id from anticipation_supplier where corporate_name like 'Bench heavy %' order by id limit 40").query(Long.class).list();
            List<String> supplierTokens = new ArrayList<>();
            for (long supplier : heavy) {
                supplierTokens.add(token(base, "bench-" + supplier + "@example.com"));
            }
            listing(base, operator, supplierTokens);
            throughput(base, operator, jdbc, today, seconds, warmUpSeconds, clients);
        } finally {
            context.close();
        }
    }

    /** Users, suppliers, payments and ~30 % requests, set-based. */
    private static void generate(JdbcClient jdbc, JdbcTemplate template, PasswordEncoder passwords, int payments, int suppliers, LocalDate today) {
        String hash = passwords.encode(PASSWORD);
        jdbc.sql("insert into platform_user (email, first_name, password_hash, active, created_at) values ('bench-operator@example.com', 'Operator', :hash, true, now())")
                .param("hash", hash).update();
        jdbc.sql("insert into platform_user_role (user_id, role) select id, 'OPERATOR' from platform_user where email = 'bench-operator@example.com'").update();
        jdbc.sql("""
                        insert into platform_user (email, first_name, password_hash, active, created_at)
                        select 'bench-user-' || n || '@example.com', 'Supplier ' || n, :hash, true, now() from generate_series(1, :n) n""")
                .param("hash", hash).param("n", suppliers).update();
        jdbc.sql("insert into platform_user_role (user_id, role) select id, 'SUPPLIER' from platform_user where email like 'bench-user-%'").update();
        List<Object[]> rows = new ArrayList<>();
        List<Long> userIds = jdbc.sql("select id from platform_user where email like 'bench-user-%' order by id").query(Long.class).list();
        for (int i = 0; i < userIds.size(); i++) {
            String cnpj = Cnpj.withCheckDigits(String.format(Locale.ROOT, "%08d0001", 10_000_000 + i)).value();
            rows.add(new Object[]{userIds.get(i), (i < 300 ? "Bench heavy " : "Bench ") + i, cnpj});
        }
        template.batchUpdate("insert into anticipation_supplier (user_id, corporate_name, cnpj, created_at) values (?, ?, ?, now())", rows);
        jdbc.sql("update platform_user u set email = 'bench-' || s.id || '@example.com' from anticipation_supplier s where s.user_id = u.id").update();
        long first = jdbc.sql("select min(id) from anticipation_supplier").query(Long.class).single();
        // 70 % spread over every supplier, 30 % over the 300 heavy ones (~1,000 payments each).
        jdbc.sql("""
                        insert into anticipation_payment (supplier_id, issue_date, due_date, value, created_at)
                        select case when random() < 0.3 then :first + floor(random() * 300)::int else :first + floor(random() * :suppliers)::int end,
                               d.created::date, cast(:today as date) + (floor(random() * 361)::int - 180),
                               round((100 + random() * 99900)::numeric, 2), d.created
                        from (select now() - random() * interval '180 days' as created from generate_series(1, :payments)) d""")
                .param("first", first).param("suppliers", suppliers).param("today", today).param("payments", payments).update();
        jdbc.sql("""
                        insert into anticipation_request (payment_id, supplier_id, status, original_value, original_due_date, new_due_date, new_value,
                            days_in_advance, monthly_rate, period_days, requested_by, requested_by_role, requested_at, decided_by, decided_by_role,
                            decided_at, updated_at)
                        select p.id, p.supplier_id, r.status, p.value, p.due_date, p.due_date - 1, round(p.value * 0.999, 2), 1, 0.03, 30,
                               s.user_id, 'SUPPLIER', p.created_at, case when r.status = 'PENDING' then null else s.user_id end,
                               case when r.status = 'PENDING' then null else 'OPERATOR' end,
                               case when r.status = 'PENDING' then null else p.created_at end, p.created_at
                        from anticipation_payment p join anticipation_supplier s on s.id = p.supplier_id
                        cross join lateral (select (array['PENDING', 'APPROVED', 'DENIED'])[1 + (p.id % 3)] as status) r
                        where p.id % 10 < 3""").update();
        jdbc.sql("""
                        update anticipation_payment p set anticipation_state = a.status, current_anticipation_id = a.id
                        from anticipation_request a where a.payment_id = p.id""").update();
        jdbc.sql("vacuum analyze anticipation_payment").update();
        jdbc.sql("analyze anticipation_request").update();
        jdbc.sql("analyze anticipation_supplier").update();
    }

    private static void printCounts(JdbcClient jdbc, LocalDate today) {
        jdbc.sql("""
                        select anticipation_state, due_date > :today as open, count(*) from anticipation_payment group by 1, 2 order by 1, 2""")
                .param("today", today)
                .query((rs, row) -> rs.getString(1) + (rs.getBoolean(2) ? " due>today " : " due<=today ") + rs.getLong(3)).list()
                .forEach(line -> System.out.println("  " + line));
        System.out.println("  heaviest supplier: " + jdbc.sql("select max(n) from (select count(*) n from anticipation_payment group by supplier_id) c")
                .query(Long.class).single() + " payments");
    }

    private static String token(String base, String email) throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(base + "/api/token/")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")), 200).body();
        int start = body.indexOf("\"access\":\"") + 10;
        return body.substring(start, body.indexOf('"', start));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static void listing(String base, String operator, List<String> supplierTokens) throws Exception {
        String[] filters = {"A", "U", "PC", "AN", "D", "ALL"};
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, List<Long>> byKind = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        int warmUp = 1000;
        int measured = 4000;
        for (int i = 0; i < warmUp + measured; i++) {
            boolean operatorWide = random.nextInt(100) < 20;
            String token = operatorWide ? operator : supplierTokens.get(random.nextInt(supplierTokens.size()));
            String filter = filters[random.nextInt(filters.length)];
            int page = 1 + random.nextInt(10);
            boolean seed = random.nextBoolean();
            String path = seed ? "/api/payments/?status=" + filter + (page > 1 ? "&page=" + page : "")
                    : "/api/v1/anticipation/payments?status=" + filter + "&page=" + page;
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - start) / 1000;
            if (response.statusCode() != 200 && !(seed && response.statusCode() == 404)) {
                throw new IllegalStateException(path + " " + response.statusCode() + " " + response.body());
            }
            if (i >= warmUp) {
                all.add(micros);
                byKind.computeIfAbsent((operatorWide ? "operator " : "supplier ") + filter, k -> new ArrayList<>()).add(micros);
            }
        }
        System.out.println();
        System.out.println("Filtered payment listing, " + measured + " sequential requests after " + warmUp + " warm-up (ms):");
        System.out.println(line("all", all));
        byKind.forEach((kind, values) -> System.out.println(line(kind, values)));
    }

    private static String line(String name, List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "  %-14s n=%5d  p50=%6.1f  p95=%6.1f  p99=%6.1f", name, sorted.length,
                percentile(sorted, 50) / 1000.0, percentile(sorted, 95) / 1000.0, percentile(sorted, 99) / 1000.0);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void throughput(String base, String operator, JdbcClient jdbc, LocalDate today, int seconds, int warmUp, int clients)
            throws Exception {
        ConcurrentLinkedQueue<Long> available = new ConcurrentLinkedQueue<>(jdbc.sql(
                        "select id from anticipation_payment where anticipation_state = 'NONE' and due_date > :today order by random() limit 400000")
                .param("today", today).query(Long.class).list());
        ConcurrentLinkedQueue<Long> created = new ConcurrentLinkedQueue<>();
        System.out.println();
        long postmaster = CpuMeter.postmasterOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single());
        Call create = () -> {
            Long payment = available.poll();
            if (payment == null) {
                return -1;
            }
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/anticipations/"))
                    .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"payment\":" + payment + ",\"new_due_date\":\"" + today + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                String body = response.body();
                created.add(Long.parseLong(body.substring(6, body.indexOf(','))));
            }
            return response.statusCode();
        };
        Call approve = () -> {
            Long anticipation = created.poll();
            if (anticipation == null) {
                return -1;
            }
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/anticipation/anticipations/" + anticipation + "/approve"))
                    .header("Authorization", "Bearer " + operator).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        };
        // A cold JVM interprets and compiles the request path for its first tens of thousands of requests: warm both up
        run("create  (warm-up)", warmUp, clients, postmaster, create);
        run("approve (warm-up)", warmUp, clients, postmaster, approve);
        run("create  POST /api/anticipations/", seconds, clients, postmaster, create);
        run("approve POST /api/v1/anticipation/anticipations/{id}/approve", seconds, clients, postmaster, approve);
        System.out.println("  mail rows written: " + jdbc.sql("select count(*) from platform_mail where business_key like 'anticipation:log:%'").query(Long.class).single());
    }

    interface Call {
        int call() throws Exception;
    }

    private static void run(String name, int seconds, int clients, long postmaster, Call call) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger exhausted = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch start = new CountDownLatch(1);
        long began;
        CpuMeter cpuFrom;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                executor.submit(() -> {
                    start.await();
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        int status = call.call();
                        if (status < 0) {
                            exhausted.incrementAndGet();
                            break;
                        }
                        latencies.add((System.nanoTime() - t) / 1000);
                        if (status / 100 == 2) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            began = System.nanoTime();
            cpuFrom = CpuMeter.now(postmaster);
            start.countDown();
        }
        CpuMeter cpuTo = CpuMeter.now(postmaster);
        double elapsed = (System.nanoTime() - began) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: %,d ok, %,d errors in %.1f s with %d clients = %.0f req/s; p50 %.1f ms, p99 %.1f ms%s%n", name, ok.get(), errors.get(),
                elapsed, clients, ok.get() / elapsed, percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0,
                exhausted.get() > 0 ? " (work list exhausted)" : "");
        System.out.println("  " + cpuTo.perRequestSince(cpuFrom, ok.get() + errors.get()));
        Arrays.fill(sorted, 0);
    }
}
