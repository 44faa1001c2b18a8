package dev.quitto.cashback;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.quitto.platform.jobs.RecurringJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hourly (db-scheduler, one instance at a time): deletes expired fingerprints and rejections older than the retention.
 * Idempotency-Key records are the platform's and expire there.
 */
@Configuration(proxyBeanMethods = false)
class CashbackCleanup {

    private static final Logger log = LoggerFactory.getLogger(CashbackCleanup.class);

    private final JdbcClient jdbc;
    private final CashbackSettings settings;
    private final Clock clock;

    CashbackCleanup(JdbcClient jdbc, CashbackSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> cashbackCleanupJob() {
        return RecurringJob.cron("cashback-cleanup", settings.cleanupCron(), this::run);
    }

    @Transactional
    public Removed run() {
        Instant now = clock.instant();
        int fingerprints = jdbc.sql("delete from cashback_fingerprint where expires_at <= :now").param("now", Timestamp.from(now)).update();
        int rejections = jdbc.sql("delete from cashback_rejection where received_at < :before")
                .param("before", Timestamp.from(now.minus(settings.rejectionRetention()))).update();
        if (fingerprints + rejections > 0) {
            log.info("cashback_cleanup fingerprints={} rejections={}", fingerprints, rejections);
        }
        return new Removed(fingerprints, rejections);
    }

    record Removed(int fingerprints, int rejections) {
    }
}
