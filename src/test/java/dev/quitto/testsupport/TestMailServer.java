package dev.quitto.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One GreenMail SMTP server per test JVM, on a free loopback port, and the {@code spring.mail.host}/{@code port}
 * that point every Spring context of the JVM at it (contexts whose {@code quitto.test.greenmail} is true, as the
 * test profile sets). Tests stop and start it to play an SMTP outage; the port stays the same.
 */
public final class TestMailServer implements EnvironmentPostProcessor, Ordered {

    public static final String HOST = "127.0.0.1";

    private static GreenMail server;
    private static int port;

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("quitto.test.greenmail", Boolean.class, false) || environment.containsProperty("spring.mail.host")) {
            return;
        }
        start();
        environment.getPropertySources().addFirst(new MapPropertySource("testMailServer",
                Map.of("spring.mail.host", HOST, "spring.mail.port", String.valueOf(port))));
    }

    public static synchronized int port() {
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return port;
    }

    /** Starts the server (again) on its port; a restarted server has an empty mailbox. */
    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port(), HOST, ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** Stops the server: connections to its port are refused until {@link #start()}. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Messages received for {@code recipient} since the server last started. */
    public static synchronized List<MimeMessage> messagesTo(String recipient) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(message -> isFor(message, recipient)).toList();
    }

    /** Messages received for addresses at {@code domain} (lower case) since the server last started. */
    public static synchronized List<MimeMessage> messagesForDomain(String domain) {
        if (server == null) {
            return List.of();
        }
        return List.of(server.getReceivedMessagesForDomain(domain));
    }

    /**
     * Forgets every message received so far, as a restart would, but without refusing connections meanwhile: for a
     * test that received tens of thousands and should not leave them in this JVM's memory.
     */
    public static synchronized void forgetReceivedMessages() {
        if (server == null) {
            return;
        }
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isFor(MimeMessage message, String recipient) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(address -> address instanceof InternetAddress internet && internet.getAddress().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
