package dev.quitto.bench.fieldops;

import dev.quitto.QuittoApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The field-ops targets of spec section 10, on loopback against the service started in-process (embedded PostgreSQL
 * 17, throw-away data): {@code rounds} full imports of the generated file on emptied field-ops tables (first byte of
 * the upload to {@code COMPLETED} seen by polling every 100 ms), each checked against the generator's expected
 * counts; then re-imports of the same file on the loaded tables ({@code inserted} 0, no duplicate id); then 20
 * warm-up and 200 sequential requests per indicator variant, p50/p95/p99.
 * Usage: {@code java -cp … dev.quitto.bench.fieldops.FieldopsLoad [rows] [rounds] [imports-only]}.
 */
public final class FieldopsLoad {

    private static final String PASSWORD = "bench-password-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");

    private FieldopsLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_048_575;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean latencies = args.length <= 2 || !args[2].equals("imports-only");
        Path file = Files.createTempFile("bd_desafio_generated", ".csv");
        long generating = System.nanoTime();
        LastMileFile.Expected expected = LastMileFile.write(file, rows, 20211231L);
        System.out.printf(Locale.ROOT, "generated %s: %,d rows, %,d bytes in %.1f s; expected rejected %,d, duplicates %,d, accepted %,d, "
                        + "on time %,d, late %,d, unvisited %,d%n", file, rows, Files.size(file), (System.nanoTime() - generating) / 1e9,
                expected.rejected(), expected.duplicates(), expected.accepted(), expected.onTime(), expected.late(), expected.unvisited());
        ConfigurableApplicationContext context = SpringApplication.run(QuittoApplication.class,
                "--server.port=0", "--quitto.database.embedded.ephemeral=true", "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef",
                "--quitto.security.access-token-ttl=2h", "--logging.level.root=warn", "--logging.level.dev.quitto=warn",
                "--logging.level.dev.quitto.platform.imports=info", "--logging.level.dev.quitto.fieldops=info", "--spring.main.banner-mode=off");
        try {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            jdbc.sql("insert into platform_user (email, first_name, password_hash, active, created_at) values ('bench-fieldops@example.com', 'Ops', :hash, true, now())")
                    .param("hash", context.getBean(PasswordEncoder.class).encode(PASSWORD)).update();
            jdbc.sql("insert into platform_user_role (user_id, role) select id, 'OPERATOR' from platform_user where email = 'bench-fieldops@example.com'").update();
            String token = token(base);
            List<Long> imports = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                jdbc.sql("truncate fieldops_visit, fieldops_angel, fieldops_polo, fieldops_client, fieldops_sla_day, fieldops_sla_total, fieldops_visit_day restart identity").update();
                jdbc.sql("vacuum analyze fieldops_visit").update();
                long ms = importOnce(base, token, file, "full import " + round, expected, jdbc, false);
                imports.add(ms);
            }
            System.out.printf(Locale.ROOT, "full import median: %d ms%n", median(imports));
            List<Long> reimports = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                reimports.add(importOnce(base, token, file, "re-import " + round, expected, jdbc, true));
            }
            System.out.printf(Locale.ROOT, "re-import median: %d ms%n", median(reimports));
            if (!latencies) {
                return;
            }
            jdbc.sql("analyze").update();
            String month = "&from=2021-09-01&to=2021-09-30";
            latency(base, token, "SLA by polo, unbounded", "/api/v1/fieldops/indicators/sla?by=polo");
            latency(base, token, "SLA by angel, unbounded, size=100", "/api/v1/fieldops/indicators/sla?by=angel&size=100");
            latency(base, token, "SLA by polo, one month", "/api/v1/fieldops/indicators/sla?by=polo" + month);
            latency(base, token, "SLA by angel, one month, size=100", "/api/v1/fieldops/indicators/sla?by=angel&size=100" + month);
            latency(base, token, "productivity by angel, one month", "/api/v1/fieldops/indicators/productivity?by=angel&size=100" + month);
            latency(base, token, "productivity by angel, full range", "/api/v1/fieldops/indicators/productivity?by=angel&size=100");
            latency(base, token, "visit list, polo + deadline range, first page",
                    "/api/v1/fieldops/visits?polo=PE%20-%20OLINDA&deadlineFrom=2021-09-01&deadlineTo=2021-09-30");
            latency(base, token, "seed angel_productivity at_most=100", "/api/v1/atendimento/angel_productivity?at_most=100");
        } finally {
            context.close();
            Files.deleteIfExists(file);
        }
    }

    private static long importOnce(String base, String token, Path file, String label, LastMileFile.Expected expected, JdbcClient jdbc,
                                   boolean reimport) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/fieldops/imports"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload: " + accepted.statusCode() + " " + accepted.body());
        }
        String location = accepted.headers().firstValue("Location").orElseThrow();
        long acceptedAt = System.nanoTime();
        String body;
        while (true) {
            body = get(base, token, location);
            Matcher status = STATUS.matcher(body);
            if (status.find() && (status.group(1).equals("COMPLETED") || status.group(1).equals("FAILED"))) {
                break;
            }
            Thread.sleep(100);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        Map<String, Long> counts = counts(body);
        long visits = jdbc.sql("select count(*) from fieldops_visit").query(Long.class).single();
        long distinct = jdbc.sql("select count(distinct id) from fieldops_visit").query(Long.class).single();
        Map<String, Object> totals = jdbc.sql("""
                select coalesce(sum(on_time), 0) as on_time, coalesce(sum(late), 0) as late, coalesce(sum(unvisited), 0) as unvisited
                from fieldops_sla_total""").query().singleRow();
        boolean ok = counts.get("rowsRead") == expected.rows() && counts.get("rejected") == expected.rejected()
                && counts.get("duplicates") == expected.duplicates() && counts.get("accepted") == expected.accepted()
                && visits == distinct && visits == expected.accepted()
                && ((Number) totals.get("on_time")).longValue() == expected.onTime() && ((Number) totals.get("late")).longValue() == expected.late()
                && ((Number) totals.get("unvisited")).longValue() == expected.unvisited()
                && (reimport ? counts.get("inserted") == 0 && counts.get("unchanged").longValue() == counts.get("accepted").longValue()
                : counts.get("inserted") == expected.accepted());
        long mismatchedPolos = 0;
        for (var entry : expected.byPolo().entrySet()) {
            Map<String, Object> stored = jdbc.sql("""
                    select coalesce(sum(t.on_time), 0) as on_time, coalesce(sum(t.late), 0) as late, coalesce(sum(t.unvisited), 0) as unvisited
                    from fieldops_sla_total t join fieldops_polo p on p.id = t.polo_id where p.name = :name""").param("name", entry.getKey())
                    .query().singleRow();
            if (((Number) stored.get("on_time")).longValue() != entry.getValue().onTime()
                    || ((Number) stored.get("late")).longValue() != entry.getValue().late()
                    || ((Number) stored.get("unvisited")).longValue() != entry.getValue().unvisited()) {
                mismatchedPolos++;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d ms (upload %d ms), counts %s, visits %,d (distinct %,d), polos mismatched %d -> %s%n", label, ms,
                (acceptedAt - started) / 1_000_000, counts, visits, distinct, mismatchedPolos, ok && mismatchedPolos == 0 ? "OK" : "MISMATCH");
        return ms;
    }

    private static Map<String, Long> counts(String body) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (String name : List.of("rowsRead", "accepted", "duplicates", "rejected", "inserted", "updated", "unchanged", "angelsCreated",
                "polosCreated", "clientsCreated")) {
            Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(body);
            counts.put(name, matcher.find() ? Long.parseLong(matcher.group(1)) : -1L);
        }
        return counts;
    }

    private static void latency(String base, String token, String label, String path) throws Exception {
        for (int i = 0; i < 20; i++) {
            get(base, token, path);
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            get(base, token, path);
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-45s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms   %s%n", label, nanos[99] / 1e6, nanos[189] / 1e6,
                nanos[197] / 1e6, path);
    }

    private static String get(String base, String token, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String token(String base) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/token/")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench-fieldops@example.com\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher access = Pattern.compile("\"access\":\"([^\"]+)\"").matcher(response.body());
        if (!access.find()) {
            throw new IllegalStateException("login: " + response.body());
        }
        return access.group(1);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
