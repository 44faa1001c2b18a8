/**
 * Supplier payments and their early payment with a discount: requests, operator decisions, the request log and
 * the supplier's e-mails (spec anticipation.md). Seed paths ({@code /api/payments/}, {@code /api/anticipations/},
 * {@code /api/logs/}) and the canonical {@code /api/v1/anticipation} API share one application service per use case.
 */
@ApplicationModule(displayName = "Anticipation",
        allowedDependencies = {"platform :: security", "platform :: web", "platform :: time", "platform :: money", "platform :: mail"})
@NullMarked
package dev.quitto.anticipation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
