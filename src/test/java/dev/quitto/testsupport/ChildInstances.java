package dev.quitto.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * The child JVMs of one crash test ({@link ChildInstance}): each runs the service on this JVM's embedded PostgreSQL,
 * data folder (so the spool files too) and GreenMail, with a clock fixed at the instant given here, and logs to
 * {@code <logs>/<name>.log}. {@link #kill} ends one with SIGKILL; {@link #close()} ends those still running.
 */
public final class ChildInstances implements AutoCloseable {

    private final List<String> common;
    private final Instant clock;
    private final Path logs;
    private final Map<Process, String> started = new LinkedHashMap<>();

    /** Children of the test context whose {@code environment} names the database and data folder. */
    public ChildInstances(Environment environment, Instant clock, Path logs) {
        this.common = List.of("--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=", "--quitto.data-dir=" + environment.getRequiredProperty("quitto.data-dir"),
                "--spring.mail.host=" + TestMailServer.HOST, "--spring.mail.port=" + TestMailServer.port());
        this.clock = clock;
        this.logs = logs;
    }

    /** Starts the child {@code name} (its instance and import lease owner name too) with {@code arguments} added to the common ones. */
    public Process start(String name, List<String> arguments) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of("--quitto.instance-name=" + name, "--quitto.imports.instance-id=" + name));
        all.addAll(arguments);
        try {
            Files.createDirectories(logs);
            Process child = ChildInstance.start(clock, log(name).toFile(), all.toArray(String[]::new));
            started.put(child, name);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process start(String name, String... arguments) {
        return start(name, Arrays.asList(arguments));
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** True, or an assertion failure that points at the child's log: for {@code await().until(…)} conditions. */
    public boolean alive(Process child) {
        assertThat(child.isAlive()).as("child " + started.get(child) + " runs, see " + log(String.valueOf(started.get(child)))).isTrue();
        return true;
    }

    /** Waits until {@code child}, started with {@code --server.port=<port>}, answers {@code path} with 200 to {@code client}. */
    public Http awaitServing(Process child, Http client, String path, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> alive(child) && client.get(path).status() == 200);
        return client;
    }

    /** SIGKILL: the child ends at once, running nothing at exit, as after {@code kill -9}. */
    public void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor()).as("exit code of the killed child " + started.get(child)).isEqualTo(137);
    }

    /** A port free right now, for a child the test calls over HTTP. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process child : started.keySet()) {
            child.destroyForcibly();
            child.waitFor();
        }
        started.clear();
    }
}
