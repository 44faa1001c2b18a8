package dev.quitto.billing;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.quitto.platform.jobs.RecurringJob;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;

/**
 * Billing's background work: the e-mail hand-over loop (matcher first, so a payment that arrived before its debt
 * settles it before the INVOICE e-mail would go), the reminder run and the payment matcher as recurring db-scheduler jobs.
 */
@Configuration(proxyBeanMethods = false)
class BillingWorkers {

    @Bean
    RecurringTask<Void> billingReminderRun(BillingSettings settings, Reminders reminders) {
        return RecurringJob.cron("billing-reminder-run", settings.reminders().cron(), reminders::enqueueDue);
    }

    @Bean
    RecurringTask<Void> billingPaymentMatcher(BillingSettings settings, Payments payments) {
        return RecurringJob.cron("billing-payment-matcher", settings.matcherCron(), payments::matchUnmatched);
    }

    @Bean
    HandOverLoop billingHandOverLoop(BillingSettings settings, Payments payments, BillingMail mail) {
        return new HandOverLoop(settings.mail().pollInterval(), settings.mail().autoStartup(), payments, mail);
    }

    /** Every poll interval: apply matchable payments, then hand due e-mail jobs to platform mail. */
    static final class HandOverLoop implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(HandOverLoop.class);

        private final Duration interval;
        private final boolean autoStartup;
        private final Payments payments;
        private final BillingMail mail;
        private volatile @Nullable ScheduledExecutorService executor;

        HandOverLoop(Duration interval, boolean autoStartup, Payments payments, BillingMail mail) {
            this.interval = interval;
            this.autoStartup = autoStartup;
            this.payments = payments;
            this.mail = mail;
        }

        /** One pass, also what tests call to avoid waiting for the loop. */
        synchronized void runOnce() {
            payments.matchUnmatched();
            mail.handOverDue();
        }

        private void tick() {
            try {
                runOnce();
            } catch (DataAccessException e) {
                log.warn("Billing e-mail hand-over cannot reach the database, will retry: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.error("Billing e-mail hand-over failed", e);
            }
        }

        @Override
        public boolean isAutoStartup() {
            return autoStartup;
        }

        @Override
        public synchronized void start() {
            if (executor == null) {
                ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("billing-mail").daemon().factory());
                started.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
                executor = started;
            }
        }

        @Override
        public synchronized void stop() {
            ScheduledExecutorService running = executor;
            if (running != null) {
                running.shutdown();
                try {
                    running.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                executor = null;
            }
        }

        @Override
        public boolean isRunning() {
            return executor != null;
        }
    }
}
