package dev.quitto.platform.mail;

import dev.quitto.platform.mail.internal.MailFilter;
import dev.quitto.platform.mail.internal.MailRepository;
import dev.quitto.platform.mail.internal.MailResend;
import dev.quitto.platform.mail.internal.MailView;
import dev.quitto.platform.web.PageQuery;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sent-mail table for screens outside the platform (the web console): the same list and resend as
 * {@code /api/v1/platform/mail}. Who may call is the caller's check.
 */
@Component
public class SentMails {

    private final MailRepository repository;
    private final MailResend resend;

    SentMails(MailRepository repository, MailResend resend) {
        this.repository = repository;
        this.resend = resend;
    }

    /** Newest first, optionally of one status and one business key. */
    @Transactional(readOnly = true)
    public Page list(@Nullable MailStatus status, @Nullable String businessKey, PageQuery page) {
        MailFilter filter = new MailFilter(status, businessKey == null || businessKey.isBlank() ? null : businessKey.strip());
        return new Page(repository.list(filter, page.size(), page.offset()).stream().map(SentMails::summary).toList(), repository.count(filter));
    }

    /** A FAILED or UNKNOWN message back to PENDING; 404 for an unknown id, 409 for one that went out or is on its way. */
    public SentMail resend(UUID id, String operator) {
        return summary(resend.resend(id, operator));
    }

    private static SentMail summary(MailView view) {
        return new SentMail(view.id(), view.businessKey(), view.recipients(), view.subject(), view.template(), view.status(), view.attempts(),
                view.nextAttemptAt(), view.sentAt(), view.lastError(), view.createdAt());
    }

    public record Page(List<SentMail> items, long totalItems) {

        public Page {
            items = List.copyOf(items);
        }
    }
}
