package dev.quitto.billing;

import static dev.quitto.billing.BillingBadInputContractTests.assertProblem;
import static dev.quitto.billing.BillingTestSupport.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.OwnDatabase;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Acceptance item 41 of billing.md, the rows of the bad-input table that need an instance configured otherwise: a
 * debt-file limit of 1 KB ({@code quitto.billing.import.max-size}) under a platform limit of 2 KB, a spool area that counts as full (its reserve is larger than any disk), a webhook secret, and
 * finally a database that stops accepting connections. The instance runs on a database of its own in this JVM's
 * PostgreSQL, so that taking its database away touches no other test.
 */
@QuittoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingServerConditionsIntegrationTests {

    private static final String SECRET = "whsec_test_secret";
    private static final String PAYMENT = "{\"debtId\":\"8291\",\"paidAt\":\"2022-06-09 10:00:00\",\"paidAmount\":100000.00,\"paidBy\":\"John Doe\"}";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    ConfigurableApplicationContext instance;
    OwnDatabase database;
    Http bank;
    Http operator;

    @BeforeAll
    void startAnInstanceOnADatabaseOfItsOwn() {
        database = OwnDatabase.create(jdbc, environment, "billing_conditions");
        instance = SecondInstance.start("billing-conditions", Clock.fixed(TestClock.START, BusinessTime.ZONE),
                database.arguments("--spring.datasource.hikari.connection-timeout=1000", "--quitto.imports.max-size=2KB",
                        "--quitto.billing.import.max-size=1KB", "--quitto.imports.spool-reserve=1000000TB", "--quitto.billing.webhook.secrets=" + SECRET));
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        bank = Http.on(port);
        operator = bank.basic(instance.getBean(TestUsers.class).create(Role.OPERATOR).login(), TestUsers.PASSWORD);
    }

    @AfterAll
    void stopTheInstance() {
        if (instance != null) {
            instance.close();
        }
        jdbc.sql("alter database " + database.name() + " with allow_connections true").update();
    }

    @Test
    @Order(1)
    void aDebtFileLargerThanBillingsMaximumIsA413FileTooLargeBelowThePlatformsLimit() {
        String file = HEADER + ("Ana Souza,9558,ana@example.com,1,2024-01-19,x\n").repeat(30);
        assertThat(file.length()).isBetween(1025, 2048);

        assertProblem(operator.header("Content-Type", "text/csv").post(BillingPaths.SEED_UPLOAD, file), 413, "file-too-large");
        assertProblem(operator.header("Content-Type", "text/csv").post(BillingPaths.IMPORTS, file), 413, "file-too-large");
    }

    @Test
    @Order(1)
    void aFileOfAKindWithoutALimitOfItsOwnIsHeldToThePlatformsMaximum() {
        String visits = "id_atendimento;id_cliente;angel;polo;data_limite;data_de_atendimento\n"
                + "728;592576881;Pedro Ferreira;GO - RIO VERDE;30/06/2021;2021-07-04 09:11:07\n".repeat(40);
        assertThat(visits.length()).isGreaterThan(2048);

        assertProblem(operator.header("Content-Type", "text/csv").post("/api/v1/fieldops/imports", visits), 413, "file-too-large");
    }

    @Test
    @Order(2)
    void anUploadWhileTheSpoolAreaIsFullIsA507InsufficientStorage() {
        assertProblem(operator.header("Content-Type", "text/csv").post(BillingPaths.IMPORTS, HEADER), 507, "insufficient-storage");
    }

    @Test
    @Order(3)
    void aWebhookSignatureThatIsMissingMalformedWrongOrStaleIsA401InvalidSignature() {
        long now = TestClock.START.getEpochSecond();

        assertProblem(bank.post(BillingPaths.SEED_PAYMENT, PAYMENT), 401, "invalid-signature");
        assertProblem(signed("t=" + now + ",v1=zz"), 401, "invalid-signature");
        assertProblem(signed("v1=" + sign(now, PAYMENT)), 401, "invalid-signature");
        assertProblem(signed("t=" + now + ",v1=" + sign(now, PAYMENT.replace("100000.00", "100001.00"))), 401, "invalid-signature");
        assertProblem(signed("t=" + (now - 301) + ",v1=" + sign(now - 301, PAYMENT)), 401, "invalid-signature");
        assertProblem(signed("t=" + now + ",v1=" + sign(now, PAYMENT)), 404, "debt-not-found");
    }

    @Test
    @Order(4)
    void aRequestWhileTheDatabaseIsUnavailableIsA503WithRetryAfter() {
        jdbc.sql("alter database " + database.name() + " with allow_connections false").update();
        jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where datname = :database").param("database", database.name()).query().listOfRows();
        String body = PAYMENT.replace("8291", "8292");
        long now = TestClock.START.getEpochSecond();

        Http.Response webhook = bank.header(WebhookSignature.HEADER, "t=" + now + ",v1=" + sign(now, body)).post(BillingPaths.PAYMENTS, body);
        Http.Response read = operator.get(BillingPaths.DEBTS);

        assertProblem(webhook, 503, "unavailable");
        assertThat(webhook.header("Retry-After")).isNotBlank();
        assertProblem(read, 503, "unavailable");
        assertThat(read.header("Retry-After")).isNotBlank();
    }

    private Http.Response signed(String signature) {
        return bank.header(WebhookSignature.HEADER, signature).post(BillingPaths.SEED_PAYMENT, PAYMENT);
    }

    private static String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
