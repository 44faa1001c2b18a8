package dev.quitto.platform.jobs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.quitto.platform.time.BusinessTime;

/**
 * Recurring jobs whose cron comes from configuration. Declare the result as a bean and db-scheduler runs it on
 * one instance at a time, at each cron time in America/Sao_Paulo:
 * <pre>{@code
 * @Bean
 * RecurringTask<Void> reminderRun(BillingSettings settings, ReminderRun run) {
 *     return RecurringJob.cron("billing-reminder-run", settings.reminders().cron(), run::enqueueDue);
 * }
 * }</pre>
 * A cron of {@code -} disables the job. A run that throws is logged and the job runs again at the next cron time.
 */
public final class RecurringJob {

    private RecurringJob() {
    }

    /** A job named {@code name} running {@code work} at each time of {@code cron} (Spring's six fields, seconds first). */
    public static RecurringTask<Void> cron(String name, String cron, Runnable work) {
        return Tasks.recurring(name, schedule(cron)).execute((instance, context) -> work.run());
    }

    /** {@code cron} read in the business zone, as every Quitto schedule is. */
    public static Schedule schedule(String cron) {
        return Schedules.cron(cron, BusinessTime.ZONE);
    }
}
