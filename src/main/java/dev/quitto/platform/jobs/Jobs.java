package dev.quitto.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Schedules one-off jobs as part of the caller's transaction: the job's row is written on the caller's
 * connection, so a rollback leaves no job and a commit makes it visible to every instance at once. A task is a
 * {@link OneTimeTask} bean the module declares ({@code Tasks.oneTime("billing-…", Data.class).execute(…)}); its
 * data is stored as JSON.
 */
@Component
public class Jobs {

    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;

    /** The scheduler is looked up on use, so that tasks may depend on services that schedule jobs. */
    public Jobs(ObjectProvider<Scheduler> scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Runs {@code task} for {@code instanceId} as soon as the caller's transaction commits; see {@link #schedule(OneTimeTask, String, Object, Instant)}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> boolean schedule(OneTimeTask<T> task, String instanceId, T data) {
        return schedule(task, instanceId, data, clock.instant());
    }

    /**
     * Runs {@code task} for {@code instanceId} at {@code at} (or as soon after as a scheduler thread is free).
     * Idempotent per instance id: while an execution with that id is scheduled or running, another call is a
     * no-op that returns {@code false}. Two transactions scheduling the same id at the same moment are the
     * exception: the later one's insert hits the primary key and that transaction fails (roll back and retry).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> boolean schedule(OneTimeTask<T> task, String instanceId, T data, Instant at) {
        Scheduler jobs = scheduler.getObject();
        boolean created = jobs.scheduleIfNotExists(task.instance(instanceId, data), at);
        if (created && !at.isAfter(clock.instant())) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    jobs.triggerCheckForDueExecutions();
                }
            });
        }
        return created;
    }
}
