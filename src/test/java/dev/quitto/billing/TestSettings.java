package dev.quitto.billing;

import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Billing settings with the spec's acceptance values (bank 237, agency 1234, wallet 09, account 0012345) for unit tests. */
final class TestSettings {

    private TestSettings() {
    }

    static BillingSettings settings() {
        return settings(List.of());
    }

    static BillingSettings settings(List<String> webhookSecrets) {
        return new BillingSettings(BoletoAndPixEncodingTests.QUITTO, new BillingSettings.Import(BillingSettings.GovernmentIdPolicy.LENIENT, DataSize.ofGigabytes(1)),
                new BillingSettings.Webhook(webhookSecrets, Duration.ofSeconds(300)),
                new BillingSettings.Links("http://localhost", "0123456789abcdef0123", Duration.ofDays(90)),
                new BillingSettings.MailHandOver(Duration.ofSeconds(1), 500, false, "quitto.local"),
                new BillingSettings.Reminders(List.of(-3, 0, 7), "-", 2), "-");
    }
}
