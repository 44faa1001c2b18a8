package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Row-level import rules (spec 4.8 and section 8): repairs, rejections, duplicates, encodings (acceptance 12, 13). */
@QuittoIntegrationTest
class FieldopsImportRowsIntegrationTests {

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

    private JsonNode errors(JsonNode view) {
        return f.get(ImportController.BASE + "/" + view.get("id").asString() + "/errors").get("items");
    }

    @Test
    void a12RepairsWhatCanBeRepairedAndReportsTheRest() {
        String file = FieldopsFixture.HEADER
                + "9001;1;Ana Lima;PE - OLINDA;30/06/2021;28 /06 /2021 10:57:27\n"
                + "9002;2;Ana Lima;PE - OLINDA;30/06/2021;29/06/2021 10:15\n"
                + "9003;3;Ana Lima;PE - OLINDA;30/06/2021;29/06/2021 10:15:27\n"
                + "9004;4;Ana Lima;PE - OLINDA;30/06/2021;27/06/21\n"
                + "9005;5;Ana Lima;PE - OLINDA;30/06/2021;-\n"
                + "9006;6;Ana Lima;PE - OLINDA;30/06/2021;31/02/2021 10:00\n"
                + "9007;7;Ana Lima;PE - OLINDA;30/06/2021;2021-13-01 09:00:00\n"
                + "9008;8;Ana Lima;PE - OLINDA;30/06/2021;abc\n"
                + "x1;9;Ana Lima;PE - OLINDA;30/06/2021;29/06/2021 10:15\n"
                + "9010;10; ;PE - OLINDA;30/06/2021;29/06/2021 10:15\n";

        JsonNode view = f.importFile(file);

        JsonNode counts = view.get("counts");
        assertThat(counts.get("rowsRead").asLong()).isEqualTo(10);
        assertThat(counts.get("rejected").asLong()).isEqualTo(5);
        assertThat(counts.get("inserted").asLong()).isEqualTo(5);
        List<String> entries = new ArrayList<>();
        errors(view).forEach(e -> entries.add(e.get("line").asLong() + " " + e.get("column").asString() + " " + e.get("reason").asString()));
        assertThat(entries).containsExactly("7 data_de_atendimento INVALID_VISIT_DATE", "8 data_de_atendimento INVALID_VISIT_DATE",
                "9 data_de_atendimento INVALID_VISIT_DATE", "10 id_atendimento INVALID_ID", "11 angel MISSING_VALUE");
        assertThat(errors(view).get(0).get("value").asString()).isEqualTo("31/02/2021 10:00");
        assertThat(jdbc.sql("select count(*) from fieldops_visit where id between 9001 and 9010 and visit_date is null").query(Long.class).single())
                .isEqualTo(1);
        assertThat(f.get(VisitController.BASE + "/9001").get("visitedAt").asString()).isEqualTo("2021-06-28T10:57:27-03:00");
        assertThat(f.get(VisitController.BASE + "/9004").get("visitDate").asString()).isEqualTo("2021-06-27");
    }

    @Test
    void a13TheLastLineOfARepeatedIdWinsAndTheEarlierCountsAsADuplicate() {
        String file = FieldopsFixture.HEADER
                + "999;1;Ana Lima;PE - OLINDA;30/06/2021;2021-06-29 10:00:00\n"
                + "999;1;Ana Lima;PE - OLINDA;30/06/2021;2021-07-02 10:00:00\n";

        JsonNode view = f.importFile(file);

        assertThat(view.at("/counts/duplicates").asLong()).isEqualTo(1);
        assertThat(view.at("/counts/accepted").asLong()).isEqualTo(1);
        assertThat(f.get(VisitController.BASE + "/999").get("outcome").asString()).isEqualTo("LATE");
        JsonNode warning = errors(view).get(0);
        assertThat(warning.get("line").asLong()).isEqualTo(2);
        assertThat(warning.get("reason").asString()).isEqualTo("DUPLICATE_IN_FILE");
    }

    @Test
    void rejectsAVisitAfterTodayAsFutureVisit() {
        JsonNode view = f.importFile(FieldopsFixture.HEADER + "1;1;Ana Lima;PE - OLINDA;30/06/2021;2031-01-01 10:00:00\n");

        assertThat(view.at("/counts/rejected").asLong()).isEqualTo(1);
        assertThat(errors(view).get(0).get("reason").asString()).isEqualTo("FUTURE_VISIT");
    }

