package dev.quitto.anticipation.anticipation;

import dev.quitto.anticipation.web.SeedListBody;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** The payment already has a PENDING or APPROVED request (also when two requests race): seed 400, canonical 409. */
public final class AnticipationExists extends Refusal implements SeedListBody {

    public AnticipationExists() {
        super(HttpStatus.CONFLICT, "anticipation-exists", "An anticipation was already created for this payment.");
    }

    @Override
    public String seedMessage() {
        return getMessage();
    }
}
