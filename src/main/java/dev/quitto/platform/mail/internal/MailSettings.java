package dev.quitto.platform.mail.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sending e-mail ({@code quitto.mail}); the SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from               the From header ({@code QUITTO_MAIL_FROM})
 * @param replyTo            the Reply-To header, if any ({@code QUITTO_MAIL_REPLY_TO})
 * @param messageIdDomain    right-hand side of generated Message-IDs ({@code QUITTO_MAIL_MESSAGE_ID_DOMAIN})
 * @param ratePerSecond      most messages this instance sends per second ({@code QUITTO_MAIL_RATE_PER_SECOND}); bursts of at most a tenth of a second's worth
 * @param batchSize          most messages claimed and sent over one SMTP connection
 * @param workers            dispatcher threads of this instance
 * @param pollInterval       how often an idle dispatcher looks for due messages (commits of this instance wake it at once)
 * @param lease              how long a claimed message may stay SENDING; past it, it becomes UNKNOWN
 * @param maxAttempts        attempts before a message that keeps failing transiently becomes FAILED
 * @param retryInitial       wait after the first transient failure; doubles after each further one
 * @param retryMax           the longest wait between attempts
 * @param retryJitterPercent each wait is moved by up to this many percent, at random
 */
@ConfigurationProperties("quitto.mail")
public record MailSettings(@DefaultValue("Quitto <nao-responda@quitto.local>") String from,
                           @Nullable String replyTo,
                           @DefaultValue("quitto.local") String messageIdDomain,
                           @DefaultValue("100") int ratePerSecond,
                           @DefaultValue("50") int batchSize,
                           @DefaultValue("2") int workers,
                           @DefaultValue("1s") Duration pollInterval,
                           @DefaultValue("60s") Duration lease,
                           @DefaultValue("8") int maxAttempts,
                           @DefaultValue("30s") Duration retryInitial,
                           @DefaultValue("1h") Duration retryMax,
                           @DefaultValue("20") int retryJitterPercent) {

    public MailSettings {
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
        if (ratePerSecond < 1 || batchSize < 1 || workers < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("quitto.mail.rate-per-second, batch-size, workers and max-attempts must be 1 or more");
        }
        if (retryJitterPercent < 0 || retryJitterPercent > 100) {
            throw new IllegalArgumentException("quitto.mail.retry-jitter-percent is between 0 and 100");
        }
    }
}
