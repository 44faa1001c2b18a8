package dev.quitto.consultation;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consultations ({@code quitto.consultation}). The charge hand-off itself is the platform destination
 * {@code quitto.delivery.destinations.finance}, whose URL and credentials default to
 * {@code quitto.consultation.charges.*} (application.yaml).
 *
 * @param pricePerHour    the rate a finishing consultation is priced and stored with ({@code QUITTO_CONSULTATION_PRICE_PER_HOUR}, 200.00)
 * @param futureTolerance how far past the server clock a client's {@code end_date} may be ({@code QUITTO_CONSULTATION_FUTURE_TOLERANCE}, 0s)
 */
@ConfigurationProperties("quitto.consultation")
public record ConsultationSettings(@DefaultValue("200.00") BigDecimal pricePerHour, @DefaultValue("0s") Duration futureTolerance) {

    public ConsultationSettings {
        if (pricePerHour.signum() < 0 || pricePerHour.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("quitto.consultation.price-per-hour is a non-negative amount with at most 2 decimals, got "
                    + pricePerHour.toPlainString());
        }
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("quitto.consultation.future-tolerance cannot be negative");
        }
        pricePerHour = pricePerHour.setScale(2);
    }
}
