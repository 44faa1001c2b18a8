package dev.quitto.anticipation.anticipation;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** Approved and denied requests are final; a lost race ends here too. */
public final class AnticipationNotPending extends Refusal {

    public AnticipationNotPending() {
        super(HttpStatus.CONFLICT, "anticipation-not-pending", "Only pending anticipations can be approved or denied.");
    }
}
