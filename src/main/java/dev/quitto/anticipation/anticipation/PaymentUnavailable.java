package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.web.SeedListBody;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** The payment is due today or earlier: seed 400, canonical 409. */
public final class PaymentUnavailable extends Refusal implements SeedListBody {

    public PaymentUnavailable() {
        super(HttpStatus.CONFLICT, "payment-unavailable", "Unavailable payments can not be anticipated.");
    }

    @Override
    public String seedMessage() {
        return getMessage();
    }
}
