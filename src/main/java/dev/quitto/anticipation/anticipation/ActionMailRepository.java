package dev.quitto.anticipation.anticipation;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code anticipation_mail}: one e-mail per log row, written in the action's transaction, for the platform's mail jobs. */
@Repository
class ActionMailRepository {

    private final JdbcClient jdbc;

    ActionMailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long logId, MailKind kind, String recipient, String subject, String bodyText, String bodyHtml, Instant createdAt) {
        jdbc.sql("""
                        insert into anticipation_mail (log_id, kind, recipient, subject, body_text, body_html, created_at)
                        values (:logId, :kind, :recipient, :subject, :bodyText, :bodyHtml, :createdAt)
                        """)
                .param("logId", logId).param("kind", kind.name()).param("recipient", recipient).param("subject", subject)
                .param("bodyText", bodyText).param("bodyHtml", bodyHtml).param("createdAt", Timestamp.from(createdAt))
                .update();
    }
}
