package dev.quitto.bench.billing;

import dev.quitto.QuittoApplication;
import dev.quitto.bench.CpuMeter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The payment webhook under load on loopback (billing.md 10): starts the service in-process (embedded PostgreSQL 17,
 * throw-away data, e-mail hand-over off), stores {@code debts} open debts with one invoice each (set-based SQL), makes
 * {@code replays} payments to replay, then runs {@code wrk} (Debian package) with a Lua script: 90 % new partial payments
 * (R$ 0.01, unique paidAt) on random debts, 10 % replays of the stored payments. wrk is a closed-model driver
 * ({@code connections} in flight), so its latencies are not corrected for coordinated omission.
 * Usage: {@code java -cp … dev.quitto.bench.billing.BillingWebhookLoad [debts] [seconds] [connections] [replays]}.
 */
public final class BillingWebhookLoad {

    private BillingWebhookLoad() {
    }

    public static void main(String[] args) throws Exception {
        int debts = args.length > 0 ? Integer.parseInt(args[0]) : 1_100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int replays = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        ConfigurableApplicationContext context = SpringApplication.run(QuittoApplication.class,
                "--server.port=0", "--quitto.database.embedded.ephemeral=true", "--quitto.security.jwt-secret=bench-only-jwt-secret-0123456789abcdef",
                "--quitto.billing.mail.auto-startup=false", "--quitto.billing.reminders.cron=-", "--quitto.billing.matcher-cron=-",
                "--logging.level.root=warn", "--spring.main.banner-mode=off");
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            long started = System.nanoTime();
            jdbc.sql("""
                    insert into billing_debt (debt_id, name, government_id, email, amount, due_date, created_at, updated_at)
                    select 'bench-' || n, 'Bench Debtor ' || n, lpad((n % 10000)::text, 4, '0'), 'd' || n || '@example.com',
                           1000 + n % 9000, date '2026-12-15', now(), now()
                    from generate_series(1, :n) n""").param("n", debts).update();
            jdbc.sql("""
                    insert into billing_invoice (id, debt_pk, nosso_numero, amount, due_date, barcode, digitable_line, pix_payload, status, issued_at)
                    select gen_random_uuid(), id, 90000000000 + id, amount, due_date, lpad(id::text, 44, '0'), lpad(id::text, 47, '0'), 'bench', 'OPEN', now()
                    from billing_debt""").update();
            jdbc.sql("vacuum analyze billing_debt").update();
            jdbc.sql("vacuum analyze billing_invoice").update();
            System.out.printf(Locale.ROOT, "stored %,d debts with invoices in %.1f s%n", debts, (System.nanoTime() - started) / 1e9);
            HttpClient http = HttpClient.newHttpClient();
            StringBuilder replayBodies = new StringBuilder();
            for (int i = 1; i <= replays; i++) {
                String body = "{\"debtId\":\"bench-" + i + "\",\"paidAt\":\"2026-11-01 10:00:00\",\"paidAmount\":\"0.01\",\"paidBy\":\"Bench\"}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/payment"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("payment answered " + response.statusCode() + ": " + response.body());
                }
                replayBodies.append(body).append('\n');
            }
            Path replayFile = Files.writeString(Path.of("target/webhook-replays.txt"), replayBodies);
            Path script = Files.writeString(Path.of("target/webhook.lua"), lua(debts, replayFile));
            run("wrk", "-t2", "-c" + connections, "-d" + Math.min(15, seconds) + "s", "-s", script.toString(), "http://127.0.0.1:" + port + "/payment");
            System.out.println("--- measured run");
            long postmaster = CpuMeter.postmasterOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single());
            long paymentsBefore = jdbc.sql("select count(*) from billing_payment").query(Long.class).single();
            CpuMeter cpuFrom = CpuMeter.now(postmaster);
            run("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s", script.toString(), "http://127.0.0.1:" + port + "/payment");
            CpuMeter cpuTo = CpuMeter.now(postmaster);
            long stored = jdbc.sql("select count(*) from billing_payment").query(Long.class).single() - paymentsBefore;
            // replays store nothing: CPU per new payment is an upper bound of CPU per request (wrk's own CPU not counted)
            System.out.println("  per new payment stored (" + stored + "): " + cpuTo.perRequestSince(cpuFrom, Math.max(1, stored)).replace("load client", "no client"));
            System.out.println(jdbc.sql("select count(*) || ' payments, ' || count(*) filter (where status = 'APPLIED') || ' applied' from billing_payment")
                    .query(String.class).single());
        } finally {
            context.close();
        }
    }

    private static String lua(int debts, Path replays) {
        return """
                local replays = {}
                for line in io.lines("%s") do replays[#replays + 1] = line end
                local counter = 0
                local thread_id = 0
                local statuses = {}
                setup = function(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
                init = function(args) math.randomseed(os.time() + tid * 7919) end
                request = function()
                  counter = counter + 1
                  local body
                  if math.random(10) == 1 then
                    body = replays[math.random(#replays)]
                  else
                    local seconds = counter %% 86400
                    local day = 1 + (math.floor(counter / 86400) %% 28)
                    body = string.format('{"debtId":"bench-%%d","paidAt":"2025-%%02d-%%02d %%02d:%%02d:%%02d","paidAmount":"0.01","paidBy":"Bench %%d-%%d"}',
                      math.random(%d), 1 + tid, day, math.floor(seconds / 3600), math.floor(seconds / 60) %% 60, seconds %% 60, tid, counter)
                  end
                  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
                end
                response = function(status, headers, body)
                  statuses[status] = (statuses[status] or 0) + 1
                  if status >= 500 then io.write("5xx: " .. body .. "\\n") end
                end
                """.formatted(replays.toAbsolutePath(), debts);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }
}
