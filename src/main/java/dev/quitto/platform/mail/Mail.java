package dev.quitto.platform.mail;

import dev.quitto.platform.mail.internal.MailDispatcher;
import dev.quitto.platform.mail.internal.MailRepository;
import dev.quitto.platform.mail.internal.MailTemplates;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way to send e-mail. Enqueueing is part of the caller's transaction (and refused without one): a
 * rollback leaves no message; after commit the dispatcher sends it, once.
 */
@Component
public class Mail {

    private final MailRepository repository;
    private final MailTemplates templates;
    private final MailDispatcher dispatcher;

    Mail(MailRepository repository, MailTemplates templates, MailDispatcher dispatcher) {
        this.repository = repository;
        this.templates = templates;
        this.dispatcher = dispatcher;
    }

    /**
     * Queues {@code message} and returns its id. A message whose business key is already queued (or sent) is
     * not queued again: the existing id is returned.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(MailMessage message) {
        checkTemplate(message);
        UUID id = repository.insert(message);
        wakeDispatcherAfterCommit();
        return id;
    }

    /**
     * Queues a message to platform user {@code userId}'s e-mail address, read by the same statement that queues it
     * (one round trip instead of a user lookup and an insert). False, and nothing queued, when the user has no
     * address or {@code businessKey} was queued before.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueueToUser(long userId, String businessKey, String subject, MailContent content) {
        MailMessage.checkKeyAndSubject(businessKey, subject);
        checkTemplate(content);
        boolean queued = repository.insertToUser(userId, businessKey, subject, content);
        if (queued) {
            wakeDispatcherAfterCommit();
        }
        return queued;
    }

    /** Queues many messages in one round trip; returns how many were new (the others' keys were queued before). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int enqueueAll(List<MailMessage> messages) {
        messages.forEach(this::checkTemplate);
        int queued = repository.insertAll(messages);
        wakeDispatcherAfterCommit();
        return queued;
    }

    /**
     * Those of {@code businessKeys} whose message the SMTP server accepted (status SENT): not those still queued,
     * failed for good (a bounce) or of unknown outcome.
     */
    @Transactional(readOnly = true)
    public Set<String> sentAmong(Collection<String> businessKeys) {
        return repository.sentAmong(businessKeys);
    }

    private void checkTemplate(MailMessage message) {
        checkTemplate(message.content());
    }

    private void checkTemplate(MailContent content) {
        if (content instanceof MailContent.Template template && !templates.exists(template.name())) {
            throw new IllegalArgumentException("No mail template " + template.name() + " (templates/mail/" + template.name() + ".txt)");
        }
    }

    private void wakeDispatcherAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wake();
            }
        });
    }
}
