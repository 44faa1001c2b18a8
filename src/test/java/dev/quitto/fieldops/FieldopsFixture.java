package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What the field-ops integration tests share: empty field-ops tables (they are this module's own, and the
 * indicators are global by nature), an operator and an auditor, and imports that run to completion.
 */
final class FieldopsFixture {

    static final Path SAMPLE = Path.of("/work/shared/data/stone/bd_desafio_sample_29rows.csv");
    static final String HEADER = "id_atendimento;id_cliente;angel;polo;data_limite;data_de_atendimento\n";

    final Http http;
    final Http operator;
    final Http auditor;
    final JdbcClient jdbc;
    final int port;

    private FieldopsFixture(int port, Http http, Http operator, Http auditor, JdbcClient jdbc) {
        this.port = port;
        this.http = http;
        this.operator = operator;
        this.auditor = auditor;
        this.jdbc = jdbc;
    }

    static FieldopsFixture create(int port, TestUsers users, JdbcClient jdbc) {
        jdbc.sql("""
                truncate fieldops_visit, fieldops_angel, fieldops_polo, fieldops_client, fieldops_sla_day, fieldops_sla_total,
                         fieldops_visit_day restart identity""").update();
        Http http = Http.on(port);
        return new FieldopsFixture(port, http, http.basic(users.create(Role.OPERATOR)), http.basic(users.create(Role.AUDITOR)), jdbc);
    }

    static byte[] sample() {
        try {
            return Files.readAllBytes(SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sampleText() {
        return new String(sample(), StandardCharsets.UTF_8);
    }

    /** Uploads {@code body} as the seed does (raw {@code text/csv}) and returns the task id. */
    String upload(byte[] body) {
        Http.Response response = operator.send(HttpRequest.newBuilder(url(AtendimentoController.BASE + "/import_csv"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("task_id").asString();
    }

    /** POSTs {@code csv} to {@code path} as the multipart part {@code partName} with {@code fileName}, as {@code client}. */
    static Http.Response multipart(Http client, URI url, String partName, String fileName, byte[] csv) {
        String boundary = "----quitto" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + csv.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(csv, 0, body, head.length, csv.length);
        System.arraycopy(tail, 0, body, head.length + csv.length, tail.length);
        return client.send(HttpRequest.newBuilder(url).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Uploads and waits for {@code COMPLETED}; returns the canonical import resource. */
    JsonNode importFile(byte[] body) {
        return awaitCompleted(upload(body));
    }

    JsonNode importFile(String body) {
        return importFile(body.getBytes(StandardCharsets.UTF_8));
    }

    JsonNode awaitCompleted(String id) {
        JsonNode view = await().alias("import " + id + " finished").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> auditor.get(ImportController.BASE + "/" + id).json(),
                        finished -> Set.of("COMPLETED", "FAILED").contains(finished.get("status").asString()));
        assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("COMPLETED");
        return view;
    }

    JsonNode get(String path) {
        Http.Response response = auditor.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /**
     * Every aggregate table equals a full recomputation from {@code fieldops_visit} with plain SQL (acceptance 19);
     * cells that add up to nothing count as absent, and no cell is negative.
     */
    void assertAggregatesEqualAFullRecomputation() {
        assertThat(difference("""
                select angel_id, polo_id, deadline, on_time, late, unvisited from fieldops_sla_day where on_time + late + unvisited <> 0""", """
                select angel_id, polo_id, deadline, count(*) filter (where visit_date <= deadline), count(*) filter (where visit_date > deadline),
                       count(*) filter (where visit_date is null) from fieldops_visit group by 1, 2, 3""")).as("fieldops_sla_day cells off").isZero();
        assertThat(difference("""
                select angel_id, polo_id, on_time, late, unvisited from fieldops_sla_total where on_time + late + unvisited <> 0""", """
                select angel_id, polo_id, count(*) filter (where visit_date <= deadline), count(*) filter (where visit_date > deadline),
                       count(*) filter (where visit_date is null) from fieldops_visit group by 1, 2""")).as("fieldops_sla_total cells off").isZero();
        assertThat(difference("select angel_id, polo_id, visit_date, visits from fieldops_visit_day where visits <> 0",
                "select angel_id, polo_id, visit_date, count(*) from fieldops_visit where visit_date is not null group by 1, 2, 3"))
                .as("fieldops_visit_day cells off").isZero();
        assertThat(jdbc.sql("select count(*) from fieldops_sla_day where on_time < 0 or late < 0 or unvisited < 0").query(Long.class).single())
                .as("negative fieldops_sla_day cells").isZero();
    }

    /** Rows in one query and not the other, both ways. */
    private long difference(String stored, String recomputed) {
        return jdbc.sql("select count(*) from ((" + stored + " except all " + recomputed + ") union all (" + recomputed + " except all "
                + stored + ")) d").query(Long.class).single();
    }

    /** The item of {@code list} whose {@code field} is {@code value}. */
    static JsonNode item(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (item.get(field).asString().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + list);
    }
}
