package dev.quitto.anticipation.demo;

import dev.quitto.anticipation.AnticipationSettings;
import dev.quitto.anticipation.anticipation.Discount;
import dev.quitto.platform.security.UserSummary;
import dev.quitto.platform.security.Users;
import dev.quitto.platform.time.BusinessTime;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Suppliers 01 and 02 of the demo accounts {@code user01@email.com} and {@code user02@email.com}, each with a
 * payment in every bucket, dated from today (spec 4.9). Runs once the platform's demo accounts exist; a supplier
 * already there is left as it is, so a restart changes nothing. Seeded actions have log rows and no e-mails.
 */
@Component
@ConditionalOnProperty(name = "quitto.demo.enabled", havingValue = "true")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private static final List<DemoSupplier> SUPPLIERS = List.of(
            new DemoSupplier("user01@email.com", "Supplier 01", "11222333000181", new BigDecimal("10000.00")),
            new DemoSupplier("user02@email.com", "Supplier 02", "12ABC34501DE35", new BigDecimal("20000.00")));
    private static final String OPERATOR = "operator01@email.com";

    private final JdbcClient jdbc;
    private final Users users;
    private final TransactionTemplate transactions;
    private final AnticipationSettings settings;
    private final Clock clock;

    DemoData(JdbcClient jdbc, Users users, TransactionTemplate transactions, AnticipationSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        Optional<UserSummary> operator = users.findByLogin(OPERATOR);
        for (DemoSupplier demo : SUPPLIERS) {
            Optional<UserSummary> user = users.findByLogin(demo.login());
            if (user.isEmpty() || operator.isEmpty()) {
                log.warn("Demo supplier {} skipped: its user or {} does not exist", demo.name(), OPERATOR);
                continue;
            }
            transactions.executeWithoutResult(status -> seed(demo, user.get().id(), operator.get().id()));
        }
    }

    private void seed(DemoSupplier demo, long userId, long operatorId) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(BusinessTime.ZONE).toLocalDate();
        Long supplierId = jdbc.sql("""
                        insert into anticipation_supplier (user_id, corporate_name, cnpj, created_at) values (:userId, :name, :cnpj, :now)
                        on conflict do nothing returning id""")
                .param("userId", userId).param("name", demo.name()).param("cnpj", demo.cnpj()).param("now", Timestamp.from(now))
                .query(Long.class).optional().orElse(null);
        if (supplierId == null) {
            return;
        }
        Seeder seeder = new Seeder(supplierId, userId, operatorId, today, now);
        BigDecimal value = demo.firstValue();
        seeder.payment(today.plusDays(30), value, null);
        seeder.payment(today, value.add(new BigDecimal("1000.00")), null);
        seeder.payment(today.minusDays(5), value.add(new BigDecimal("2000.00")), new Request(today.minusDays(7), null, 10));
        seeder.payment(today.plusDays(20), value.add(new BigDecimal("3000.00")), new Request(today.plusDays(5), null, 1));
        seeder.payment(today.plusDays(15), value.add(new BigDecimal("4000.00")), new Request(today.plusDays(2), "APPROVED", 2));
        seeder.payment(today.plusDays(25), value.add(new BigDecimal("5000.00")), new Request(today.plusDays(3), "DENIED", 3));
        log.info("Demo supplier {} seeded with a payment in every bucket", demo.name());
    }

    /** A request made {@code daysAgo} days ago, still PENDING when {@code decision} is null. */
    private record Request(LocalDate newDueDate, @Nullable String decision, int daysAgo) {
    }

    private record DemoSupplier(String login, String name, String cnpj, BigDecimal firstValue) {
    }

    private final class Seeder {

        private final long supplierId;
        private final long userId;
        private final long operatorId;
        private final LocalDate today;
        private final Instant now;

        Seeder(long supplierId, long userId, long operatorId, LocalDate today, Instant now) {
            this.supplierId = supplierId;
            this.userId = userId;
            this.operatorId = operatorId;
            this.today = today;
            this.now = now;
        }

        void payment(LocalDate dueDate, BigDecimal value, @Nullable Request request) {
            Instant created = request == null ? now : now.minus(Duration.ofDays(request.daysAgo() + 1L));
            long paymentId = jdbc.sql("""
                            insert into anticipation_payment (supplier_id, issue_date, due_date, value, created_at)
                            values (:supplierId, :issueDate, :dueDate, :value, :createdAt) returning id""")
                    .param("supplierId", supplierId).param("issueDate", created.atZone(BusinessTime.ZONE).toLocalDate()).param("dueDate", dueDate)
                    .param("value", value).param("createdAt", Timestamp.from(created)).query(Long.class).single();
            if (request == null) {
                return;
            }
            Discount discount = new Discount(settings.monthlyRate(), settings.periodDays());
            Discount.Quote quote = discount.quote(value, dueDate, request.newDueDate());
            Instant requestedAt = now.minus(Duration.ofDays(request.daysAgo()));
            Instant decidedAt = requestedAt.plus(Duration.ofHours(2));
            String status = request.decision() == null ? "PENDING" : request.decision();
            long anticipationId = jdbc.sql("""
                            insert into anticipation_request (payment_id, supplier_id, status, original_value, original_due_date, new_due_date, new_value,
                                days_in_advance, monthly_rate, period_days, requested_by, requested_by_role, requested_at, decided_by, decided_by_role,
                                decided_at, updated_at)
                            values (:paymentId, :supplierId, :status, :value, :dueDate, :newDueDate, :newValue, :days, :rate, :periodDays, :userId,
                                'SUPPLIER', :requestedAt, :decidedBy, :decidedByRole, :decidedAt, :updatedAt) returning id""")
                    .param("paymentId", paymentId).param("supplierId", supplierId).param("status", status).param("value", value)
                    .param("dueDate", dueDate).param("newDueDate", request.newDueDate()).param("newValue", quote.newValue())
                    .param("days", (int) quote.daysInAdvance()).param("rate", discount.monthlyRate()).param("periodDays", discount.periodDays())
                    .param("userId", userId).param("requestedAt", Timestamp.from(requestedAt))
                    .param("decidedBy", request.decision() == null ? null : operatorId)
                    .param("decidedByRole", request.decision() == null ? null : "OPERATOR")
                    .param("decidedAt", request.decision() == null ? null : Timestamp.from(decidedAt))
                    .param("updatedAt", Timestamp.from(request.decision() == null ? requestedAt : decidedAt))
                    .query(Long.class).single();
            jdbc.sql("update anticipation_payment set anticipation_state = :status, current_anticipation_id = :anticipationId where id = :id")
                    .param("status", status).param("anticipationId", anticipationId).param("id", paymentId).update();
            log(anticipationId, paymentId, userId, "SUPPLIER", "R", null, "PENDING", value, quote, dueDate, request.newDueDate(), requestedAt);
            if (request.decision() != null) {
                log(anticipationId, paymentId, operatorId, "OPERATOR", request.decision().equals("APPROVED") ? "A" : "D", "PENDING", status,
                        value, quote, dueDate, request.newDueDate(), decidedAt);
            }
        }

        private void log(long anticipationId, long paymentId, long actor, String role, String action, @Nullable String from, String to,
                         BigDecimal value, Discount.Quote quote, LocalDate dueDate, LocalDate newDueDate, Instant at) {
            jdbc.sql("""
                            insert into anticipation_request_log (anticipation_id, payment_id, supplier_id, actor_user_id, actor_role, action, from_status,
                                to_status, value_before, value_after, due_date_before, due_date_after, occurred_at)
                            values (:anticipationId, :paymentId, :supplierId, :actor, :role, :action, :from, :to, :value, :newValue, :dueDate,
                                :newDueDate, :at)""")
                    .param("anticipationId", anticipationId).param("paymentId", paymentId).param("supplierId", supplierId).param("actor", actor)
                    .param("role", role).param("action", action).param("from", from).param("to", to).param("value", value)
                    .param("newValue", quote.newValue()).param("dueDate", dueDate).param("newDueDate", newDueDate).param("at", Timestamp.from(at))
                    .update();
        }
    }
}
