/** db-scheduler wiring (clock, instance name, JSON task data) and the resubmission of failed event publications. */
@NullMarked
package dev.quitto.platform.jobs.internal;

import org.jspecify.annotations.NullMarked;
