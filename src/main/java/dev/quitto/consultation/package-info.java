/**
 * Medical consultations (spec consultation-finance.md): clinics start and finish them; finishing prices the
 * consultation and, in the same transaction, queues its charge to finance as a platform outbound delivery
 * (destination {@code finance}). Operators watch and re-arm those charges. The seed paths
 * ({@code /app/consultation/start/}, {@code /app/consultation/finish/}) and the canonical
 * {@code /api/v1/consultations} API share one application service.
 */
@ApplicationModule(displayName = "Consultation",
        allowedDependencies = {"platform :: security", "platform :: web", "platform :: time", "platform :: money", "platform :: ids",
                "platform :: delivery"})
@NullMarked
package dev.quitto.consultation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