    @Test
    void rejectsAnInvalidDeadlineAndAnInvalidClient() {
        JsonNode view = f.importFile(FieldopsFixture.HEADER + "1;-5;Ana Lima;PE - OLINDA;31/02/2021;-\n");

        List<String> reasons = new ArrayList<>();
        errors(view).forEach(e -> reasons.add(e.get("reason").asString()));
        assertThat(reasons).containsExactly("INVALID_CLIENT_ID", "INVALID_DEADLINE");
    }

    @Test
    void aHeaderOnlyFileCompletesWithAllCountsZero() {
        JsonNode counts = f.importFile(FieldopsFixture.HEADER).get("counts");

        assertThat(counts.get("rowsRead").asLong()).isZero();
        assertThat(counts.get("inserted").asLong()).isZero();
    }

    @Test
    void reorderedColumnsExtraColumnsAndQuotedSemicolonsReadTheSame() {
        String file = "polo;obs;data_de_atendimento;id_atendimento;angel;data_limite;id_cliente\n"
                + "\"PE - OLINDA\";\"a; b\";2021-06-29 10:00:00;77;Ana Lima;30/06/2021;5\n";

        JsonNode view = f.importFile(file);

        assertThat(view.at("/counts/inserted").asLong()).isEqualTo(1);
        assertThat(view.get("ignoredColumns").get(0).asString()).isEqualTo("obs");
        assertThat(f.get(VisitController.BASE + "/77").at("/polo/name").asString()).isEqualTo("PE - OLINDA");
    }

    @Test
    void namesDifferingOnlyInCaseAndSpacesAreOneAngelAndAPoloWithoutDashHasNoUf() {
        String file = FieldopsFixture.HEADER
                + "1;1;João  Neves;BUNKER CENTRAL;30/06/2021;-\n"
                + "2;2;joão neves;BUNKER CENTRAL;30/06/2021;-\n";

        f.importFile(file);

        JsonNode angels = f.get("/api/v1/fieldops/angels");
        assertThat(angels.get("totalItems").asLong()).isEqualTo(1);
        assertThat(angels.get("items").get(0).get("name").asString()).isEqualTo("João Neves");
        JsonNode polo = f.get("/api/v1/fieldops/polos").get("items").get(0);
        assertThat(polo.get("uf").isNull()).isTrue();
        assertThat(polo.get("city").isNull()).isTrue();
    }

    @Test
    void aWindows1252FileSentAsUtf8IsRejectedAsInvalidEncodingAndReadsWithTheRightCharset() {
        byte[] latin = (FieldopsFixture.HEADER + "1;1;Jônatas Lima;PE - OLINDA;30/06/2021;-\n").getBytes(Charset.forName("windows-1252"));

        JsonNode wrong = f.importFile(latin);
        assertThat(errors(wrong).get(0).get("reason").asString()).isEqualTo("INVALID_ENCODING");

        Http.Response upload = f.operator.send(java.net.http.HttpRequest.newBuilder(f.url(ImportController.BASE + "?charset=windows-1252"))
                .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin)));
        assertThat(upload.status()).isEqualTo(202);
        f.awaitCompleted(upload.json().get("id").asString());
        assertThat(f.get(VisitController.BASE + "/1").at("/angel/name").asString()).isEqualTo("Jônatas Lima");
    }

    @Test
    void aFileLargerThanTheJsonBodyLimitIsStreamedThroughTheSeedPath() {
        StringBuilder file = new StringBuilder(FieldopsFixture.HEADER);
        for (int id = 1; id <= 20_000; id++) {
            file.append(id).append(";").append(id).append(";Angel ").append(id % 50).append(";PE - OLINDA;30/06/2021;2021-06-29 10:00:00\n");
        }
        assertThat(file.length()).isGreaterThan(1_048_576);

        JsonNode view = f.importFile(file.toString());

        assertThat(view.at("/counts/inserted").asLong()).isEqualTo(20_000);
        assertThat(view.at("/counts/angelsCreated").asLong()).isEqualTo(50);
    }

    @Test
    void theErrorReportIsAlsoCsv() {
        JsonNode view = f.importFile(FieldopsFixture.HEADER + "1;1;Ana;PE - OLINDA;30/06/2021;??\n");

        Http.Response csv = f.auditor.header("Accept", "text/csv").get(ImportController.BASE + "/" + view.get("id").asString() + "/errors");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("line,column,reason,message,value").contains("2,data_de_atendimento,INVALID_VISIT_DATE");
    }
}
