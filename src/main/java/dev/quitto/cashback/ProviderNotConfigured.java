package dev.quitto.cashback;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** No provider URL is configured ({@code QUITTO_CASHBACK_PROVIDER_URL}): sales cannot be accepted, 503. */
final class ProviderNotConfigured extends Refusal {

    ProviderNotConfigured() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "cashback-provider-not-configured",
                "No cashback provider is configured (QUITTO_CASHBACK_PROVIDER_URL); sales cannot be accepted.");
    }
}
