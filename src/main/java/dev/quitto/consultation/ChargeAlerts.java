package dev.quitto.consultation;

import dev.quitto.platform.delivery.DeliveryDied;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Alerts on dead charges (spec 6.8): an ERROR log event {@code charge_dead} and the counter
 * {@code quitto.consultation.charges.dead_total{reason}} for every transition of a finance delivery to DEAD.
 */
@Component
class ChargeAlerts {

    private static final Logger log = LoggerFactory.getLogger(ChargeAlerts.class);

    private final MeterRegistry meters;

    ChargeAlerts(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener
    void on(DeliveryDied died) {
        if (!died.destination().equals(Consultations.FINANCE)) {
            return;
        }
        log.error("charge_dead charge={} consultation={} reason={} lastStatus={} attempts={} lastError={}", died.id(), died.businessKey(),
                died.reason(), died.lastStatusCode(), died.attempts(), died.lastError());
        meters.counter("quitto.consultation.charges.dead_total", "reason", died.reason().name()).increment();
    }
}
