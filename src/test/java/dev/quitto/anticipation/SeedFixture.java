package dev.quitto.anticipation;

import dev.quitto.anticipation.supplier.Cnpj;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestTokens;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The seed's fixtures, fresh for each test (every test class shares one database): operator 01, suppliers 01 and 02
 * with one payment each (1100.00 and 1200.00, due today + 10) and a common user with no role.
 */
final class SeedFixture {

    final Http http;
    final JdbcClient jdbc;
    final TestUsers users;
    final TestClock clock;

    final Actor operator;
    final Party supplier1;
    final Party supplier2;
    final Actor common;
    final long payment1;
    final long payment2;

    private SeedFixture(Http http, JdbcClient jdbc, TestUsers users, TestClock clock) {
        this.http = http;
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.operator = actor(users.createWithEmail(Role.OPERATOR));
        this.supplier1 = party("Supplier 01");
        this.supplier2 = party("Supplier 02");
        this.common = actor(users.createWithEmail());
        this.payment1 = payment(supplier1.supplierId, today().plusDays(10), "1100.00");
        this.payment2 = payment(supplier2.supplierId, today().plusDays(10), "1200.00");
    }

    static SeedFixture create(Http http, JdbcClient jdbc, TestUsers users, TestClock clock) {
        return new SeedFixture(http, jdbc, users, clock);
    }

    LocalDate today() {
        return BusinessTime.today(clock);
    }

    Actor actor(TestUser user) {
        return new Actor(user, TestTokens.access(http, user));
    }

    /** A new SUPPLIER user linked to a new supplier with a valid, unique CNPJ. */
    Party party(String corporateName) {
        TestUser user = users.createWithEmail(Role.SUPPLIER);
        long supplierId = supplier(user.id(), corporateName);
        return new Party(user, TestTokens.access(http, user), supplierId);
    }

    long supplier(long userId, String corporateName) {
        return jdbc.sql("insert into anticipation_supplier (user_id, corporate_name, cnpj, created_at) values (:userId, :name, :cnpj, :now) returning id")
                .param("userId", userId).param("name", corporateName).param("cnpj", randomCnpj()).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    long payment(long supplierId, LocalDate dueDate, String value) {
        return jdbc.sql("""
                        insert into anticipation_payment (supplier_id, issue_date, due_date, value, created_at)
                        values (:supplierId, :issueDate, :dueDate, :value, :now) returning id""")
                .param("supplierId", supplierId).param("issueDate", today()).param("dueDate", dueDate).param("value", new BigDecimal(value))
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
    }

    /** POST /api/anticipations/ as {@code actor}; fails the test unless 201. */
    long requestAnticipation(Actor actor, long paymentId, LocalDate newDueDate) {
        Http.Response response = http.bearer(actor.token()).post("/api/anticipations/",
                "{\"payment\": " + paymentId + ", \"new_due_date\": \"" + newDueDate + "\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("Request failed: " + response.status() + " " + response.body());
        }
        return response.json().get("id").asLong();
    }

    Http.Response decide(Actor actor, long anticipationId, String status) {
        return http.bearer(actor.token()).patch("/api/anticipations/" + anticipationId + "/", "{\"status\": \"" + status + "\"}");
    }

    String status(long anticipationId) {
        return jdbc.sql("select status from anticipation_request where id = :id").param("id", anticipationId).query(String.class).single();
    }

    long logRows(long anticipationId, String action) {
        return jdbc.sql("select count(*) from anticipation_request_log where anticipation_id = :id and action = :action")
                .param("id", anticipationId).param("action", action).query(Long.class).single();
    }

    long logRows(long anticipationId) {
        return jdbc.sql("select count(*) from anticipation_request_log where anticipation_id = :id").param("id", anticipationId).query(Long.class).single();
    }

    java.util.List<Mail> mails(long anticipationId) {
        return jdbc.sql("""
                        select case l.action when 'R' then 'REQUESTED' when 'A' then 'APPROVED' else 'DENIED' end as kind,
                               m.recipients[1] as recipient, m.subject, m.body_text, l.anticipation_id
                        from platform_mail m join anticipation_request_log l on m.business_key = 'anticipation:log:' || l.id
                        where l.anticipation_id = :id order by l.id""")
                .param("id", anticipationId)
                .query((rs, row) -> new Mail(rs.getString("kind"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body_text"),
                        rs.getLong("anticipation_id")))
                .list();
    }

    static String randomCnpj() {
        StringBuilder base = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            base.append((char) ('0' + random.nextInt(10)));
        }
        return Cnpj.withCheckDigits(base.toString()).value();
    }

    record Actor(TestUser user, String token) {

        long id() {
            return user.id();
        }
    }

    record Party(TestUser user, String token, long supplierId) {

        Actor actor() {
            return new Actor(user, token);
        }
    }

    record Mail(String kind, String recipient, String subject, String bodyText, long anticipationId) {
    }
}
