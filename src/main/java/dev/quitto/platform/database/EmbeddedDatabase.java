package dev.quitto.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded PostgreSQL 17 servers of this JVM, one per data folder. Every Spring context of the JVM
 * (tests start several) shares the server of its folder; the server stops when the JVM exits.
 */
final class EmbeddedDatabase {

    private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();

    private EmbeddedDatabase() {
    }

    private static Path throwAwayFolder;

    /** Starts (or reuses) the server whose data lives in {@code folder} and survives restarts. */
    static EmbeddedPostgres start(Path folder) {
        return start(folder, true);
    }

    /** Starts (or reuses) this JVM's server on a temporary folder that is removed when the JVM exits. */
    static synchronized EmbeddedPostgres startThrowAway() {
        if (throwAwayFolder == null) {
            try {
                throwAwayFolder = Files.createTempDirectory("quitto-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return start(throwAwayFolder, false);
    }

    static synchronized Path throwAwayFolder() {
        return throwAwayFolder;
    }

    private static synchronized EmbeddedPostgres start(Path folder, boolean durable) {
        Path key = folder.toAbsolutePath().normalize();
        EmbeddedPostgres running = RUNNING.get(key);
        if (running != null) {
            return running;
        }
        EmbeddedPostgres started = startFresh(key, durable);
        RUNNING.put(key, started);
        return started;
    }

    private static EmbeddedPostgres startFresh(Path folder, boolean durable) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new EmbeddedDatabaseUnavailable(folder, "the folder cannot be created (" + e.getMessage() + ")",
                    "Set QUITTO_DATA_DIR to a writable folder.");
        }
        refuseForeignOrBrokenFolder(folder);
        stopOrphanedServer(folder);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(folder)
                .setCleanDataDirectory(!durable)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("work_mem", "16MB")
                .setServerConfig("maintenance_work_mem", "256MB")
                .setServerConfig("max_wal_size", "2GB")
                .setServerConfig("timezone", "UTC");
        if (durable) {
            // zonky starts PostgreSQL with -F and synchronous_commit=off; data meant to survive needs both back.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        } else {
            // Throw-away data (tests, benchmarks): trade crash safety for speed.
            builder.setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
        }
        try {
            return builder.start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new EmbeddedDatabaseUnavailable(folder, "another running Quitto uses it",
                        "Stop that instance, or give this one its own folder with QUITTO_DATA_DIR.");
            }
            throw new EmbeddedDatabaseUnavailable(folder, e.getMessage(), "Check the log above; remove the folder to start empty.");
        } catch (IOException e) {
            throw new EmbeddedDatabaseUnavailable(folder, "PostgreSQL did not start (" + e.getMessage() + ")",
                    "If the folder is left over from an interrupted first start, remove it and start again.");
        }
    }

    /** A folder holding something other than a PostgreSQL 17 cluster would make initdb or the server fail obscurely. */
    private static void refuseForeignOrBrokenFolder(Path folder) {
        Path version = folder.resolve("PG_VERSION");
        boolean initialized = Files.exists(folder.resolve("postgresql.conf"));
        try {
            if (Files.exists(version)) {
                String major = Files.readString(version, StandardCharsets.US_ASCII).trim();
                if (!"17".equals(major)) {
                    throw new EmbeddedDatabaseUnavailable(folder, "it holds PostgreSQL " + major + " data, this build runs 17",
                            "Point QUITTO_DATA_DIR at another folder, or dump and restore the old data.");
                }
            }
            if (!initialized && hasEntriesBesidesLock(folder)) {
                throw new EmbeddedDatabaseUnavailable(folder, "it is not empty but holds no initialized database (an interrupted first start?)",
                        "Remove the folder, or point QUITTO_DATA_DIR at an empty one.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasEntriesBesidesLock(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().equals("epg-lock"));
        }
    }

    /**
     * A JVM killed with -9 leaves its postmaster running on the folder. When no live JVM holds the folder's
     * lock, that server is an orphan: stop it so this start can take the folder over.
     */
    private static void stopOrphanedServer(Path folder) {
        Optional<ProcessHandle> orphan = postmasterOf(folder);
        if (orphan.isEmpty() || lockHeldByLiveProcess(folder)) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        postmaster.destroy();
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedDatabaseUnavailable(folder, "an orphaned PostgreSQL (pid " + postmaster.pid() + ") still holds it",
                    "Stop it with: kill " + postmaster.pid());
        }
    }

    private static Optional<ProcessHandle> postmasterOf(Path folder) {
        Path pidFile = folder.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.getFirst().trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean lockHeldByLiveProcess(Path folder) {
        Path lock = folder.resolve("epg-lock");
        if (!Files.exists(lock)) {
            return false;
        }
        try (var channel = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
            var acquired = channel.tryLock();
            if (acquired == null) {
                return true;
            }
            acquired.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
