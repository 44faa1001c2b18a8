package dev.quitto.platform.mail.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP through Spring Mail. A batch goes over one connection; each message is multipart/alternative (text, then
 * HTML) when it has HTML, keeps its Message-ID, and is classified on failure: SMTP 5xx and unusable addresses
 * are permanent, SMTP 4xx and connection trouble transient.
 */
final class SmtpTransport implements MailTransport {

    private static final int MAX_ERROR_LENGTH = 1000;
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    private final JavaMailSender sender;

    SmtpTransport(JavaMailSender sender) {
        this.sender = sender;
        // Jakarta Mail 2.1 finds its StreamProvider with a ServiceLoader scan of the classpath for every body part it
        // writes: a quarter of the dispatcher's CPU in bench/. Naming the implementation skips the scan.
        System.getProperties().putIfAbsent(STREAM_PROVIDER, MailStreamProvider.class.getName());
    }

    @Override
    public List<SendResult> send(List<OutgoingMail> mails) {
        SendResult[] results = new SendResult[mails.size()];
        Map<MimeMessage, Integer> positions = new IdentityHashMap<>();
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < mails.size(); i++) {
            try {
                MimeMessage message = build(mails.get(i));
                positions.put(message, i);
                messages.add(message);
            } catch (MessagingException e) {
                results[i] = new SendResult.Permanent("The message cannot be built: " + describe(e));
            }
        }
        Map<Object, Exception> failed = Map.of();
        SendResult whole = null;
        if (messages.isEmpty()) {
            return List.of(results);
        }
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failed = e.getFailedMessages();
            if (failed.isEmpty()) {
                whole = classify(e);
            }
        } catch (MailAuthenticationException e) {
            whole = new SendResult.Transient("The SMTP server refused the credentials: " + describe(e));
        } catch (MailException e) {
            whole = classify(e);
        }
        for (MimeMessage message : messages) {
            int i = positions.get(message);
            Exception failure = failed.get(message);
            results[i] = whole != null ? whole : failure != null ? classify(failure) : SendResult.SENT;
        }
        return List.of(results);
    }

    private MimeMessage build(OutgoingMail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        message.setFrom(new InternetAddress(mail.from(), true));
        if (mail.replyTo() != null) {
            message.setReplyTo(InternetAddress.parse(mail.replyTo(), true));
        }
        List<InternetAddress> to = new ArrayList<>();
        for (String address : mail.to()) {
            to.add(new InternetAddress(address, true));
        }
        message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setHeader("Content-Language", "pt-BR");
        if (mail.html() == null) {
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", text, html));
        }
        // JavaMailSenderImpl restores a Message-ID set before send after saveChanges() would replace it.
        message.setHeader("Message-ID", mail.messageId());
        return message;
    }

    static SendResult classify(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            int code = switch (cause) {
                case SMTPAddressFailedException address -> address.getReturnCode();
                case SMTPSenderFailedException sender -> sender.getReturnCode();
                case SMTPSendFailedException send -> send.getReturnCode();
                default -> 0;
            };
            if (code >= 500) {
                return new SendResult.Permanent(describe(cause));
            }
            if (code >= 400) {
                return new SendResult.Transient(describe(cause));
            }
            if (cause instanceof AddressException) {
                return new SendResult.Permanent(describe(cause));
            }
        }
        return new SendResult.Transient(describe(failure));
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 5; cause = cause.getCause(), depth++) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(String.valueOf(cause.getMessage()).strip());
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }

    @Override
    public String describe() {
        if (sender instanceof JavaMailSenderImpl impl) {
            return "SMTP " + impl.getHost() + ":" + (impl.getPort() > 0 ? impl.getPort() : 25);
        }
        return "SMTP (" + sender.getClass().getSimpleName() + ")";
    }
}
