package dev.quitto.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.LogCapture;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/platform/mail} (the sent-mail table) and {@code POST /api/v1/platform/mail/{id}/resend}. */
@QuittoIntegrationTest
class MailApiIntegrationTests {

    @LocalServerPort
    int port;

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

    @Test
    void listsMailNewestFirstInTheCanonicalShapeFilteredByStatus() {
        String to = MailIntegrationTests.recipient();
        UUID id = transaction.execute(status -> mail.enqueue(MailMessage.of("api:" + to, to, "Listada", MailContent.text("x"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(id), "SENT"::equals);
        Http auditor = Http.on(port).basic(users.create(Role.AUDITOR));

        var response = auditor.get("/api/v1/platform/mail?status=SENT&page=1&size=5");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("size").asInt()).isEqualTo(5);
        assertThat(body.get("totalItems").asLong()).isPositive();
        assertThat(body.get("links").get("self").asString()).contains("status=SENT").contains("page=1");
        assertThat(body.get("items")).allSatisfy(item -> assertThat(item.get("status").asString()).isEqualTo("SENT"));
        JsonNode byKey = auditor.get("/api/v1/platform/mail?businessKey=api:" + to).json();
        assertThat(byKey.get("totalItems").asLong()).isEqualTo(1);
        JsonNode listed = byKey.get("items").get(0);
        assertThat(listed.get("id").asString()).isEqualTo(id.toString());
        assertThat(listed.get("recipients").get(0).asString()).isEqualTo(to);
        assertThat(listed.get("subject").asString()).isEqualTo("Listada");
        assertThat(listed.get("messageId").asString()).isEqualTo("<" + id + "@quitto.local>");
        assertThat(listed.get("sentAt").asString()).endsWith("-03:00");
    }

    @Test
    void showsOneMessageByIdAndAnswers404ForAnUnknownOne() {
        String to = MailIntegrationTests.recipient();
        UUID id = transaction.execute(status -> mail.enqueue(MailMessage.of("show:" + to, to, "Detalhe", MailContent.text("x"))));
        Http operator = Http.on(port).basic(users.create(Role.OPERATOR));

        var shown = operator.get("/api/v1/platform/mail/" + id);
        var unknown = operator.get("/api/v1/platform/mail/" + UUID.randomUUID());

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("businessKey").asString()).isEqualTo("show:" + to);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesAnUnknownStatusFilterAsBadInput() {
        var response = Http.on(port).basic(users.create(Role.OPERATOR)).get("/api/v1/platform/mail?status=LOST");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void resendsAnUnknownMailOnceAnOperatorAsksAndDeliversIt() {
        String to = MailIntegrationTests.recipient();
        UUID id = unknownMail(to);
        Http operator = Http.on(port).basic(users.create(Role.OPERATOR));

        var response = operator.post("/api/v1/platform/mail/" + id + "/resend", "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(15)).until(() -> status(id), "SENT"::equals);
        assertThat(TestMailServer.messagesTo(to)).hasSize(1);
    }

    @Test
    void theResendLogLineMasksAnOperatorWhoseLoginIsAnEmailAddress() {
        UUID id = unknownMail(MailIntegrationTests.recipient());
        TestUsers.TestUser operator = users.createWithEmail(Role.OPERATOR);
        String localPart = operator.login().substring(0, operator.login().indexOf('@'));

        List<String> lines;
        try (LogCapture log = LogCapture.start()) {
            assertThat(Http.on(port).basic(operator).post("/api/v1/platform/mail/" + id + "/resend", "").status()).isEqualTo(200);
            lines = log.lines();
        }

        assertThat(lines).anySatisfy(line -> assertThat(line).contains(id + " ").contains("resent by ***@example.com"));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(localPart));
    }

    @Test
    void refusesToResendAMailThatWasSent() {
        String to = MailIntegrationTests.recipient();
        UUID id = transaction.execute(status -> mail.enqueue(MailMessage.of("api:" + to, to, "Enviada", MailContent.text("x"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(id), "SENT"::equals);

        var response = Http.on(port).basic(users.create(Role.OPERATOR)).post("/api/v1/platform/mail/" + id + "/resend", "");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("code").asString()).isEqualTo("mail-not-resendable");
        assertThat(response.json().get("status").asString()).isEqualTo("SENT");
        assertThat(TestMailServer.messagesTo(to)).hasSize(1);
    }

    @Test
    void answersNotFoundForAMailThatDoesNotExist() {
        var response = Http.on(port).basic(users.create(Role.ADMIN))
                .post("/api/v1/platform/mail/" + UUID.randomUUID() + "/resend", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asString()).isEqualTo("mail-not-found");
    }

    @Test
    void letsAuditorsReadButNotResendAndKeepsOtherRolesOut() {
        UUID id = unknownMail(MailIntegrationTests.recipient());

        assertThat(Http.on(port).get("/api/v1/platform/mail").status()).isEqualTo(401);
        assertThat(Http.on(port).basic(users.create(Role.SUPPLIER)).get("/api/v1/platform/mail").status()).isEqualTo(403);
        assertThat(Http.on(port).basic(users.create(Role.ADMIN)).get("/api/v1/platform/mail").status()).isEqualTo(200);
        Http auditor = Http.on(port).basic(users.create(Role.AUDITOR));
        assertThat(auditor.get("/api/v1/platform/mail").status()).isEqualTo(200);
        assertThat(auditor.post("/api/v1/platform/mail/" + id + "/resend", "").status()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("UNKNOWN");
    }

    @Test
    void exposesMailAndEventMetricsToPrometheus() {
        String to = MailIntegrationTests.recipient();
        UUID id = transaction.execute(status -> mail.enqueue(MailMessage.of("api:" + to, to, "Contada", MailContent.text("x"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(id), "SENT"::equals);

        var metrics = Http.on(port).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("quitto_mail_sent_total").contains("quitto_mail_failed_total").contains("quitto_mail_pending")
                .contains("quitto_mail_unknown_total").contains("quitto_events_failed").contains("quitto_events_resubmitted_total");
    }

    private UUID unknownMail(String to) {
        UUID id = UUID.randomUUID();
        Instant past = clock.instant().minusSeconds(600);
        jdbc.sql("""
                        insert into platform_mail (id, business_key, recipients, subject, body_text, message_id, status, attempts,
                                                   next_attempt_at, claimed_by, last_error, created_at, updated_at)
                        values (:id, :key, array[:to], 'Incerta', 'talvez', :messageId, 'UNKNOWN', 1, :at, 'gone', 'lease expired', :at, :at)
                        """)
                .param("id", id).param("key", "api:unknown:" + to).param("to", to).param("messageId", "<" + id + "@quitto.local>")
                .param("at", past.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    private String status(UUID id) {
        return jdbc.sql("select status from platform_mail where id = :id").param("id", id).query(String.class).single();
    }
}
