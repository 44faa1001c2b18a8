package dev.quitto.bench.imports;

import dev.quitto.platform.imports.ImportKind;
import dev.quitto.platform.imports.ImportOptions;
import dev.quitto.platform.imports.Imports;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CSV import into staging against a bare {@code COPY} of the same file, measured in the same run on the same
 * PostgreSQL: one warm-up, then {@code runs} measured rounds (bare COPY, then the pipeline), medians reported.
 * <pre>
 * java -Xmx256m -cp target/classes:$(cat target/classpath.txt) dev.quitto.bench.imports.ImportBenchmark [rows] [runs]
 * </pre>
 * Exits non-zero when an import's counts or amount sum differ from the generator's.
 */
public final class ImportBenchmark {

    private static final String BARE_COLUMNS = "name, government_id, email, amount, due_date, debt_id";

    private ImportBenchmark() {
    }

    record Round(long bareMs, long spoolMs, long parseCopyMs, long applyMs, long totalMs, long peakHeapBytes) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createDirectories(Path.of("target", "import-bench"));
        Path file = work.resolve("kanastra-" + rows + ".csv");
        long generating = System.nanoTime();
        KanastraFile.Expected expected = KanastraFile.write(file, rows);
        System.out.printf("generated %,d rows, %,d bytes in %d ms (seed %d)%n", rows, expected.bytes(), ms(generating), KanastraFile.SEED);

        try (ConfigurableApplicationContext app = BenchApplication.start(work.resolve("data-" + UUID.randomUUID()))) {
            DataSource dataSource = app.getBean(DataSource.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Imports imports = app.getBean(Imports.class);
            ImportKind kind = app.getBean(BenchDebtImportKind.class);
            System.out.printf("JVM %s, max heap %d MB, %d cores; PostgreSQL %s%n", Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors(), jdbc.sql("show server_version").query(String.class).single());

            List<Round> rounds = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                Round round = round(dataSource, jdbc, imports, kind, file, expected);
                System.out.printf("%s: bare COPY %d ms | pipeline: spool %d ms, parse+COPY %d ms, apply %d ms, total %d ms | ratio %.2f | peak heap %d MB%n",
                        i == 0 ? "warm-up" : "run " + i, round.bareMs(), round.spoolMs(), round.parseCopyMs(), round.applyMs(),
                        round.totalMs(), (double) round.parseCopyMs() / round.bareMs(), round.peakHeapBytes() >> 20);
                if (i > 0) {
                    rounds.add(round);
                }
            }
            long bare = median(rounds.stream().map(Round::bareMs).toList());
            long parseCopy = median(rounds.stream().map(Round::parseCopyMs).toList());
            System.out.printf("median of %d: bare COPY %d ms, pipeline parse+COPY %d ms (ratio %.2f), spool %d ms, apply %d ms, total %d ms, peak heap %d MB%n",
                    runs, bare, parseCopy, (double) parseCopy / bare, median(rounds.stream().map(Round::spoolMs).toList()),
                    median(rounds.stream().map(Round::applyMs).toList()), median(rounds.stream().map(Round::totalMs).toList()),
                    rounds.stream().mapToLong(Round::peakHeapBytes).max().orElse(0) >> 20);
        }
    }

    private static Round round(DataSource dataSource, JdbcClient jdbc, Imports imports, ImportKind kind, Path file,
                               KanastraFile.Expected expected) throws Exception {
        long bare = bareCopy(dataSource, jdbc, file, expected);
        System.gc();
        resetHeapPeaks();
        long start = System.nanoTime();
        String id;
        try (InputStream body = Files.newInputStream(file)) {
            id = imports.accept(kind, body, file.getFileName().toString(), ImportOptions.defaults(), "/bench").id().toString();
        }
        long spooled = System.nanoTime();
        long applying = 0;
        String status;
        do {
            status = jdbc.sql("select status from platform_import where id = cast(:id as uuid)").param("id", id).query(String.class).single();
            if (applying == 0 && !status.equals("QUEUED") && !status.equals("PARSING")) {
                applying = System.nanoTime();
            }
            if (!status.equals("COMPLETED") && !status.equals("FAILED")) {
                Thread.sleep(5);
            }
        } while (!status.equals("COMPLETED") && !status.equals("FAILED"));
        long completed = System.nanoTime();
        long peak = heapPeak();
        check(jdbc, id, expected);
        return new Round(bare, (spooled - start) / 1_000_000, (applying - spooled) / 1_000_000, (completed - applying) / 1_000_000,
                (completed - start) / 1_000_000, peak);
    }

    /** COPY of the very same file into an unlogged table with the staging table's column types, by PostgreSQL's own CSV parser. */
    private static long bareCopy(DataSource dataSource, JdbcClient jdbc, Path file, KanastraFile.Expected expected) throws Exception {
        jdbc.sql("drop table if exists bench_bare_copy").update();
        jdbc.sql("create unlogged table bench_bare_copy (line_no bigint, name text, government_id text, email text, amount numeric(12,2), "
                + "due_date date, debt_id uuid) with (autovacuum_enabled = false)").update();
        long start = System.nanoTime();
        long copied;
        try (Connection connection = dataSource.getConnection(); InputStream in = Files.newInputStream(file)) {
            copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy bench_bare_copy (" + BARE_COLUMNS + ") from stdin with (format csv, header true)", in, 64 * 1024);
        }
        long elapsed = ms(start);
        if (copied != expected.rows()) {
            throw new IllegalStateException("bare COPY stored " + copied + " rows, expected " + expected.rows());
        }
        jdbc.sql("drop table bench_bare_copy").update();
        return elapsed;
    }

    private static void check(JdbcClient jdbc, String id, KanastraFile.Expected expected) {
        Map<String, Object> row = jdbc.sql("select status, rows_read, accepted, rejected, extra_counts::text as extra from platform_import where id = cast(:id as uuid)")
                .param("id", id).query().singleRow();
        String extra = (String) row.get("extra");
        boolean ok = "COMPLETED".equals(row.get("status")) && ((Number) row.get("rows_read")).longValue() == expected.rows()
                && ((Number) row.get("accepted")).longValue() == expected.rows() && ((Number) row.get("rejected")).longValue() == 0
                && extra.contains("\"amountSum\": " + expected.amountSum()) && extra.contains("\"distinctLines\": " + expected.rows());
        if (!ok) {
            throw new IllegalStateException("import " + id + " does not match the generated file: " + row + ", expected " + expected);
        }
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last reset (the spec's measure of peak used heap). */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
