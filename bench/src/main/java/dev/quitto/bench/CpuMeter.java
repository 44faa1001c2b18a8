package dev.quitto.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (service and load client together) and by every PostgreSQL process of the machine, so a
 * run can state CPU per request: a figure that, unlike throughput, hardly moves when other work shares the cores.
 * PostgreSQL's share is read from {@code /proc/<pid>/stat} (user + system ticks) of the server's postmaster and its
 * children (backends, WAL writer, checkpointer), found from a backend's pid, so other PostgreSQL servers on the machine
 * (other engineers' test databases) are not counted.
 */
public record CpuMeter(long jvmNanos, long postgresNanos, long wallNanos) {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    /** The postmaster of the server that ran {@code select pg_backend_pid()} with answer {@code backendPid}. */
    public static long postmasterOf(long backendPid) {
        try {
            return Long.parseLong(statFields(Path.of("/proc", Long.toString(backendPid)))[1]);
        } catch (IOException e) {
            throw new IllegalStateException("no such process: " + backendPid, e);
        }
    }

    public static CpuMeter now(long postmasterPid) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new CpuMeter(os.getProcessCpuTime(), postgresTicks(postmasterPid) * NANOS_PER_TICK, System.nanoTime());
    }

    /** "jvm 1.23 ms + postgres 0.45 ms of CPU per request (x cores busy)" for {@code requests} between the two readings. */
    public String perRequestSince(CpuMeter start, long requests) {
        return perUnitSince(start, requests, "request");
    }

    /** As {@link #perRequestSince}, for {@code count} units of work named {@code unit} (a message, a row). */
    public String perUnitSince(CpuMeter start, long count, String unit) {
        double jvm = (jvmNanos - start.jvmNanos) / 1e6 / count;
        double postgres = (postgresNanos - start.postgresNanos) / 1e6 / count;
        double seconds = (wallNanos - start.wallNanos) / 1e9;
        return String.format(Locale.ROOT, "CPU per %s: JVM (service + load client) %.2f ms + PostgreSQL %.2f ms = %.2f ms; "
                        + "cores busy: JVM %.2f, PostgreSQL %.2f", unit, jvm, postgres, jvm + postgres,
                (jvmNanos - start.jvmNanos) / 1e9 / seconds, (postgresNanos - start.postgresNanos) / 1e9 / seconds);
    }

    private static long postgresTicks(long postmasterPid) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> ticksIfServer(p, postmasterPid)).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ticksIfServer(Path process, long postmasterPid) {
        try {
            String[] fields = statFields(process);
            boolean server = process.getFileName().toString().equals(Long.toString(postmasterPid)) || Long.parseLong(fields[1]) == postmasterPid;
            return server ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : 0; // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended while being read
        }
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state, ppid, ... (stat's third field first). */
    private static String[] statFields(Path process) throws IOException {
        String stat = Files.readString(process.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
