package dev.quitto.platform.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message to enqueue.
 *
 * @param businessKey what makes it unique, e.g. {@code billing:invoice:<id>:INVOICE}; a second message with the
 *                    same key is never sent
 * @param to          one or more addresses ({@code name@domain} or {@code Name <name@domain>})
 * @param messageId   the {@code Message-ID} header, angle brackets included; default {@code <id@quitto.mail.message-id-domain>}
 */
public record MailMessage(String businessKey, List<String> to, String subject, MailContent content, @Nullable String messageId) {

    public static final int MAX_KEY_LENGTH = 200;

    public MailMessage {
        checkKeyAndSubject(businessKey, subject);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("A mail needs a recipient");
        }
        to = List.copyOf(to);
        for (String address : to) {
            try {
                new InternetAddress(address, true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("Not an e-mail address: " + address, e);
            }
        }
        if (messageId != null && !(messageId.startsWith("<") && messageId.endsWith(">") && messageId.contains("@"))) {
            throw new IllegalArgumentException("A Message-ID looks like <left@right>, not " + messageId);
        }
    }

    static void checkKeyAndSubject(String businessKey, String subject) {
        if (businessKey.isBlank() || businessKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("A mail business key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (subject.isBlank()) {
            throw new IllegalArgumentException("A mail needs a subject");
        }
    }

    public static MailMessage of(String businessKey, String to, String subject, MailContent content) {
        return new MailMessage(businessKey, List.of(to), subject, content, null);
    }

    public MailMessage withMessageId(String messageId) {
        return new MailMessage(businessKey, to, subject, content, messageId);
    }
}
