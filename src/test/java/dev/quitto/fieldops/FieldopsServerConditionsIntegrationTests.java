package dev.quitto.fieldops;

import static dev.quitto.fieldops.FieldopsBadInputIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.OwnDatabase;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.SecondInstance;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of spec section 7 (acceptance 18) that need an instance configured otherwise: a visit file limit of 1 KB
 * ({@code quitto.fieldops.import.max-size}), a spool area that counts as full (its reserve,
 * {@code QUITTO_IMPORT_SPOOL_RESERVE}, is larger than any disk), and finally a database that stops accepting
 * connections. The instance runs on a database of its own in this JVM's PostgreSQL, so that taking its database away
 * touches no other test.
 */
@QuittoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FieldopsServerConditionsIntegrationTests {

    private static final String VISIT = "{\"clientId\": 1, \"angel\": \"Ana\", \"polo\": \"PE - OLINDA\", \"deadline\": \"2021-06-30\"}";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Value("${quitto.data-dir}")
    String dataDir;

    ConfigurableApplicationContext instance;
    JdbcClient instanceJdbc;
    OwnDatabase database;
    int port;
    Http operator;

    @BeforeAll
    void startAnInstanceOnADatabaseOfItsOwn() {
        database = OwnDatabase.create(jdbc, environment, "fieldops_conditions");
        instance = SecondInstance.start("fieldops-conditions", Clock.fixed(TestClock.START, BusinessTime.ZONE),
                database.arguments("--spring.datasource.hikari.connection-timeout=1000", "--quitto.fieldops.import.max-size=1KB",
                        "--quitto.imports.spool-reserve=1000000TB"));
        port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        instanceJdbc = instance.getBean(JdbcClient.class);
        operator = Http.on(port).basic(instance.getBean(TestUsers.class).create(Role.OPERATOR).login(), TestUsers.PASSWORD);
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
    void aVisitFileLargerThanTheFieldopsMaximumIsA413FileTooLargeAndNothingIsAccepted() throws IOException {
        List<String> spooled = spoolFiles();
        String file = FieldopsFixture.HEADER + "728;592576881;Pedro Ferreira Magalhães;GO - RIO VERDE;30/06/2021;2021-07-04 09:11:07\n".repeat(20);
        assertThat(file.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1024);

        Http.Response canonical = operator.header("Content-Type", "text/csv").post(ImportController.BASE, file);
        Http.Response seed = FieldopsFixture.multipart(operator, URI.create("http://localhost:" + port + AtendimentoController.BASE + "/import_csv"), "file",
                "bd_desafio.csv", file.getBytes(StandardCharsets.UTF_8));

        assertProblem(canonical, 413, "file-too-large");
        assertProblem(seed, 413, "file-too-large");
        assertThat(imports()).isZero();
        assertThat(spoolFiles()).isEqualTo(spooled);
    }

    @Test
    @Order(2)
    void anUploadWhileTheSpoolAreaIsFullIsA507InsufficientStorageAndNothingIsAccepted() throws IOException {
        List<String> spooled = spoolFiles();

        Http.Response canonical = operator.header("Content-Type", "text/csv").post(ImportController.BASE, FieldopsFixture.HEADER);
        Http.Response seed = operator.header("Content-Type", "text/csv").post(AtendimentoController.BASE + "/import_csv", FieldopsFixture.HEADER);

        assertProblem(canonical, 507, "insufficient-storage");
        assertProblem(seed, 507, "insufficient-storage");
        assertThat(imports()).isZero();
        assertThat(spoolFiles()).isEqualTo(spooled);
    }

    @Test
    @Order(3)
    void requestsWhileTheDatabaseIsUnavailableAreA503WithRetryAfter() {
        jdbc.sql("alter database " + database.name() + " with allow_connections false").update();
        jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where datname = :database").param("database", database.name()).query().listOfRows();

        List<Http.Response> responses = List.of(
                operator.get(VisitController.BASE),
                operator.post(VisitController.BASE, VISIT),
                operator.patch(AtendimentoController.BASE + "/728", "{\"data_de_atendimento\": \"2021-06-30 10:00\"}"),
                operator.get("/api/v1/fieldops/indicators/sla?by=polo"),
                operator.header("Content-Type", "text/csv").post(ImportController.BASE, FieldopsFixture.HEADER));

        for (Http.Response response : responses) {
            assertProblem(response, 503, "unavailable");
            assertThat(response.header("Retry-After")).as(response.body()).isNotBlank();
        }
    }

    private long imports() {
        return instanceJdbc.sql("select count(*) from platform_import where kind = :kind").param("kind", VisitImport.NAME).query(Long.class).single();
    }

    /** The spool folder's files (the instance shares this JVM's data folder). */
    private List<String> spoolFiles() throws IOException {
        Path folder = Path.of(dataDir, "imports");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(Path::toString).sorted().toList();
        }
    }
}
