/**
 * Billing (spec billing.md): debts imported from CSV through the platform import pipeline, one invoice per debt
 * (FEBRABAN boleto + PIX BR Code) computed at ingest, invoice and reminder e-mails through platform mail, and the
 * bank's payment webhook. The seed paths {@code POST /billing} and {@code POST /payment} share the application
 * services of the canonical {@code /api/v1/billing} API.
 */
@ApplicationModule(displayName = "Billing",
        allowedDependencies = {"platform :: security", "platform :: web", "platform :: time", "platform :: money", "platform :: mail",
                "platform :: imports", "platform :: ids", "platform :: jobs", "platform :: privacy"})
@NullMarked
package dev.quitto.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
