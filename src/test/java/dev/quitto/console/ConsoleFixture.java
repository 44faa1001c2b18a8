package dev.quitto.console;

import dev.quitto.anticipation.supplier.Cnpj;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts and anticipation rows for console tests, fresh per test (the database is shared): a supplier is a SUPPLIER
 * user with an e-mail login linked to a supplier row; payments are inserted as the anticipation seed fixture does.
 */
final class ConsoleFixture {

    private final JdbcClient jdbc;
    private final TestUsers users;
    private final Clock clock;

    ConsoleFixture(JdbcClient jdbc, TestUsers users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    record Supplier(TestUser user, long supplierId, String name) {
    }

    LocalDate today() {
        return BusinessTime.today(clock);
    }

    TestUser operator() {
        return users.createWithEmail(Role.OPERATOR);
    }

    TestUser user(Role... roles) {
        return users.createWithEmail(roles);
    }

    Supplier supplier(String corporateName) {
        TestUser user = users.createWithEmail(Role.SUPPLIER);
        long id = jdbc.sql("insert into anticipation_supplier (user_id, corporate_name, cnpj, created_at) values (:user, :name, :cnpj, :now) returning id")
                .param("user", user.id()).param("name", corporateName).param("cnpj", cnpj()).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        return new Supplier(user, id, corporateName);
    }

    long payment(Supplier supplier, LocalDate dueDate, String value) {
        return jdbc.sql("""
                        insert into anticipation_payment (supplier_id, issue_date, due_date, value, created_at)
                        values (:supplier, :issued, :due, :value, :now) returning id""")
                .param("supplier", supplier.supplierId()).param("issued", today()).param("due", dueDate).param("value", new BigDecimal(value))
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
    }

    /** A valid CNPJ with a random base (the module's own check digits), so suppliers never collide. */
    static String cnpj() {
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            base.append((char) ('0' + ThreadLocalRandom.current().nextInt(10)));
        }
        return Cnpj.withCheckDigits(base.toString()).value();
    }
}
