package dev.quitto.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.quitto.QuittoApplication;
import dev.quitto.platform.mail.Mail;
import dev.quitto.platform.mail.MailContent;
import dev.quitto.platform.mail.MailMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail dispatch rate of one instance: the whole service (embedded PostgreSQL 17) sends to an SMTP server on
 * loopback in the same JVM ({@link SmtpSink}, or GreenMail with {@code --greenmail}). Each round queues N messages
 * while the dispatcher is paused, then times from resuming it until none is PENDING or SENDING, and checks that
 * the server received exactly N distinct messages. A warm-up round comes first.
 * <pre>
 * java -cp target/classes:../target/quitto.jar:$(cat target/classpath.txt) dev.quitto.bench.MailDispatchBenchmark \
 *     [--messages=20000] [--rounds=3] [--template] [--durable] [--greenmail] [--quitto.mail.workers=2] ...
 * </pre>
 * {@code --template} renders a Thymeleaf template (text + HTML) instead of sending pre-rendered text;
 * {@code --durable} keeps PostgreSQL's fsync and synchronous commit on (the default run is the throw-away, fsync-off
 * database of tests); other {@code --name=value} arguments go to the service.
 */
public final class MailDispatchBenchmark {

    private MailDispatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 20_000;
        int rounds = 3;
        boolean template = false;
        boolean durable = false;
        boolean greenMail = false;
        List<String> service = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--messages=")) {
                messages = Integer.parseInt(arg.substring("--messages=".length()));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring("--rounds=".length()));
            } else if (arg.equals("--template")) {
                template = true;
            } else if (arg.equals("--durable")) {
                durable = true;
            } else if (arg.equals("--greenmail")) {
                greenMail = true;
            } else {
                service.add(arg);
            }
        }

        Server smtp = greenMail ? new GreenMailServer() : new SinkServer(new SmtpSink());
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=warn",
                "--logging.level.dev.quitto=warn",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.port(),
                "--quitto.mail.rate-per-second=1000000",
                "--quitto.mail.max-attempts=1"));
        arguments.add(durable
                ? "--quitto.data-dir=" + Files.createTempDirectory("quitto-bench-")
                : "--quitto.database.embedded.ephemeral=true");
        arguments.addAll(service);
        System.out.printf("Mail dispatch benchmark: %d messages a round, %s, %s database, %s, service arguments %s%n", messages,
                template ? "Thymeleaf text + HTML" : "pre-rendered text", durable ? "durable (fsync on)" : "throw-away (fsync off)",
                greenMail ? "GreenMail" : "SMTP sink", service);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QuittoApplication.class).run(arguments.toArray(String[]::new))) {
            SmartLifecycle dispatcher = app.getBean("mailDispatcher", SmartLifecycle.class);
            Mail mail = app.getBean(Mail.class);
            TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);

            round("warm-up", Math.min(messages, 5_000), template, dispatcher, mail, transaction, jdbc, smtp);
            List<Double> rates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                rates.add(round("round " + round, messages, template, dispatcher, mail, transaction, jdbc, smtp));
            }
            System.out.printf(Locale.ROOT, "Result: %s messages/s (median %.0f)%n", rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList(),
                    rates.stream().sorted().toList().get(rates.size() / 2));
        } finally {
            smtp.close();
        }
    }

    private static double round(String name, int count, boolean template, SmartLifecycle dispatcher, Mail mail, TransactionTemplate transaction,
                                JdbcClient jdbc, Server smtp) {
        String run = UUID.randomUUID().toString();
        long receivedBefore = smtp.received();
        dispatcher.stop();
        long queueStart = System.nanoTime();
        for (int from = 0; from < count; from += 1_000) {
            List<MailMessage> chunk = IntStream.range(from, Math.min(count, from + 1_000))
                    .mapToObj(i -> message(run, i, template)).toList();
            transaction.executeWithoutResult(status -> mail.enqueueAll(chunk));
        }
        long queued = System.nanoTime() - queueStart;

        long start = System.nanoTime();
        dispatcher.start();
        while (jdbc.sql("select count(*) from platform_mail where status in ('PENDING', 'SENDING')").query(Long.class).single() > 0) {
            pause();
        }
        long elapsed = System.nanoTime() - start;

        long sent = jdbc.sql("select count(*) from platform_mail where business_key like :run and status = 'SENT'")
                .param("run", "bench:" + run + ":%").query(Long.class).single();
        long received = smtp.received() - receivedBefore;
        double rate = count / (elapsed / 1e9);
        System.out.printf(Locale.ROOT, "%-8s queued %d in %.2f s (%.0f/s); sent %d, SMTP server received %d, in %.2f s: %.0f messages/s%n",
                name, count, queued / 1e9, count / (queued / 1e9), sent, received, elapsed / 1e9, rate);
        if (sent != count || received != count || smtp.distinct() != smtp.received()) {
            throw new IllegalStateException("Expected " + count + " sent and received exactly once");
        }
        return rate;
    }

    private static MailMessage message(String run, int i, boolean template) {
        String to = "r" + i + "@bench.example";
        MailContent content = template
                ? MailContent.template("bench/invoice", Map.of("name", "Cliente " + i, "amount", "7.811,00", "dueDate", "25/11/2026"))
                : MailContent.text("Olá, cliente " + i + ". Sua fatura de R$ 7.811,00 vence em 25/11/2026.");
        return MailMessage.of("bench:" + run + ":" + i, to, "Fatura " + i, content);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The SMTP server the service sends to. */
    private interface Server extends AutoCloseable {
        int port();

        long received();

        /** Distinct Message-IDs received: equal to {@link #received()} when nothing arrived twice. */
        long distinct();

        @Override
        void close() throws IOException;
    }

    private record SinkServer(SmtpSink sink) implements Server {
        public int port() {
            return sink.port();
        }

        public long received() {
            return sink.messages();
        }

        public long distinct() {
            return sink.distinctMessageIds();
        }

        public void close() throws IOException {
            sink.close();
        }
    }

    private static final class GreenMailServer implements Server {
        private final GreenMail server;

        GreenMailServer() throws IOException {
            server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }

        public int port() {
            return server.getSmtp().getPort();
        }

        public long received() {
            return server.getReceivedMessages().length;
        }

        public long distinct() {
            return java.util.Arrays.stream(server.getReceivedMessages()).map(message -> {
                try {
                    return message.getMessageID();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).distinct().count();
        }

        public void close() {
            server.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
