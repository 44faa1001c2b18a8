package dev.quitto.bench.billing;

import dev.quitto.QuittoApplication;
import dev.quitto.bench.CpuMeter;
import dev.quitto.bench.SmtpSink;
import dev.quitto.bench.imports.KanastraFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Billing's INVOICE e-mails end to end on loopback (billing issue: "e-mail dispatch rate to a local SMTP server, target
 * >= 1,000/s"): starts the service in-process (embedded PostgreSQL 17, throw-away data) with SMTP pointed at an in-JVM
 * {@link SmtpSink}, the platform mail rate limit far above the target and billing's e-mail hand-over not started
 * ({@code quitto.billing.mail.auto-startup=false}); imports a fixed-seed Kanastra-shaped file of N rows through the upload
 * endpoint and waits for {@code COMPLETED} (N PENDING INVOICE jobs in {@code billing_email}); then starts the hand-over
 * ({@code billingHandOverLoop}) and times from that moment until every INVOICE e-mail of the import is SENT in
 * {@code platform_mail} and the sink holds exactly N distinct Message-IDs. Prints messages/s, the split between the
 * hand-over (billing_email.handed_at) and SMTP sending (platform_mail.created_at / sent_at), CPU per message of this
 * JVM (service and sink) and of the PostgreSQL server ({@link CpuMeter}), and this JVM's CPU by thread. The hand-over's
 * first pass comes one {@code quitto.billing.mail.poll-interval} (1 s) after its start, as in the service; the window
 * includes it. One run per JVM: the window also holds the JIT compilation of the paths it exercises.
 * Usage: {@code java -cp target/benchmarks.jar dev.quitto.bench.billing.BillingMailLoad [rows] [--analyze-after-import] [--name=value ...]};
 * {@code --analyze-after-import} refreshes the planner statistics of billing's tables before the hand-over starts (the
 * service does not: right after an import the planner believes almost no job is PENDING); other {@code --name=value}
 * arguments go to the service (for instance {@code --quitto.mail.workers=4}).
 */
