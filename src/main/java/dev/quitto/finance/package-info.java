/**
 * Financial entries (spec consultation-finance.md): one record per appointment, idempotent on {@code appointment_id}
 * (201 first, 200 on an identical replay, 409 for another amount). Reached only over HTTP, by the consultation
 * hand-off or back-office systems; can run alone with the {@code finance-only} profile.
 */
@ApplicationModule(displayName = "Finance", allowedDependencies = {"platform :: security", "platform :: web", "platform :: time",
        "platform :: money", "platform :: ids"})
@NullMarked
package dev.quitto.finance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
