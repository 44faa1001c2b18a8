package dev.quitto.anticipation.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.anticipation.AnticipationSettings;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.security.Users;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** F24: the demo suppliers have a payment in every bucket, loading twice changes nothing, and it is off by default. */
@QuittoIntegrationTest
class AnticipationDemoDataIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AnticipationSettings settings;

    @Autowired
    TestClock clock;

    @Autowired
    ApplicationContext context;

    private void account(String login, String password, Role role) {
        if (users.findByLogin(login).isEmpty()) {
            users.create(login, login, password, Set.of(role));
        }
    }

    private long payments() {
        return jdbc.sql("select count(*) from anticipation_payment p join anticipation_supplier s on s.id = p.supplier_id where s.cnpj in ('11222333000181', '12ABC34501DE35')")
                .query(Long.class).single();
    }

    @Test
    void seedsEveryBucketForBothSuppliersOnceAndIsOffByDefault() {
        assertThat(context.getBeanNamesForType(DemoData.class)).isEmpty();
        account("user01@email.com", "user01", Role.SUPPLIER);
        account("user02@email.com", "user02", Role.SUPPLIER);
        account("operator01@email.com", "operator01", Role.OPERATOR);
        DemoData demo = new DemoData(jdbc, users, transactions, settings, clock);

        demo.load();
        long seeded = payments();
        demo.load();

        assertThat(payments()).isEqualTo(seeded).isEqualTo(12);
        Http http = Http.on(port);
        for (String login : new String[]{"user01@email.com", "user02@email.com"}) {
            String password = login.substring(0, 6);
            String token = http.post("/api/token/", "{\"email\": \"" + login + "\", \"password\": \"" + password + "\"}").json().get("access").asString();
            for (String status : new String[]{"A", "U", "PC", "AN", "D"}) {
                assertThat(http.bearer(token).get("/api/payments/?status=" + status).json().get("count").asLong())
                        .as("%s bucket %s", login, status).isPositive();
            }
        }
        assertThat(jdbc.sql("select count(*) from platform_mail m join anticipation_request_log l on m.business_key = 'anticipation:log:' || l.id join anticipation_supplier s on s.id = l.supplier_id where s.cnpj = '11222333000181'")
                .query(Long.class).single()).isZero();
    }
}
