package dev.quitto.platform.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DeliverySettingsTests {

    @Test
    void bindsADestinationFromEnvironmentVariablesWithTheDocumentedDefaults() {
        DeliverySettings settings = bind(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "QUITTO_DELIVERY_DESTINATIONS_FINANCE_BASEURL", "http://finance:8080/api/v1/finance/records",
                "QUITTO_DELIVERY_DESTINATIONS_FINANCE_USERNAME", "finance",
                "QUITTO_DELIVERY_DESTINATIONS_FINANCE_DEADREASONBYSTATUS_409", "AMOUNT_CONFLICT",
                "QUITTO_DELIVERY_WORKER_POLLINTERVAL", "250ms")));

        DeliverySettings.Destination finance = settings.destination("finance");
        assertThat(finance.baseUrl()).isEqualTo("http://finance:8080/api/v1/finance/records");
        assertThat(finance.username()).isEqualTo("finance");
        assertThat(finance.deadReasonByStatus()).containsEntry(409, "AMOUNT_CONFLICT");
        assertThat(finance.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(finance.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(finance.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(finance.maxAttempts()).isNull();
        assertThat(finance.backoffBase()).isEqualTo(Duration.ofSeconds(1));
        assertThat(finance.backoffCap()).isEqualTo(Duration.ofSeconds(60));
        assertThat(finance.concurrency()).isEqualTo(64);
        assertThat(finance.breaker().probeInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.worker().pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.worker().enabled()).isTrue();
        assertThat(settings.worker().lease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void bindsPropertiesWithDashedDestinationNames() {
        DeliverySettings settings = bind(new MapPropertySource("yaml", Map.of(
                "quitto.delivery.destinations.cashback-provider.base-url", "http://provider",
                "quitto.delivery.destinations.cashback-provider.retry-after-cap", "1h")));

        assertThat(settings.destination("cashback-provider").retryAfterCap()).isEqualTo(Duration.ofHours(1));
    }

    private static DeliverySettings bind(org.springframework.core.env.PropertySource<?> source) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(source);
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("quitto.delivery", DeliverySettings.class);
    }
}
