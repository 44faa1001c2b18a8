package dev.quitto.platform.mail.internal;

import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.mail.MailContent;
import dev.quitto.platform.mail.MailMessage;
import dev.quitto.platform.mail.MailStatus;
import dev.quitto.platform.time.BusinessTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code platform_mail}: insert in the caller's transaction; claim, lease and record outcomes for the dispatcher. */
@Repository
public class MailRepository {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static final String INSERT = """
            insert into platform_mail (id, business_key, recipients, subject, template, model, body_text, body_html, message_id,
                                       status, attempts, next_attempt_at, created_at, updated_at)
            values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, 'PENDING', 0, ?, ?, ?)
            on conflict (business_key) do nothing
            """;

    private static final String INSERT_TO_USER = """
            insert into platform_mail (id, business_key, recipients, subject, template, model, body_text, body_html, message_id,
                                       status, attempts, next_attempt_at, created_at, updated_at)
            select ?, ?, array[u.email], ?, ?, cast(? as jsonb), ?, ?, ?, 'PENDING', 0, ?, ?, ?
            from platform_user u where u.id = ? and u.email is not null
            on conflict (business_key) do nothing
            """;

    private static final String VIEW_COLUMNS = """
            id, business_key, recipients, subject, template, status, attempts, next_attempt_at, sent_at, message_id,
            last_error, claimed_by, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final IdGenerator uuids;
    private final Clock clock;
    private final MailSettings settings;

    MailRepository(JdbcClient jdbc, JdbcTemplate batch, IdGenerator uuids, Clock clock, MailSettings settings) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.uuids = uuids;
        this.clock = clock;
        this.settings = settings;
    }

    /** Inserts {@code message} unless its business key exists; returns the id of the row holding the key. */
    public UUID insert(MailMessage message) {
        UUID id = uuids.newId();
        int inserted = batch.update(INSERT, row(id, message, clock.instant()));
        if (inserted == 1) {
            return id;
        }
        return jdbc.sql("select id from platform_mail where business_key = :key").param("key", message.businessKey())
                .query(UUID.class).single();
    }

    /** Inserts the messages whose business keys are new, in one batch; returns how many were inserted. */
    public int insertAll(List<MailMessage> messages) {
        Instant now = clock.instant();
        List<Object[]> rows = messages.stream().map(message -> row(uuids.newId(), message, now)).toList();
        return Arrays.stream(batch.batchUpdate(INSERT, rows)).map(count -> Math.max(count, 0)).sum();
    }

    /** Inserts a message to the user's stored address; false when the user has none or the key exists. */
    public boolean insertToUser(long userId, String businessKey, String subject, MailContent content) {
        UUID id = uuids.newId();
        Object[] columns = contentColumns(content);
        OffsetDateTime at = utc(clock.instant());
        return batch.update(INSERT_TO_USER, id, businessKey, subject, columns[0], columns[1], columns[2], columns[3],
                defaultMessageId(id), at, at, at, userId) == 1;
    }

    private Object[] row(UUID id, MailMessage message, Instant now) {
        Object[] columns = contentColumns(message.content());
        String messageId = message.messageId() != null ? message.messageId() : defaultMessageId(id);
        OffsetDateTime at = utc(now);
        return new Object[] {id, message.businessKey(), message.to().toArray(String[]::new), message.subject(),
                columns[0], columns[1], columns[2], columns[3], messageId, at, at, at};
    }

    private String defaultMessageId(UUID id) {
        return "<" + id + "@" + settings.messageIdDomain() + ">";
    }

    /** Template, model, text and HTML, in the insert's column order. */
    private static Object[] contentColumns(MailContent content) {
        String template = null;
        String model = null;
        String text = null;
        String html = null;
        switch (content) {
            case MailContent.Template t -> {
                template = t.name();
                model = JSON.writeValueAsString(t.model());
            }
            case MailContent.Text t -> {
                text = t.text();
                html = t.html();
            }
        }
        return new Object[] {varchar(template), varchar(model), varchar(text), varchar(html)};
    }

    /**
     * Claims up to {@code limit} due PENDING messages for this instance: SENDING, one more attempt, leased until
     * {@code leaseUntil} under {@code token}. Rows other instances hold are skipped, not waited for.
     */
    List<ClaimedMail> claimDue(int limit, Instant now, Instant leaseUntil, UUID token, String instance) {
        return jdbc.sql("""
                        with due as (
                            select id from platform_mail
                            where status = 'PENDING' and next_attempt_at <= :now
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        update platform_mail m
                        set status = 'SENDING', attempts = m.attempts + 1, lease_until = :leaseUntil, lease_token = :token,
                            claimed_by = :instance, updated_at = :now
                        from due where m.id = due.id
                        returning m.id, m.business_key, m.recipients, m.subject, m.template, m.model::text as model,
                                  m.body_text, m.body_html, m.message_id, m.attempts
                        """)
                .param("now", utc(now))
                .param("limit", limit)
                .param("leaseUntil", utc(leaseUntil))
                .param("token", token)
                .param("instance", instance)
                .query((rs, row) -> new ClaimedMail(rs.getObject("id", UUID.class), rs.getString("business_key"),
                        recipients(rs), rs.getString("subject"), rs.getString("template"), rs.getString("model"),
                        rs.getString("body_text"), rs.getString("body_html"), rs.getString("message_id"), rs.getInt("attempts"), token))
                .list();
    }

    /**
     * Records sent messages. A message whose lease ran out meanwhile (now UNKNOWN) is recorded SENT too: it went
     * out, and no one re-sends an UNKNOWN message without an operator.
     */
    void markSent(List<ClaimedMail> mails, Instant now) {
        if (mails.isEmpty()) {
            return;
        }
        OffsetDateTime at = utc(now);
        batch.batchUpdate("""
                        update platform_mail set status = 'SENT', sent_at = ?, updated_at = ?, lease_until = null, last_error = null
                        where id = ? and lease_token = ? and status in ('SENDING', 'UNKNOWN')
                        """,
                mails.stream().map(mail -> new Object[] {at, at, mail.id(), mail.leaseToken()}).toList());
    }

    /** Puts messages back to PENDING, due again at their {@code nextAttemptAt}. */
    void markForRetry(List<Retry> retries, Instant now) {
        if (retries.isEmpty()) {
            return;
        }
        OffsetDateTime at = utc(now);
        batch.batchUpdate("""
                        update platform_mail set status = 'PENDING', next_attempt_at = ?, last_error = ?, updated_at = ?, lease_until = null
                        where id = ? and lease_token = ? and status = 'SENDING'
                        """,
                retries.stream().map(retry -> new Object[] {utc(retry.nextAttemptAt()), retry.error(), at, retry.mail().id(),
                        retry.mail().leaseToken()}).toList());
    }

    void markFailed(List<Failure> failures, Instant now) {
        if (failures.isEmpty()) {
            return;
        }
        OffsetDateTime at = utc(now);
        batch.batchUpdate("""
                        update platform_mail set status = 'FAILED', last_error = ?, updated_at = ?, lease_until = null
                        where id = ? and lease_token = ? and status = 'SENDING'
                        """,
                failures.stream().map(failure -> new Object[] {failure.error(), at, failure.mail().id(), failure.mail().leaseToken()}).toList());
    }

    /** Messages SENDING past their lease become UNKNOWN: their instance may have sent them before it stopped. */
    List<Expired> expireLeases(Instant now) {
        return jdbc.sql("""
                        update platform_mail
                        set status = 'UNKNOWN', updated_at = :now, lease_until = null,
                            last_error = 'Claimed by ' || coalesce(claimed_by, '?') || ', which did not confirm the send within its lease; '
                                         || 'the message may or may not have gone out. Resend it if it did not.'
                        where status = 'SENDING' and lease_until < :now
                        returning id, business_key, claimed_by
                        """)
                .param("now", utc(now))
                .query((rs, row) -> new Expired(rs.getObject("id", UUID.class), rs.getString("business_key"), rs.getString("claimed_by")))
                .list();
    }

    /** UNKNOWN or FAILED back to PENDING, due now, with a fresh attempt budget; empty when no such row. */
    Optional<MailView> resend(UUID id, Instant now) {
        return jdbc.sql("""
                        update platform_mail
                        set status = 'PENDING', attempts = 0, next_attempt_at = :now, lease_until = null, lease_token = null, updated_at = :now
                        where id = :id and status in ('UNKNOWN', 'FAILED')
                        returning\s""" + VIEW_COLUMNS)
                .param("id", id)
                .param("now", utc(now))
                .query(this::view)
                .optional();
    }

    Optional<MailView> find(UUID id) {
        return jdbc.sql("select " + VIEW_COLUMNS + " from platform_mail where id = :id").param("id", id).query(this::view).optional();
    }

    /** Those of {@code businessKeys} whose message was accepted by the SMTP server. */
    public java.util.Set<String> sentAmong(java.util.Collection<String> businessKeys) {
        if (businessKeys.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select business_key from platform_mail where business_key = any(:keys) and status = 'SENT'")
                .param("keys", businessKeys.toArray(String[]::new)).query(String.class).list());
    }

    public List<MailView> list(MailFilter filter, int limit, long offset) {
        return filter.bind(jdbc.sql("select " + VIEW_COLUMNS + " from platform_mail " + filter.where()
                        + "order by created_at desc, id desc limit :limit offset :offset"))
                .param("limit", limit)
                .param("offset", offset)
                .query(this::view)
                .list();
    }

    public long count(MailFilter filter) {
        return filter.bind(jdbc.sql("select count(*) from platform_mail " + filter.where())).query(Long.class).single();
    }

    long countPending() {
        return count(new MailFilter(MailStatus.PENDING, null));
    }

    private MailView view(ResultSet rs, int row) throws SQLException {
        return new MailView(rs.getObject("id", UUID.class), rs.getString("business_key"), recipients(rs), rs.getString("subject"),
                rs.getString("template"), MailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rendered(rs, "next_attempt_at"), renderedOrNull(rs, "sent_at"), rs.getString("message_id"), rs.getString("last_error"),
                rs.getString("claimed_by"), rendered(rs, "created_at"), rendered(rs, "updated_at"));
    }

    static Object parseModel(String json) {
        return JSON.readValue(json, Object.class);
    }

    private static List<String> recipients(ResultSet rs) throws SQLException {
        return new ArrayList<>(Arrays.asList((String[]) rs.getArray("recipients").getArray()));
    }

    private static OffsetDateTime rendered(ResultSet rs, String column) throws SQLException {
        return BusinessTime.render(rs.getObject(column, OffsetDateTime.class).toInstant());
    }

    private static @Nullable OffsetDateTime renderedOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : BusinessTime.render(value.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static SqlParameterValue varchar(@Nullable String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    record Retry(ClaimedMail mail, Instant nextAttemptAt, String error) {
    }

    record Failure(ClaimedMail mail, String error) {
    }

    record Expired(UUID id, String businessKey, @Nullable String claimedBy) {
    }
}
