package dev.quitto.billing;

import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.imports.ApplyResult;
import dev.quitto.platform.imports.ImportContext;
import dev.quitto.platform.imports.ImportRecord;
import dev.quitto.platform.imports.StagingRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The debts import kind with a crash gate, for the child JVMs that kill -9 tests start ({@link BillingCrashResumeIntegrationTests}).
 * Only where {@value #GATE_FILE} is set does it replace the real kind, and then it stops at its gate: {@code PARSING}
 * after {@value #GATE_AFTER_ROWS} rows, or {@code APPLYING} inside the apply transaction once the debts, invoices and
 * e-mail jobs are inserted (when the import rebuilds the tables' indexes, while they are dropped). There it writes
 * where it stopped to {@code <gate file>.reached} and waits for the gate file's lock, which the test holds until it
 * has killed the process.
 */
class GatedDebtImportKind extends DebtImportKind {

    static final String GATE_FILE = "quitto.test.billing-crash.gate-file";
    static final String GATE = "quitto.test.billing-crash.gate";
    static final String GATE_AFTER_ROWS = "quitto.test.billing-crash.gate-after-rows";

    static final String PARSING = "PARSING";
    static final String APPLYING_INDEXES_DROPPED = "APPLYING with the indexes dropped";
    static final String APPLYING = "APPLYING";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(GATE_FILE)
    static class InChildInstances {

        @Bean
        static BeanFactoryPostProcessor debtImportKindWithACrashGate() {
            return factory -> factory.getBeanDefinition("billingDebtImportKind").setBeanClassName(GatedDebtImportKind.class.getName());
        }
    }

    private final Path gateFile;
    private final String gate;
    private final long gateAfterRows;
    private long mapped;

    GatedDebtImportKind(BillingSettings settings, NossoNumeros nossoNumeros, IdGenerator ids, JdbcClient jdbc, Environment environment) {
        super(settings, nossoNumeros, ids, jdbc);
        this.gateFile = Path.of(environment.getRequiredProperty(GATE_FILE));
        this.gate = environment.getRequiredProperty(GATE);
        this.gateAfterRows = environment.getProperty(GATE_AFTER_ROWS, Long.class, 0L);
    }

    static Path reachedFile(Path gateFile) {
        return gateFile.resolveSibling(gateFile.getFileName() + ".reached");
    }

    @Override
    public void map(ImportRecord record, StagingRow row) {
        if (PARSING.equals(gate) && ++mapped == gateAfterRows) {
            stopHere(PARSING);
        }
        super.map(record, row);
    }

    @Override
    public ApplyResult apply(ImportContext context) {
        if (!APPLYING.equals(gate)) {
            return super.apply(context);
        }
        ApplyResult applied = super.apply(new StoppingAfterTheLoad(context));
        stopHere(APPLYING);
        return applied;
    }

    private void stopHere(String where) {
        try {
            Files.writeString(reachedFile(gateFile), where);
            try (FileChannel channel = FileChannel.open(gateFile, StandardOpenOption.WRITE)) {
                channel.lock().release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
