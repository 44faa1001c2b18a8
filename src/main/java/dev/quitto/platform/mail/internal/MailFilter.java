package dev.quitto.platform.mail.internal;

import dev.quitto.platform.mail.MailStatus;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/** What an operator narrows the sent-mail list to: a status, a business key, or both. */
public record MailFilter(@Nullable MailStatus status, @Nullable String businessKey) {

    String where() {
        List<String> conditions = new ArrayList<>();
        if (status != null) {
            conditions.add("status = :status");
        }
        if (businessKey != null) {
            conditions.add("business_key = :businessKey");
        }
        return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + " ";
    }

    StatementSpec bind(StatementSpec statement) {
        StatementSpec bound = statement;
        if (status != null) {
            bound = bound.param("status", status.name());
        }
        if (businessKey != null) {
            bound = bound.param("businessKey", businessKey);
        }
        return bound;
    }
}
