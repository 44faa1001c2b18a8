package dev.quitto.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SmtpStub;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** E-mail through the JVM's GreenMail SMTP server (see {@link TestMailServer}), exactly once or not at all. */
@QuittoIntegrationTest
class MailIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    Mail mail;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    TestUsers users;

    @AfterEach
    void smtpServerIsUp() {
        TestMailServer.start();
    }

    @Test
    void deliversAnEnqueuedMailOnceAsTextAndHtmlToItsRecipient() throws Exception {
        String to = recipient();
        MailMessage message = MailMessage.of("test:" + to, to, "Sua fatura vence amanhã",
                MailContent.template("test/greeting", Map.of("name", "Maria José", "amount", new BigDecimal("7811.00"), "dueDate", "25/11/2026")));

        UUID id = transaction.execute(status -> mail.enqueue(message));

        awaitStatus(id, "SENT");
        List<MimeMessage> received = TestMailServer.messagesTo(to);
        assertThat(received).hasSize(1);
        MimeMessage sent = received.getFirst();
        assertThat(sent.getSubject()).isEqualTo("Sua fatura vence amanhã");
        assertThat(sent.getMessageID()).isEqualTo("<" + id + "@quitto.local>");
        assertThat(sent.getFrom()[0].toString()).contains("nao-responda@quitto.local");
        assertThat(sent.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) sent.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Olá, Maria José!").contains("R$ 7811.00").contains("25/11/2026");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<strong>Maria José</strong>").contains("7811.00");
        assertThat(column(id, "message_id")).isEqualTo("<" + id + "@quitto.local>");
        assertThat(column(id, "sent_at")).isNotNull();
    }

    @Test
    void aMailToAUserGoesToTheAddressStoredForThatUser() throws Exception {
        TestUsers.TestUser user = users.createWithEmail(Role.SUPPLIER);
        String key = "test:to-user:" + user.id();

        Boolean queued = transaction.execute(status -> mail.enqueueToUser(user.id(), key, "Antecipação aprovada", MailContent.text("Olá")));

        assertThat(queued).isTrue();
        UUID id = jdbc.sql("select id from platform_mail where business_key = :key").param("key", key).query(UUID.class).single();
        assertThat(column(id, "recipients")).isEqualTo("{" + user.login() + "}");
        awaitStatus(id, "SENT");
        assertThat(TestMailServer.messagesTo(user.login())).singleElement()
                .satisfies(sent -> assertThat(sent.getMessageID()).isEqualTo("<" + id + "@quitto.local>"));
    }

    @Test
    void aMailToAUserWithoutAnAddressIsNotQueued() {
        TestUsers.TestUser user = users.create(Role.SUPPLIER);
        String key = "test:to-user:" + user.id();

        Boolean queued = transaction.execute(status -> mail.enqueueToUser(user.id(), key, "Antecipação aprovada", MailContent.text("Olá")));

        assertThat(queued).isFalse();
        assertThat(jdbc.sql("select count(*) from platform_mail where business_key = :key").param("key", key).query(Long.class).single()).isZero();
    }

    @Test
    void aMailToAUserIsQueuedOncePerBusinessKey() {
        TestUsers.TestUser user = users.createWithEmail(Role.SUPPLIER);
        String key = "test:to-user:" + user.id();

        Boolean first = transaction.execute(status -> mail.enqueueToUser(user.id(), key, "Antecipação aprovada", MailContent.text("Olá")));
        Boolean second = transaction.execute(status -> mail.enqueueToUser(user.id(), key, "Antecipação aprovada", MailContent.text("Olá de novo")));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(jdbc.sql("select count(*) from platform_mail where business_key = :key").param("key", key).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aMailToAUserNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> mail.enqueueToUser(1, "test:no-transaction", "Assunto", MailContent.text("Olá")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void sendsTextRenderedByTheCallerAsPlainText() throws Exception {
        String to = recipient();

        UUID id = transaction.execute(status -> mail.enqueue(
                MailMessage.of("test:" + to, to, "Aviso", MailContent.text("Só texto.")).withMessageId("<aviso.1@quitto.test>")));

        awaitStatus(id, "SENT");
        MimeMessage sent = TestMailServer.messagesTo(to).getFirst();
        assertThat(sent.getContentType()).startsWith("text/plain");
        assertThat(((String) sent.getContent()).strip()).isEqualTo("Só texto.");
        assertThat(sent.getMessageID()).isEqualTo("<aviso.1@quitto.test>");
    }

    @Test
    void neverSendsAMailWhoseTransactionRolledBack() {
        String to = recipient();

        transaction.executeWithoutResult(status -> {
            mail.enqueue(MailMessage.of("test:rolled-back:" + to, to, "Desfeito", MailContent.text("nunca")));
            status.setRollbackOnly();
        });
        UUID later = transaction.execute(status -> mail.enqueue(MailMessage.of("test:committed:" + to, to, "Confirmado", MailContent.text("sim"))));

        awaitStatus(later, "SENT");
        assertThat(TestMailServer.messagesTo(to)).extracting(MimeMessage::getSubject).containsExactly("Confirmado");
        assertThat(jdbc.sql("select count(*) from platform_mail where business_key = :key").param("key", "test:rolled-back:" + to)
                .query(Long.class).single()).isZero();
    }

    @Test
    void sendsOneMessageForABusinessKeyEnqueuedTwice() {
        String to = recipient();
        MailMessage message = MailMessage.of("test:twice:" + to, to, "Uma vez", MailContent.text("uma"));

        UUID first = transaction.execute(status -> mail.enqueue(message));
        UUID second = transaction.execute(status -> mail.enqueue(message));
        awaitStatus(first, "SENT");
        UUID afterSending = transaction.execute(status -> mail.enqueue(message));

        assertThat(second).isEqualTo(first);
        assertThat(afterSending).isEqualTo(first);
        assertThat(TestMailServer.messagesTo(to)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from platform_mail where business_key = :key").param("key", message.businessKey())
                .query(Long.class).single()).isOne();
    }

    @Test
    void refusesToEnqueueOutsideATransaction() {
        String to = recipient();

        assertThatThrownBy(() -> mail.enqueue(MailMessage.of("test:" + to, to, "Sem transação", MailContent.text("x"))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void retriesWhileTheSmtpServerIsDownAndDeliversOnceWhenItIsBack() {
        String to = recipient();
        TestMailServer.stop();

        UUID id = transaction.execute(status -> mail.enqueue(MailMessage.of("test:" + to, to, "Depois da queda", MailContent.text("ok"))));

        awaitRetry(id, 1);
        Instant firstRetry = instant(id, "next_attempt_at");
        assertThat(Duration.between(clock.instant(), firstRetry)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(column(id, "last_error")).contains("Connect");
        clock.set(firstRetry);
        awaitRetry(id, 2);
        Instant secondRetry = instant(id, "next_attempt_at");
        assertThat(Duration.between(clock.instant(), secondRetry)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));

        TestMailServer.start();
        clock.set(secondRetry);

        awaitStatus(id, "SENT");
        assertThat(column(id, "attempts")).isEqualTo("3");
        assertThat(TestMailServer.messagesTo(to)).hasSize(1);
    }

    @Test
    void failsAtOnceWhenTheServerRejectsTheRecipientPermanently() {
        String to = recipient();
        TestMailServer.stop();
        UUID id;
        try (var server = SmtpStub.answeringRecipientsWith(TestMailServer.port(), "550 5.1.1 Mailbox unavailable")) {
            id = transaction.execute(status -> mail.enqueue(MailMessage.of("test:" + to, to, "Recusado", MailContent.text("x"))));

            awaitStatus(id, "FAILED");
        }

        assertThat(column(id, "attempts")).isEqualTo("1");
        assertThat(column(id, "last_error")).contains("550 5.1.1 Mailbox unavailable");
    }

    @Test
    void failsAfterTheLastAttemptWhenTheServerKeepsDeferring() {
        String to = recipient();
        TestMailServer.stop();
        UUID id;
        try (var server = SmtpStub.answeringRecipientsWith(TestMailServer.port(), "451 4.3.0 Try again later")) {
            id = transaction.execute(status -> mail.enqueue(MailMessage.of("test:" + to, to, "Adiado", MailContent.text("x"))));
            for (int attempt = 1; attempt < 8; attempt++) {
                awaitRetry(id, attempt);
                clock.set(instant(id, "next_attempt_at"));
            }

            awaitStatus(id, "FAILED");
        }

        assertThat(column(id, "attempts")).isEqualTo("8");
        assertThat(column(id, "last_error")).startsWith("Gave up after 8 attempts").contains("451 4.3.0 Try again later");
    }

    @Test
    void marksAMailLeftSendingPastItsLeaseUnknownAndNeverSendsIt() {
        String to = recipient();
        UUID abandoned = UUID.randomUUID();
        jdbc.sql("""
                        insert into platform_mail (id, business_key, recipients, subject, body_text, message_id, status, attempts,
                                                   next_attempt_at, lease_until, lease_token, claimed_by, created_at, updated_at)
                        values (:id, :key, array[:to], 'Talvez', 'talvez', :messageId, 'SENDING', 1, :now, :leaseUntil,
                                gen_random_uuid(), 'instance-that-died', :now, :now)
                        """)
                .param("id", abandoned).param("key", "test:abandoned:" + to).param("to", to).param("messageId", "<" + abandoned + "@quitto.local>")
                .param("now", utc(clock.instant().minusSeconds(120))).param("leaseUntil", utc(clock.instant().minusSeconds(60)))
                .update();

        awaitStatus(abandoned, "UNKNOWN");
        UUID sentinel = transaction.execute(status -> mail.enqueue(MailMessage.of("test:sentinel:" + to, to, "Sentinela", MailContent.text("s"))));
        awaitStatus(sentinel, "SENT");

        assertThat(TestMailServer.messagesTo(to)).extracting(MimeMessage::getSubject).containsExactly("Sentinela");
        assertThat(column(abandoned, "status")).isEqualTo("UNKNOWN");
        assertThat(column(abandoned, "last_error")).contains("instance-that-died").contains("may or may not have gone out");
    }

    private void awaitStatus(UUID id, String status) {
        await().atMost(WAIT).until(() -> column(id, "status"), status::equals);
    }

    private void awaitRetry(UUID id, int attempts) {
        await().atMost(WAIT).until(() -> column(id, "status") + "/" + column(id, "attempts"), ("PENDING/" + attempts)::equals);
    }

    private String column(UUID id, String column) {
        return jdbc.sql("select " + column + "::text from platform_mail where id = :id").param("id", id).query(String.class).single();
    }

    private Instant instant(UUID id, String column) {
        return jdbc.sql("select " + column + " from platform_mail where id = :id").param("id", id).query(OffsetDateTime.class).single().toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String recipient() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }
}
