package dev.quitto.platform.mail.internal;

import java.util.List;

/** Hands messages to the world: SMTP when a server is configured, the log otherwise. */
sealed interface MailTransport permits SmtpTransport, LogTransport {

    /** Sends {@code mails}; the results are in the same order. */
    List<SendResult> send(List<OutgoingMail> mails);

    /** One line for the start-up log. */
    String describe();
}
