package dev.quitto.platform.mail.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Faults at the dispatcher's weakest moment, for tests: present in every test context (and every instance a test
 * starts) and inert until a test arms it. Armed for a recipient, the first dispatcher of this JVM whose SMTP server
 * accepts a message to that recipient stops right there, before recording anything: the message has gone out and its
 * row is still SENDING, as when the process dies between the SMTP server's reply and the database update.
 */
@Component
public class MailFaults implements AfterTransport {

    /** What a dispatcher thread meets at the fault: the rest of its round (recording the batch) never happens. */
    public static final class DispatcherStopped extends RuntimeException {
        DispatcherStopped(String recipient) {
            super("Test fault: the dispatcher stops after the SMTP server accepted the message to " + recipient, null, false, false);
        }
    }

    private static final AtomicReference<@Nullable String> armedFor = new AtomicReference<>();

    /** Arms the fault for the next accepted message to {@code recipient}; it fires once. */
    public static void stopAfterSmtpAccepts(String recipient) {
        armedFor.set(recipient);
    }

    public static void disarm() {
        armedFor.set(null);
    }

    @Override
    public void sent(List<OutgoingMail> mails, List<SendResult> results) {
        String recipient = armedFor.get();
        if (recipient == null) {
            return;
        }
        for (int i = 0; i < mails.size(); i++) {
            if (results.get(i) instanceof SendResult.Sent && mails.get(i).to().stream().anyMatch(recipient::equalsIgnoreCase)
                    && armedFor.compareAndSet(recipient, null)) {
                throw new DispatcherStopped(recipient);
            }
        }
    }
}