public final class BillingMailLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String LOGIN = "bench-billing@example.com";
    private static final String PASSWORD = "bench-password-1";
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration MAIL_TIMEOUT = Duration.ofMinutes(15);

    private BillingMailLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 50_000;
        boolean analyze = false;
        List<String> service = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--analyze-after-import")) {
                analyze = true;
            } else if (arg.startsWith("--")) {
                service.add(arg);
            } else {
                rows = Integer.parseInt(arg);
            }
        }
        Path file = Path.of("target/kanastra-" + rows + ".csv");
        KanastraFile.Expected expected = KanastraFile.write(file, rows);
        System.out.printf(Locale.ROOT, "file %s: %,d rows, %,d bytes; %sservice arguments %s; load %s%n", file, expected.rows(), expected.bytes(),
                analyze ? "--analyze-after-import; " : "", service, loadAverage());

        try (SmtpSink sink = new SmtpSink()) {
            List<String> arguments = new ArrayList<>(List.of(
                    "--server.port=0", "--quitto.database.embedded.ephemeral=true", "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef",
                    "--quitto.billing.links.secret=bench-only-link-secret-0123456789",
                    "--quitto.billing.mail.auto-startup=false", "--quitto.billing.reminders.cron=-", "--quitto.billing.matcher-cron=-",
                    "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + sink.port(), "--quitto.mail.rate-per-second=1000000",
                    "--logging.level.root=warn", "--spring.main.banner-mode=off"));
            arguments.addAll(service);
            try (ConfigurableApplicationContext context = SpringApplication.run(QuittoApplication.class, arguments.toArray(String[]::new))) {
                int port = ((WebServerApplicationContext) context).getWebServer().getPort();
                JdbcClient jdbc = context.getBean(JdbcClient.class);
                SmartLifecycle handOver = context.getBean("billingHandOverLoop", SmartLifecycle.class);
                if (handOver.isRunning()) {
                    throw new IllegalStateException("billing's e-mail hand-over runs already: quitto.billing.mail.auto-startup=false was not applied");
                }
                createOperator(jdbc, context.getBean(PasswordEncoder.class));
                String auth = "Basic " + Base64.getEncoder().encodeToString((LOGIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

                UUID importId = importFile(port, auth, file, jdbc, rows);
                if (analyze) {
                    jdbc.sql("analyze billing_email, billing_invoice, billing_debt").update();
                    System.out.println("planner statistics refreshed: analyze billing_email, billing_invoice, billing_debt");
                }
                if (sink.messages() != 0) {
                    throw new IllegalStateException("the SMTP sink received " + sink.messages() + " messages before the hand-over started");
                }

                long postmaster = CpuMeter.postmasterOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single());
                String loadBefore = loadAverage();
                Map<String, Long> threadsStart = threadTicks();
                CpuMeter cpuStart = CpuMeter.now(postmaster);
                Instant started = Instant.now();
                long start = System.nanoTime();
                handOver.start();
                waitForMail(jdbc, sink, rows, start);
                long elapsed = System.nanoTime() - start;
                CpuMeter cpuEnd = CpuMeter.now(postmaster);
                Map<String, Long> threadsEnd = threadTicks();
                handOver.stop();

                check(jdbc, sink, importId, rows);
                double seconds = elapsed / 1e9;
                System.out.println("---");
                System.out.printf(Locale.ROOT, "%,d INVOICE e-mails handed over and sent to the SMTP sink in %.2f s: %.0f messages/s%n", rows, seconds,
                        rows / seconds);
                printSplit(jdbc, importId, started, rows);
                System.out.println(cpuEnd.perUnitSince(cpuStart, rows, "message"));
                System.out.println("JVM CPU in the timed window by thread (a fresh JVM: JIT compilation is its warm-up): " + byThread(threadsStart, threadsEnd, rows));
                System.out.printf(Locale.ROOT, "load average before %s, after %s%n", loadBefore, loadAverage());
            }
        }
    }

    private static void createOperator(JdbcClient jdbc, PasswordEncoder passwords) {
        jdbc.sql("insert into platform_user (email, first_name, password_hash, active, created_at) values (:login, 'Bench', :hash, true, now())")
                .param("login", LOGIN).param("hash", passwords.encode(PASSWORD)).update();
        jdbc.sql("insert into platform_user_role (user_id, role) select id, 'OPERATOR' from platform_user where email = :login").param("login", LOGIN).update();
    }

    /** Uploads the file, waits for COMPLETED, checks that there is one PENDING INVOICE job per row; returns the import's id. */
    private static UUID importFile(int port, String auth, Path file, JdbcClient jdbc, int rows) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/billing/imports"))
                .header("Content-Type", "text/csv").header("Authorization", auth).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + accepted.statusCode() + ": " + accepted.body());
        }
        int at = accepted.body().indexOf("\"id\":\"") + 6;
        UUID id = UUID.fromString(accepted.body().substring(at, accepted.body().indexOf('"', at)));
        long deadline = start + IMPORT_TIMEOUT.toNanos();
        String status;
        do {
            Thread.sleep(50);
            status = jdbc.sql("select status from platform_import where id = :id").param("id", id).query(String.class).single();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("import " + id + " still " + status + " after " + IMPORT_TIMEOUT);
            }
        } while (!status.equals("COMPLETED") && !status.equals("FAILED"));
        long pending = jdbc.sql("select count(*) from billing_email where import_id = :id and kind = 'INVOICE' and status = 'PENDING'")
                .param("id", id).query(Long.class).single();
        System.out.printf(Locale.ROOT, "import %s %s in %.2f s: %,d PENDING INVOICE e-mail jobs%n", id, status, (System.nanoTime() - start) / 1e9, pending);
        if (!status.equals("COMPLETED") || pending != rows) {
            throw new IllegalStateException("the import did not leave exactly one PENDING INVOICE e-mail job per row");
        }
        return id;
    }

    /**
     * Waits until the sink holds N distinct Message-IDs and platform mail has nothing PENDING or SENDING left (a look
     * through the two partial indexes, so the wait itself costs PostgreSQL next to nothing); counts by status, a scan
     * of platform_mail, only every 5 s for the progress line and to stop at the first FAILED or UNKNOWN.
     */
    private static void waitForMail(JdbcClient jdbc, SmtpSink sink, int rows, long start) throws InterruptedException {
        long deadline = start + MAIL_TIMEOUT.toNanos();
        long nextReport = start + Duration.ofSeconds(5).toNanos();
        while (true) {
            if (sink.distinctMessageIds() >= rows && !jdbc.sql("select exists (select 1 from platform_mail where status in ('PENDING', 'SENDING'))")
                    .query(Boolean.class).single()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("after " + MAIL_TIMEOUT + " the sink holds " + sink.distinctMessageIds() + " of " + rows + " Message-IDs");
            }
            if (now > nextReport) {
                Map<String, Object> counts = jdbc.sql("""
                                select count(*) filter (where status = 'SENT') as sent, count(*) filter (where status in ('FAILED', 'UNKNOWN')) as lost,
                                       count(*) as queued
                                from platform_mail""").query().singleRow();
                if (((Number) counts.get("lost")).longValue() > 0) {
                    throw new IllegalStateException(counts.get("lost") + " e-mails FAILED or UNKNOWN: "
                            + jdbc.sql("select status, last_error from platform_mail where status in ('FAILED', 'UNKNOWN') limit 3").query().listOfRows());
                }
                System.out.printf(Locale.ROOT, "  +%.0f s: %,d handed to platform mail, %,d SENT, sink received %,d%n", (now - start) / 1e9,
                        ((Number) counts.get("queued")).longValue(), ((Number) counts.get("sent")).longValue(), sink.messages());
                nextReport += Duration.ofSeconds(5).toNanos();
            }
            Thread.sleep(sink.distinctMessageIds() >= rows ? 2 : 10);
        }
    }

    /** Every job of the import HANDED, every one of its INVOICE e-mails SENT once, the sink holding exactly N distinct Message-IDs. */
    private static void check(JdbcClient jdbc, SmtpSink sink, UUID importId, int rows) {
        long handed = jdbc.sql("select count(*) from billing_email where import_id = :id and kind = 'INVOICE' and status = 'HANDED'")
                .param("id", importId).query(Long.class).single();
        long sent = jdbc.sql("""
                        select count(*) from billing_email e join platform_mail m on m.business_key = 'billing:' || e.invoice_id || ':INVOICE'
                        where e.import_id = :id and e.kind = 'INVOICE' and m.status = 'SENT'
                          and m.message_id = '<' || e.invoice_id || '.INVOICE@quitto.local>'""")
                .param("id", importId).query(Long.class).single();
        long all = jdbc.sql("select count(*) from platform_mail").query(Long.class).single();
        System.out.printf(Locale.ROOT, "check: %,d jobs HANDED, %,d INVOICE e-mails SENT with their deterministic Message-ID (%,d in platform_mail); "
                + "sink received %,d messages, %,d distinct Message-IDs%n", handed, sent, all, sink.messages(), sink.distinctMessageIds());
        if (handed != rows || sent != rows || all != rows || sink.messages() != rows || sink.distinctMessageIds() != rows) {
            throw new IllegalStateException("expected exactly " + rows + " INVOICE e-mails, each handed over, sent and received once");
        }
    }

    /** When the hand-over and the SMTP sending ran, from the tables' own timestamps (the service's clock), relative to the start. */
    private static void printSplit(JdbcClient jdbc, UUID importId, Instant started, int rows) {
        Map<String, Object> times = jdbc.sql("""
                        select min(e.handed_at) as first_handed, max(e.handed_at) as last_handed,
                               min(m.created_at) as first_queued, max(m.created_at) as last_queued,
                               min(m.sent_at) as first_sent, max(m.sent_at) as last_sent,
                               count(distinct e.handed_at) as hand_over_batches, count(distinct m.sent_at) as smtp_batches,
                               count(*) filter (where m.sent_at > (select max(handed_at) from billing_email where import_id = :id)) as sent_after_hand_over,
                               percentile_cont(0.5) within group (order by extract(epoch from m.sent_at - m.created_at)) as median_wait,
                               max(extract(epoch from m.sent_at - m.created_at)) as max_wait
                        from billing_email e join platform_mail m on m.business_key = 'billing:' || e.invoice_id || ':INVOICE'
                        where e.import_id = :id and e.kind = 'INVOICE'""").param("id", importId).query().singleRow();
        double firstHanded = since(started, times.get("first_handed"));
        double lastHanded = since(started, times.get("last_handed"));
        double firstQueued = since(started, times.get("first_queued"));
        double lastQueued = since(started, times.get("last_queued"));
        double firstSent = since(started, times.get("first_sent"));
        double lastSent = since(started, times.get("last_sent"));
        System.out.printf(Locale.ROOT, "hand-over (billing_email -> platform_mail): %s batches, claimed from +%.2f s to +%.2f s, the last queued at "
                        + "+%.2f s: %.0f/s from the start, %.0f/s from its first batch%n", times.get("hand_over_batches"), firstHanded, lastHanded, lastQueued,
                rows / lastQueued, rows / (lastQueued - firstHanded));
        System.out.printf(Locale.ROOT, "SMTP sending (platform_mail -> sink): first batch recorded SENT at +%.2f s, last at +%.2f s; %s batches; "
                        + "%.0f/s from the first queued mail (+%.2f s) to the last SENT%n", firstSent, lastSent, times.get("smtp_batches"),
                rows / (lastSent - firstQueued), firstQueued);
        System.out.printf(Locale.ROOT, "queue between them: %s e-mails SENT after the hand-over's last batch; wait from queued to SENT: median %.2f s, max %.2f s%n",
                times.get("sent_after_hand_over"), ((Number) times.get("median_wait")).doubleValue(), ((Number) times.get("max_wait")).doubleValue());
    }

    private static double since(Instant started, Object timestamp) {
        Instant at = switch (timestamp) {
            case Timestamp sql -> sql.toInstant();
            case OffsetDateTime offset -> offset.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + timestamp.getClass());
        };
        return Duration.between(started, at).toNanos() / 1e9;
    }

    /** CPU ticks (user + system, 10 ms each) of this JVM's live threads, summed by what they do; a thread that ended is not counted. */
    private static Map<String, Long> threadTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(group(name), Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read
                }
            }
        }
        return ticks;
    }

    private static String group(String thread) {
        if (thread.startsWith("mail-dispatcher")) {
            return "platform mail dispatcher";
        } else if (thread.startsWith("billing-mail")) {
            return "billing hand-over";
        } else if (thread.startsWith("ForkJoinPool")) {
            return "virtual-thread carriers (SMTP sink)";
        } else if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
            return "JIT compilers";
        } else if (thread.startsWith("GC ") || thread.startsWith("G1 ")) {
            return "garbage collector";
        }
        return "other";
    }

    private static String byThread(Map<String, Long> start, Map<String, Long> end, int rows) {
        Map<String, Long> used = new TreeMap<>();
        end.forEach((group, ticks) -> used.put(group, ticks - start.getOrDefault(group, 0L)));
        return String.join(", ", used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> String.format(Locale.ROOT, "%s %.2f s (%.2f ms/message)", entry.getKey(), entry.getValue() / 100.0,
                        entry.getValue() * 10.0 / rows)).toList());
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
