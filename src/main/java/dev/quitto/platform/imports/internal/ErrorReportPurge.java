package dev.quitto.platform.imports.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.quitto.platform.jobs.RecurringJob;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Error reports are kept {@code quitto.imports.error-report-retention} (30 days) after their import finished and then
 * deleted by a daily job (fieldops.md 5.6), for every import kind; the import keeps its counts and records when its
 * report went. A report entry holds a raw field of the file, which may be personal data.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorReportPurge {

    private static final Logger log = LoggerFactory.getLogger(ErrorReportPurge.class);

    private final ImportRepository imports;
    private final ImportSettings settings;
    private final Clock clock;

    ErrorReportPurge(ImportRepository imports, ImportSettings settings, Clock clock) {
        this.imports = imports;
        this.settings = settings;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> importErrorReportPurgeJob() {
        return RecurringJob.cron("platform-import-error-report-purge", settings.errorReportPurgeCron(), this::purgeExpired);
    }

    /** Deletes the reports of imports that finished more than the retention ago; answers how many imports lost theirs. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int purged = imports.purgeErrorReports(now.minus(settings.errorReportRetention()), now);
        if (purged > 0) {
            log.info("Deleted the error reports of {} imports that finished more than {} ago", purged, settings.errorReportRetention());
        }
        return purged;
    }
}
