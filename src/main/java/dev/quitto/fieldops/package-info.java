/**
 * Field-service visits (atendimentos) imported from CSV or written through the API, and the indicators of the
 * last-mile operation computed from them: SLA per Green Angel and per polo, productivity per angel per business
 * day (spec fieldops.md). The seed paths ({@code /api/v1/atendimento}) and the canonical {@code /api/v1/fieldops}
 * API share one application service per use case.
 */
@ApplicationModule(displayName = "Field-ops",
        allowedDependencies = {"platform :: security", "platform :: web", "platform :: time", "platform :: imports"})
@NullMarked
package dev.quitto.fieldops;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
