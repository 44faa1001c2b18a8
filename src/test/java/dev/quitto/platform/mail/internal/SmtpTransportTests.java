package dev.quitto.platform.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpTransportTests {

    @Test
    void treatsAPermanentRecipientRejectionAsFinal() throws AddressException {
        var rejected = new SMTPAddressFailedException(new InternetAddress("a@example.com"), "RCPT TO:<a@example.com>", 550, "550 5.1.1 unknown");
        var failure = new SendFailedException("Invalid Addresses", rejected);

        assertThat(SmtpTransport.classify(failure)).isInstanceOf(SendResult.Permanent.class);
    }

    @Test
    void treatsADeferredRecipientAsWorthRetrying() throws AddressException {
        var deferred = new SMTPAddressFailedException(new InternetAddress("a@example.com"), "RCPT TO:<a@example.com>", 451, "451 4.3.0 later");

        assertThat(SmtpTransport.classify(new SendFailedException("Invalid Addresses", deferred))).isInstanceOf(SendResult.Transient.class);
    }

    @Test
    void treatsARejectedMessageBodyByItsReplyCode() {
        var tooBig = new SMTPSendFailedException("DATA", 552, "552 5.3.4 message too big", null, null, null, null);
        var busy = new SMTPSendFailedException("DATA", 421, "421 4.3.2 shutting down", null, null, null, null);

        assertThat(SmtpTransport.classify(tooBig)).isInstanceOf(SendResult.Permanent.class);
        assertThat(SmtpTransport.classify(busy)).isInstanceOf(SendResult.Transient.class);
    }

    @Test
    void treatsConnectionTroubleAsWorthRetrying() {
        var refused = new MailSendException("Mail server connection failed", new MessagingException("connect", new ConnectException("Connection refused")));
        var timeout = new MessagingException("read", new SocketTimeoutException("Read timed out"));

        assertThat(SmtpTransport.classify(refused)).isInstanceOf(SendResult.Transient.class);
        assertThat(SmtpTransport.classify(timeout)).isInstanceOf(SendResult.Transient.class);
    }

    @Test
    void treatsAnUnparseableAddressAsFinal() {
        assertThat(SmtpTransport.classify(new AddressException("Missing final '@domain'"))).isInstanceOf(SendResult.Permanent.class);
    }
}
