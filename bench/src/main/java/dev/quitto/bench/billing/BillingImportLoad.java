package dev.quitto.bench.billing;

import dev.quitto.QuittoApplication;
import dev.quitto.bench.imports.KanastraFile;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Billing's debt import end to end on loopback (billing.md 10): starts the service in-process (embedded PostgreSQL 17,
 * throw-away data, e-mail hand-over off so the measure is "debts, invoices and INVOICE e-mail jobs committed"), writes a
 * fixed-seed Kanastra-shaped file, then per round: a bare {@code COPY} of the same file into an UNLOGGED table; the upload
 * ({@code POST /api/v1/billing/imports}, raw text/csv streamed from disk) timed from the first byte to {@code COMPLETED};
 * the re-upload of the same file, all duplicates. Billing's tables are emptied between rounds. Prints peak used heap.
 * Usage: {@code java -Xmx256m -cp … dev.quitto.bench.billing.BillingImportLoad [rows] [measuredRounds] [file]}.
 */
public final class BillingImportLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String LOGIN = "bench-billing@example.com";
    private static final String PASSWORD = "bench-password-1";

    private BillingImportLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path file = Path.of(args.length > 2 ? args[2] : "target/kanastra-" + rows + ".csv");
        KanastraFile.Expected expected = KanastraFile.write(file, rows);
        System.out.printf(Locale.ROOT, "file %s: %,d rows, %,d bytes, amount sum %,d%n", file, expected.rows(), expected.bytes(), expected.amountSum());
        ConfigurableApplicationContext context = SpringApplication.run(QuittoApplication.class,
                "--server.port=0", "--quitto.database.embedded.ephemeral=true", "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef",
                "--quitto.billing.mail.auto-startup=false", "--quitto.billing.reminders.cron=-", "--quitto.billing.matcher-cron=-",
                "--logging.level.root=warn", "--logging.level.dev.quitto.platform.imports=info", "--logging.level.dev.quitto.billing=info", "--spring.main.banner-mode=off");
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            DataSource dataSource = context.getBean(DataSource.class);
            createOperator(jdbc, context.getBean(PasswordEncoder.class));
            String auth = "Basic " + Base64.getEncoder().encodeToString((LOGIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                jdbc.sql("truncate billing_email, billing_invoice, billing_payment, billing_debt restart identity").update();
                jdbc.sql("vacuum analyze billing_debt").update();
                long bare = bareCopy(dataSource, jdbc, file, expected);
                System.gc();
                resetHeapPeaks();
                long first = upload(port, auth, file, jdbc, expected.rows(), true);
                long heap = heapPeak();
                long again = upload(port, auth, file, jdbc, expected.rows(), false);
                String line = String.format(Locale.ROOT, "%s: bare COPY %,d ms | upload to COMPLETED %,d ms (ratio %.2f) | re-upload %,d ms | peak heap %,d MB",
                        round == 0 ? "warm-up" : "round " + round, bare, first, (double) first / bare, again, heap / (1024 * 1024));
                System.out.println(line);
                lines.add(line);
            }
            System.out.println("---");
            lines.forEach(System.out::println);
        } finally {
            context.close();
        }
    }

    private static void createOperator(JdbcClient jdbc, PasswordEncoder passwords) {
        jdbc.sql("insert into platform_user (email, first_name, password_hash, active, created_at) values (:login, 'Bench', :hash, true, now())")
                .param("login", LOGIN).param("hash", passwords.encode(PASSWORD)).update();
        jdbc.sql("insert into platform_user_role (user_id, role) select id, 'OPERATOR' from platform_user where email = :login").param("login", LOGIN).update();
    }

    /** Uploads the file and polls until COMPLETED; checks what it created. Returns the elapsed ms from the first byte. */
    private static long upload(int port, String auth, Path file, JdbcClient jdbc, long rows, boolean fresh) throws Exception {
        long emailsBefore = count(jdbc, "billing_email");
        long start = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/billing/imports"))
                .header("Content-Type", "text/csv").header("Authorization", auth).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + accepted.statusCode() + ": " + accepted.body());
        }
        int at = accepted.body().indexOf("\"id\":\"") + 6;
        String id = accepted.body().substring(at, accepted.body().indexOf('"', at));
        String status;
        do {
            Thread.sleep(10);
            status = jdbc.sql("select status from platform_import where id = cast(:id as uuid)").param("id", id).query(String.class).single();
        } while (!status.equals("COMPLETED") && !status.equals("FAILED"));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        var counts = jdbc.sql("select accepted, duplicates, rejected from platform_import where id = cast(:id as uuid)").param("id", id).query().singleRow();
        long debts = count(jdbc, "billing_debt");
        long invoices = count(jdbc, "billing_invoice");
        long emails = count(jdbc, "billing_email");
        System.out.printf(Locale.ROOT, "  import %s %s: %s; debts %,d, invoices %,d, e-mail jobs %,d (+%,d)%n", id, status, counts, debts, invoices,
                emails, emails - emailsBefore);
        if (!status.equals("COMPLETED") || debts != rows || invoices != rows || emails != rows || (!fresh && emails != emailsBefore)) {
            throw new IllegalStateException("the import did not create exactly one debt, invoice and e-mail job per row");
        }
        return elapsed;
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static long bareCopy(DataSource dataSource, JdbcClient jdbc, Path file, KanastraFile.Expected expected) throws Exception {
        jdbc.sql("drop table if exists bench_bare_copy").update();
        jdbc.sql("create unlogged table bench_bare_copy (name text, government_id text, email text, amount numeric(12,2), due_date date, debt_id uuid) "
                + "with (autovacuum_enabled = false)").update();
        long start = System.nanoTime();
        long copied;
        try (Connection connection = dataSource.getConnection(); InputStream in = Files.newInputStream(file)) {
            copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy bench_bare_copy from stdin with (format csv, header true)", in, 64 * 1024);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (copied != expected.rows()) {
            throw new IllegalStateException("bare COPY stored " + copied + " rows");
        }
        jdbc.sql("drop table bench_bare_copy").update();
        return elapsed;
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
