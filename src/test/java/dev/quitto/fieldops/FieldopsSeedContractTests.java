package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The seed's documented requests replayed verbatim (spec section 2; acceptance 14, 15, 16). */
@QuittoIntegrationTest
class FieldopsSeedContractTests {

    private static final String SEED_POST = "{\"id_cliente\":123456,\"angel\":\"João César\",\"polo\":\"RJ - VOLTA REDONDA\","
            + "\"data_limite\":\"2021-06-30 15:30\",\"data_de_atendimento\":\"2021-06-29 10:00\"}";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    FieldopsFixture f;

    @BeforeEach
    void setUp() {
        f = FieldopsFixture.create(port, users, jdbc);
    }

    @Test
    void a14SeedPostCreatesTheVisitWithAnIdFromTheSequenceAndItsDimensionsOnce() {
        Http.Response created = f.operator.post(AtendimentoController.BASE, SEED_POST);
        Http.Response again = f.operator.post(AtendimentoController.BASE + "/", SEED_POST);

        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("id").asLong()).isGreaterThanOrEqualTo(10_000_000L);
        assertThat(created.header("Location")).isEqualTo(VisitController.BASE + "/" + body.get("id").asLong());
        assertThat(body.get("cliente_id").asLong()).isEqualTo(123456);
        assertThat(body.get("data_limite").asString()).isEqualTo("2021-06-30");
        assertThat(body.get("data_de_atendimento").asString()).isEqualTo("2021-06-29T10:00:00");
        assertThat(body.get("status").asString()).isEqualTo("ON_TIME");
        assertThat(jdbc.sql("select count(*) from fieldops_angel where name = 'João César'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from fieldops_polo where name = 'RJ - VOLTA REDONDA'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a15SeedPutReplacesTheDatesAndAnswers201WithTheFullVisit() {
        long id = f.operator.post(AtendimentoController.BASE, SEED_POST).json().get("id").asLong();

        Http.Response put = f.operator.put(AtendimentoController.BASE + "/" + id,
                "{\"data_limite\":\"2025-01-25 23:00\",\"data_de_atendimento\":\"2025-01-24 15:25\"}");

        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().get("data_limite").asString()).isEqualTo("2025-01-25");
        assertThat(put.json().get("data_de_atendimento").asString()).isEqualTo("2025-01-24T15:25:00");
        assertThat(put.json().get("status").asString()).isEqualTo("ON_TIME");
        assertThat(put.json().get("angel").asString()).isEqualTo("João César");
    }

    @Test
    void a16SeedErrorBodiesCarryTheSeedTexts() {
        Http.Response order = f.auditor.get(AtendimentoController.BASE + "?order_by=invalid");
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.contentType()).startsWith("application/problem+json");
        assertThat(order.json().get("code").asString()).isEqualTo("invalid-parameter");
        assertThat(order.json().get("error").asString()).contains(AtendimentoController.ORDER_BY_ERROR);

        long id = f.operator.post(AtendimentoController.BASE, SEED_POST).json().get("id").asLong();
        Http.Response put = f.operator.put(AtendimentoController.BASE + "/" + id, "{\"data_limite\":\"2025-01-25\"}");
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.json().get("error").asString()).contains("Missing required fields");

        Http.Response post = f.operator.post(AtendimentoController.BASE, "{\"cliente_id\":123456,\"angel\":\"John Doe\"}");
        assertThat(post.status()).isEqualTo(400);
        assertThat(post.json().get("error").asString()).isEqualTo("Missing required fields");
        assertThat(post.json().get("code").asString()).isEqualTo("validation-failed");
    }

    @Test
    void seedListPagesWithNextAndPrevLinksKeepingEveryParameter() {
        f.importFile(FieldopsFixture.sample());

        JsonNode first = f.get(AtendimentoController.BASE + "?page=1&per_page=10&order_by=id");
        assertThat(first.get("data").size()).isEqualTo(10);
        assertThat(first.get("data").get(0).get("id").asLong()).isEqualTo(670);
        assertThat(first.get("next").asString()).isEqualTo("/api/v1/atendimento?page=2&per_page=10&order_by=id");
        assertThat(first.get("prev").isNull()).isTrue();

        JsonNode last = f.get(AtendimentoController.BASE + "/?page=3&per_page=10&order_by=-data_limite&polo=GO%20-%20ITUMBIARA");
        assertThat(last.get("data").size()).isZero();
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("prev").asString()).contains("page=2").contains("polo=GO%20-%20ITUMBIARA");

        JsonNode filtered = f.get(AtendimentoController.BASE + "?polo=go%20-%20itumbiara&order_by=-id");
        assertThat(filtered.get("data").size()).isEqualTo(2);
        assertThat(filtered.get("data").get(0).get("id").asLong()).isEqualTo(1477);
        assertThat(filtered.get("next").isNull()).isTrue();
    }

    @Test
    void seedVisitShowsDateOnlyVisitsAtMidnightAndDerivedStatus() {
        f.importFile(FieldopsFixture.sample());

        JsonNode data = f.get(AtendimentoController.BASE + "?per_page=500&order_by=-data_limite").get("data");

        JsonNode v590407 = data.get(0);
        assertThat(v590407.get("id").asLong()).isEqualTo(590407);
        assertThat(v590407.get("data_de_atendimento").asString()).isEqualTo("2021-12-31T00:00:00");
        assertThat(v590407.get("data_limite").asString()).isEqualTo("2022-01-04");
        assertThat(v590407.get("status").asString()).isEqualTo("ON_TIME");
    }

    @Test
    void seedImportWithoutFileAndUnknownTaskAreRefusedWithTheSeedTexts() {
        Http.Response noFile = f.operator.send(java.net.http.HttpRequest.newBuilder(f.url(AtendimentoController.BASE + "/import_csv"))
                .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.json().get("code").asString()).isEqualTo("missing-file");
        assertThat(noFile.json().get("error").asString()).isEqualTo("No file part");

        Http.Response unknown = f.auditor.get(AtendimentoController.BASE + "/task_status/0190a8d2-0000-7000-8000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        Http.Response notUuid = f.auditor.get(AtendimentoController.BASE + "/task_status/abc");
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(notUuid.json().get("code").asString()).isEqualTo("invalid-id");
    }

    @Test
    void everySeedPathNeedsCredentials() {
        Http.Response anonymous = f.http.get(AtendimentoController.BASE);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isNotNull();
    }
}
