package dev.quitto.platform.imports.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The CSV import pipeline ({@code quitto.imports}).
 *
 * @param maxSize         largest file accepted ({@code QUITTO_IMPORT_MAX_SIZE}); larger gets 413 {@code file-too-large}
 * @param spoolReserve    free space an upload must leave on the spool folder's disk ({@code QUITTO_IMPORT_SPOOL_RESERVE}),
 *                        which may be the embedded database's disk too; an upload that would eat into it gets 507
 *                        {@code insufficient-storage}
 * @param maxErrorEntries error report entries stored per import; counts stay exact beyond it
 * @param maxRecordChars  longest record read; a longer one is rejected as {@code RECORD_TOO_LONG}
 * @param lease           how long a worker owns a running import without a heartbeat before any instance may take it over
 * @param heartbeat       how often the worker renews its lease
 * @param pollInterval    how often each instance looks for queued imports and expired leases (new uploads wake it at once)
 * @param progressInterval least time between two progress updates of a running import
 * @param copyBuffer      bytes buffered before they go to PostgreSQL's {@code COPY}
 * @param autoStartup     whether the worker starts with the application
 * @param instanceId      this instance's name in {@code lease_owner}; generated when blank
 * @param errorReportRetention how long after an import finished its error report is kept
 *                        ({@code QUITTO_IMPORT_ERROR_REPORT_RETENTION}, default 30d); the counts are kept for good
 * @param errorReportPurgeCron when the purge runs ({@code QUITTO_IMPORT_ERROR_REPORT_PURGE_CRON}, default daily at 03:17
 *                        business time; {@code -} disables it)
 */
@ConfigurationProperties("quitto.imports")
public record ImportSettings(@DefaultValue("1GB") DataSize maxSize,
                             @DefaultValue("256KB") DataSize spoolReserve,
                             @DefaultValue("100000") int maxErrorEntries,
                             @DefaultValue("65536") int maxRecordChars,
                             @DefaultValue("30s") Duration lease,
                             @DefaultValue("10s") Duration heartbeat,
                             @DefaultValue("5s") Duration pollInterval,
                             @DefaultValue("1s") Duration progressInterval,
                             @DefaultValue("8MB") DataSize copyBuffer,
                             @DefaultValue("true") boolean autoStartup,
                             @Nullable String instanceId,
                             @DefaultValue("30d") Duration errorReportRetention,
                             @DefaultValue("0 17 3 * * *") String errorReportPurgeCron) {

    public ImportSettings {
        if (!errorReportRetention.isPositive()) {
            throw new IllegalArgumentException("quitto.imports.error-report-retention must be positive, got " + errorReportRetention);
        }
    }
}
