package dev.quitto.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server on loopback that accepts every message and keeps only its Message-ID, so that the benchmark
 * measures the sender and can still check that each message arrived exactly once. (GreenMail keeps a mailbox per
 * recipient and finds it by a linear scan, so with tens of thousands of recipients it, not the sender, is the
 * bottleneck.) One virtual thread per connection.
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicLong messages = new AtomicLong();
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();

    public SmtpSink() throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        Thread.ofVirtual().name("smtp-sink").start(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public long messages() {
        return messages.get();
    }

    public int distinctMessageIds() {
        return messageIds.size();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void converse(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1), 65536);
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 sink");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        readMessage(in);
                        messages.incrementAndGet();
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "500 unknown command");
                }
            }
        } catch (IOException ignored) {
            // the client hung up
        }
    }

    private void readMessage(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                messageIds.add(line.substring(11).strip());
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
