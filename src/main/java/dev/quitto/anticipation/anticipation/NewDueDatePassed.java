package dev.quitto.anticipation.anticipation;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** Approving a request whose new due date is before today; it may still be denied. */
public final class NewDueDatePassed extends Refusal {

    public NewDueDatePassed() {
        super(HttpStatus.CONFLICT, "new-due-date-passed", "The new due date has passed; this anticipation can no longer be approved.");
    }
}
