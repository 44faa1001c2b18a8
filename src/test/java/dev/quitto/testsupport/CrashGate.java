package dev.quitto.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.imports.ApplyResult;
import dev.quitto.platform.imports.ImportContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;

/**
 * A point where a child instance's import stops until the test kills it with SIGKILL ({@link ChildInstances}).
 * <p>
 * In the child, a module's import kind is replaced by a subclass (only where {@value #KIND} names that kind) that
 * calls {@link #recordMapped()} for every record and runs its apply step through {@link #apply}: it stops at
 * {@link #PARSING} after {@value #AFTER_ROWS} records, or at {@link #APPLYING} inside the apply transaction, once
 * the rows are written (at {@link #APPLYING_INDEXES_DROPPED}, while the tables' indexes are dropped, when the apply
 * rebuilds them). Where it stops, it writes the point's name to {@code <gate file>.reached} and waits for the gate
 * file's lock, which the test {@link #hold holds} until it has killed the process.
 */
public final class CrashGate {

    /** The import kind whose instance stops; other kinds of the child run as usual. */
    public static final String KIND = "quitto.test.crash-gate.kind";
    public static final String FILE = "quitto.test.crash-gate.file";
    public static final String AT = "quitto.test.crash-gate.at";
    public static final String AFTER_ROWS = "quitto.test.crash-gate.after-rows";

    public static final String PARSING = "PARSING";
    public static final String APPLYING = "APPLYING";
    public static final String APPLYING_INDEXES_DROPPED = "APPLYING with the indexes dropped";

    private final Path file;
    private final String at;
    private final long afterRows;
    private long mapped;

    /** The gate of a child instance, as its command line set it. */
    public CrashGate(Environment environment) {
        this.file = Path.of(environment.getRequiredProperty(FILE));
        this.at = environment.getRequiredProperty(AT);
        this.afterRows = environment.getProperty(AFTER_ROWS, Long.class, 0L);
    }

    /** Counts one mapped record; at {@link #PARSING} the {@value #AFTER_ROWS}-th one stops here. */
    public void recordMapped() {
        if (PARSING.equals(at) && ++mapped == afterRows) {
            stopHere(PARSING);
        }
    }

    /** Runs a kind's apply step ({@code apply}), stopping inside it when the gate is at {@link #APPLYING}. */
    public ApplyResult apply(ImportContext context, Function<ImportContext, ApplyResult> apply) {
        if (!APPLYING.equals(at)) {
            return apply.apply(context);
        }
        ApplyResult applied = apply.apply(new StoppingAfterTheLoad(context));
        stopHere(APPLYING);
        return applied;
    }

    private void stopHere(String where) {
        try {
            Files.writeString(reachedFile(file), where);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.lock().release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path reachedFile(Path gateFile) {
        return gateFile.resolveSibling(gateFile.getFileName() + ".reached");
    }

    /** Creates a gate file in {@code folder} and holds its lock: a child that reaches its gate waits there until {@link Held#close()}. */
    public static Held hold(Path folder) {
        try {
            Path file = Files.createFile(folder.resolve("gate-" + UUID.randomUUID()));
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
            return new Held(file, channel, channel.lock());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test's side of a gate: the arguments that set it in a child, and the wait until the child stands there. */
    public static final class Held implements AutoCloseable {

        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        /** Command-line arguments that stop the child's import of {@code kind} at {@code at} ({@link #PARSING}: after {@code afterRows} records). */
        public List<String> arguments(String kind, String at, long afterRows) {
            return List.of("--" + KIND + "=" + kind, "--" + FILE + "=" + file, "--" + AT + "=" + at, "--" + AFTER_ROWS + "=" + afterRows);
        }

        /** Waits until {@code child} stands at its gate and returns where ({@link #PARSING}, {@link #APPLYING} or {@link #APPLYING_INDEXES_DROPPED}). */
        public String awaitReached(ChildInstances children, Process child, Duration atMost) {
            Path reached = reachedFile(file);
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> children.alive(child) && Files.exists(reached));
            try {
                String where = Files.readString(reached);
                assertThat(where).isIn(PARSING, APPLYING, APPLYING_INDEXES_DROPPED);
                return where;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /** The platform's context, stopping at the gate between the load and the index build. */
    private final class StoppingAfterTheLoad implements ImportContext {

        private final ImportContext context;

        StoppingAfterTheLoad(ImportContext context) {
            this.context = context;
        }

        @Override
        public UUID importId() {
            return context.importId();
        }

        @Override
        public String stagingTable() {
            return context.stagingTable();
        }

        @Override
        public long stagedRows() {
            return context.stagedRows();
        }

        @Override
        public Instant now() {
            return context.now();
        }

        @Override
        public long reportErrors(String selectSql, Map<String, ?> params) {
            return context.reportErrors(selectSql, params);
        }

        @Override
        public <T> T withIndexesRebuilt(List<String> tables, Supplier<T> load) {
            return context.withIndexesRebuilt(tables, () -> {
                T loaded = load.get();
                stopHere(APPLYING_INDEXES_DROPPED);
                return loaded;
            });
        }
    }
}
