package dev.quitto.platform.mail.internal;

import dev.quitto.platform.privacy.Masked;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** An operator sends an UNKNOWN or FAILED e-mail again: back to PENDING with a fresh attempt budget. */
@Service
public class MailResend {

    private static final Logger log = LoggerFactory.getLogger(MailResend.class);

    private final MailRepository repository;
    private final MailDispatcher dispatcher;
    private final Clock clock;

    MailResend(MailRepository repository, MailDispatcher dispatcher, Clock clock) {
        this.repository = repository;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Transactional
    public MailView resend(UUID id, String operator) {
        MailView resent = repository.resend(id, clock.instant()).orElseThrow(() -> repository.find(id)
                .<RuntimeException>map(mail -> new MailNotResendable(id, mail.status()))
                .orElseGet(() -> new MailNotFound(id)));
        log.info("Mail {} ({}) PENDING again: resent by {}", id, resent.businessKey(), Masked.emailsIn(operator));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wake();
            }
        });
        return resent;
    }
}
