/**
 * Durable jobs on db-scheduler (PostgreSQL, cluster-safe): one-off jobs scheduled inside the caller's
 * transaction ({@link dev.quitto.platform.jobs.Jobs}) and recurring jobs whose cron comes from configuration
 * ({@link dev.quitto.platform.jobs.RecurringJob}); plus the recurring resubmission of event publications
 * whose listener failed.
 */
@NamedInterface("jobs")
@NullMarked
package dev.quitto.platform.jobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
