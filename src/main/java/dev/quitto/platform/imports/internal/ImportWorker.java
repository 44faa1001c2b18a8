package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.ImportKind;
import dev.quitto.platform.privacy.Masked;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Runs imports, one at a time per kind across all instances (a PostgreSQL advisory lock per kind), oldest first.
 * Woken after an upload commits, at start-up and every {@code poll-interval}; an import whose worker died
 * (lease expired: no heartbeat) is taken over and run again from the top of its spool file.
 */
@Component
public class ImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
    private static final int MAX_ATTEMPTS = 5;

    private final ImportKinds kinds;
    private final ImportRepository imports;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ImportSettings settings;
    private final Clock clock;
    private final SpoolArea spool;
    private final String owner;
    private final AtomicBoolean wakeRequested = new AtomicBoolean();

    private volatile boolean running;
    private @Nullable ExecutorService runner;
    private @Nullable ScheduledExecutorService timer;

    ImportWorker(ImportKinds kinds, ImportRepository imports, DataSource dataSource, JdbcClient jdbc,
                 PlatformTransactionManager transactions, ImportSettings settings, Clock clock, SpoolArea spool) {
        this.kinds = kinds;
        this.imports = imports;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.clock = clock;
        this.spool = spool;
        this.owner = StringUtils.hasText(settings.instanceId()) ? settings.instanceId()
                : ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public boolean isAutoStartup() {
        return settings.autoStartup();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("quitto-import").daemon().factory());
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("quitto-import-timer").daemon().factory());
        runner.execute(this::removeFinishedSpoolFiles);
        timer.scheduleWithFixedDelay(this::wakeUp, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Import worker {} started for kinds {}", owner, kinds.names());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        shutDown(runner);
        shutDown(timer);
        timer = null;
        runner = null;
    }

    private static void shutDown(@Nullable ExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Asks the worker to look for work now (coalesced: one pending request at a time). */
    public void wakeUp() {
        ExecutorService executor = runner;
        if (running && executor != null && wakeRequested.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeRequested.set(false);
            }
        }
    }

    private void drain() {
        wakeRequested.set(false);
        try {
            boolean worked = true;
            while (running && worked) {
                worked = false;
                for (String kind : imports.kindsWithWork(kinds.names())) {
                    worked |= runKind(kind);
                }
            }
        } catch (DataAccessException | ImportRun.DatabaseTrouble e) {
            log.warn("Import worker cannot reach the database, will retry: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Import worker failed unexpectedly", e);
        }
    }

    /** Runs the kind's waiting imports under its advisory lock; false when another instance holds the lock or nothing was claimed. */
    private boolean runKind(String kindName) {
        ImportKind kind = kinds.find(kindName).orElseThrow();
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock, kindName)) {
                return false;
            }
            try {
                boolean worked = false;
                Optional<ImportRow> claimed;
                while (running && (claimed = imports.claim(kindName, owner, settings.lease(), clock.instant())).isPresent()) {
                    worked = true;
                    runOne(claimed.get(), kind);
                }
                return worked;
            } finally {
                unlock(lock, kindName);
            }
        } catch (SQLException e) {
            throw new ImportRun.DatabaseTrouble(e);
        }
    }

    private void runOne(ImportRow row, ImportKind kind) {
        if (row.attempts() > MAX_ATTEMPTS) {
            imports.fail(row.id(), "Gave up after " + MAX_ATTEMPTS + " attempts; see the log of the instances that ran it.", clock.instant());
            return;
        }
        log.info("Import {} ({}, {}) taken by {}, attempt {}", row.id(), kind.name(), Masked.emailsIn(row.fileName()), owner, row.attempts());
        AtomicBoolean leaseHeld = new AtomicBoolean(true);
        ScheduledExecutorService heartbeats = timer;
        ScheduledFuture<?> heartbeat = heartbeats == null ? null : heartbeats.scheduleAtFixedRate(() -> {
            try {
                if (!imports.heartbeat(row.id(), owner, settings.lease())) {
                    leaseHeld.set(false);
                }
            } catch (DataAccessException e) {
                log.warn("Heartbeat of import {} failed: {}", row.id(), e.getMessage());
            }
        }, settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        ImportRun run = new ImportRun(row, kind, dataSource, jdbc, imports, transaction, settings, clock, owner,
                () -> running && leaseHeld.get());
        try {
            run.run();
        } catch (ImportRun.Interrupted e) {
            log.info("Import {} left to another attempt: {}", row.id(), e.getMessage());
            if (!running && leaseHeld.get()) {
                imports.release(row.id(), owner);
            }
        } catch (ImportRun.Unrecoverable e) {
            log.error("Import {} failed: {}", row.id(), e.getMessage(), e);
            imports.fail(row.id(), e.getMessage(), clock.instant());
        } catch (ImportRun.DatabaseTrouble | DataAccessException e) {
            log.warn("Import {} interrupted by a database problem, it will be retried when its lease expires: {}", row.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Import {} failed in kind {}", row.id(), kind.name(), e);
            imports.fail(row.id(), "The import step of kind " + kind.name() + " failed: " + e, clock.instant());
        } finally {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
    }

    private void removeFinishedSpoolFiles() {
        try {
            List<String> present = spool.files();
            for (String path : imports.finishedSpoolPaths(present)) {
                spool.delete(java.nio.file.Path.of(path));
            }
        } catch (DataAccessException e) {
            log.warn("Cannot check the spool folder against finished imports: {}", e.getMessage());
        }
    }

    private static boolean tryLock(Connection connection, String kind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            statement.setString(1, lockName(kind));
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, String kind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
            statement.setString(1, lockName(kind));
            statement.executeQuery().close();
        }
    }

    private static String lockName(String kind) {
        return "quitto.platform.import:" + kind;
    }
}
