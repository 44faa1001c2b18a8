/**
 * Cashback (spec cashback.md, from the MaisTodos challenge): an ERP posts a sale, the service validates it, computes
 * the cashback with the rate version current at that moment, stores everything it received, answers 201 and delivers
 * {@code {document, cashback}} to the cashback provider through the platform's outbound deliveries, reconciling the
 * sale with the provider's answer. The seed paths ({@code /api/cashback}, {@code /api/cashbacks/}) and the canonical
 * {@code /api/v1/cashback} API share one application service ({@link dev.quitto.cashback.Sales}).
 */
@ApplicationModule(displayName = "Cashback",
        allowedDependencies = {"platform :: security", "platform :: web", "platform :: time", "platform :: ids", "platform :: delivery", "platform :: jobs"})
@NullMarked
package dev.quitto.cashback;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
