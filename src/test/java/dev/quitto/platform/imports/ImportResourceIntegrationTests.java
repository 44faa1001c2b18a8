package dev.quitto.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The import resource, its error report, idempotency by natural key, and the files refused before anything is stored. */
@QuittoIntegrationTest
class ImportResourceIntegrationTests {

    private static final String HEADER = "id,name,email,amount\n";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Value("${quitto.data-dir}")
    String dataDir;

    Http operator;
    ImportTestSupport imports;
    String p;

    @BeforeEach
    void signIn() {
        operator = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        imports = new ImportTestSupport(operator, port);
        p = ImportTestSupport.unique();
    }

    @Test
    void importsTheRealKanastraSampleAndReimportsItAsAllDuplicates() throws IOException {
        byte[] sample;
        try (InputStream in = getClass().getResourceAsStream("/imports/kanastra_input_head_10787rows.csv")) {
            sample = in.readAllBytes();
        }

        JsonNode first = imports.awaitCompleted(imports.upload("debts", sample, "").json().get("id").asString());
        JsonNode second = imports.awaitCompleted(imports.upload("debts", sample, "").json().get("id").asString());

        assertThat(first.get("counts").get("rowsRead").asLong()).isEqualTo(10_787);
        assertThat(first.get("counts").get("accepted").asLong()).isEqualTo(10_787);
        assertThat(first.get("counts").get("rejected").asLong()).isZero();
        assertThat(first.get("ignoredColumns")).isEmpty();
        assertThat(second.get("counts").get("accepted").asLong()).isZero();
        assertThat(second.get("counts").get("duplicates").asLong()).isEqualTo(10_787);
        assertThat(second.get("sha256").asString()).isEqualTo(first.get("sha256").asString());
        long stored = jdbc.sql("select count(*) from test_import_person where import_id = cast(:id as uuid)")
                .param("id", first.get("id").asString()).query(Long.class).single();
        assertThat(stored).isEqualTo(10_787);
    }

    @Test
    void showsProgressCountsTimesAndLinksOfACompletedImport() {
        String csv = HEADER + p + "-1,A,a@example.com,1\n" + p + "-2,B,b@example.com,x\n";
        Http.Response accepted = imports.upload("people", csv);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("status").asString()).isEqualTo("QUEUED");
        JsonNode done = imports.awaitCompleted(accepted.json().get("id").asString());
        String id = done.get("id").asString();
        assertThat(done.get("kind").asString()).isEqualTo("people");
        assertThat(done.get("sizeBytes").asLong()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
        assertThat(done.get("sha256").asString()).hasSize(64);
        assertThat(done.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("progress").get("bytesRead").asLong()).isEqualTo(done.get("sizeBytes").asLong());
        assertThat(done.get("progress").get("rowsRead").asLong()).isEqualTo(2);
        assertThat(done.get("counts").get("rowsRead").asLong()).isEqualTo(2);
        assertThat(done.get("createdAt").asString()).endsWith("-03:00");
        assertThat(done.get("finishedAt").asString()).endsWith("-03:00");
        assertThat(done.get("links").get("self").asString()).isEqualTo("/api/v1/platform/imports/" + id);
        assertThat(done.get("links").get("errors").asString()).isEqualTo("/api/v1/platform/imports/" + id + "/errors");
    }

    @Test
    void deletesTheSpoolFileOnceCompletedAndDropsTheStagingTable() {
        JsonNode done = imports.importCompleted("people", HEADER + p + "-1,A,a@example.com,1\n");
        String id = done.get("id").asString();

        assertThat(Path.of(dataDir, "imports", id + ".csv")).doesNotExist();
        long tables = jdbc.sql("select count(*) from pg_class where relname = :name").param("name", "platform_import_stage_" + id.replace("-", ""))
                .query(Long.class).single();
        assertThat(tables).isZero();
    }

    @Test
    void servesTheErrorReportAsAJsonPageAndAsStreamedCsv() {
        String id = imports.importCompleted("people", HEADER + p + "-1,,a@example.com,1\n" + p + "-2,\"B, the \"\"second\"\"\",b,2\n").get("id").asString();

        JsonNode page = operator.get(ImportTestSupport.IMPORTS + id + "/errors").json();
        Http.Response byAccept = operator.header("Accept", "text/csv").get(ImportTestSupport.IMPORTS + id + "/errors");
        Http.Response byFormat = operator.get(ImportTestSupport.IMPORTS + id + "/errors?format=csv");

        assertThat(page.get("totalItems").asLong()).isEqualTo(2);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("column").asString()).isEqualTo("name");
        assertThat(byAccept.status()).isEqualTo(200);
        assertThat(byAccept.contentType()).startsWith("text/csv");
        assertThat(byFormat.body()).isEqualTo(byAccept.body());
        List<CsvRecord> rows = CsvReader.builder().ofCsvRecord(byAccept.body()).stream().toList();
        assertThat(rows.get(0).getFields()).containsExactly("line", "column", "reason", "message", "value");
        assertThat(rows.get(1).getFields()).containsExactly("2", "name", "MISSING_VALUE", "name is required", "");
        assertThat(rows.get(2).getFields()).containsExactly("3", "email", "INVALID_EMAIL", "email must contain @", "b");
    }

    @Test
    void capsStoredReportEntriesWhileCountsStayExact() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1_200; i++) {
            csv.append(p).append('-').append(i).append(",A,no-at-sign,1\n");
        }

        JsonNode done = imports.importCompleted("people", csv.toString());

        assertThat(done.get("counts").get("rejected").asLong()).isEqualTo(1_200);
        assertThat(operator.get(ImportTestSupport.IMPORTS + done.get("id").asString() + "/errors").json().get("totalItems").asLong())
                .isEqualTo(1_000);
    }

    @Test
    void refusesAFileMissingARequiredColumnWith400AndStoresNothing() {
        long before = importCount();

        Http.Response refused = imports.upload("people", "id,name,amount\n1,A,1\n");

        assertProblem(refused, 400, "missing-columns");
        assertThat(refused.json().get("missingColumns")).extracting(JsonNode::asString).containsExactly("email");
        assertThat(importCount()).isEqualTo(before);
        assertThat(spoolFiles()).noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    void refusesAHeaderNamingAColumnTwice() {
        Http.Response refused = imports.upload("people", "id,name,email,amount,Email\n1,A,a@example.com,1,b@example.com\n");

        assertProblem(refused, 400, "duplicate-columns");
        assertThat(refused.json().get("duplicateColumns")).extracting(JsonNode::asString).containsExactly("Email");
    }

    @Test
    void refusesAnEmptyFileWith400() {
        long before = importCount();

        assertProblem(imports.upload("people", new byte[0], ""), 400, "missing-file");
        assertProblem(imports.uploadMultipart("people", "empty.csv", new byte[0]), 400, "empty-file");
        assertProblem(imports.upload("people", "\uFEFF  \r\n\n"), 400, "empty-file");
        assertThat(importCount()).isEqualTo(before);
    }

    @Test
    void refusesAnUnknownCharsetAndAnotherContentType() {
        assertProblem(imports.upload("people", HEADER.getBytes(StandardCharsets.UTF_8), "?charset=latin9"), 400, "invalid-parameter");
        assertProblem(operator.header("Content-Type", "application/json").post(ImportTestSupport.UPLOAD + "people", "{}"), 415,
                "unsupported-media-type");
    }

    @Test
    void listsImportsNewestFirstFilteredByKindAndStatus() {
        String id = imports.importCompleted("debts", "debtId,name,email,debtAmount\n" + p + "-1,A,a@example.com,1\n").get("id").asString();

        JsonNode page = operator.get("/api/v1/platform/imports?kind=debts&status=COMPLETED&size=5").json();

        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(page.get("items")).allMatch(item -> item.get("kind").asString().equals("debts"));
        assertThat(page.get("size").asInt()).isEqualTo(5);
        assertProblem(operator.get("/api/v1/platform/imports?status=DONE"), 400, "invalid-parameter");
    }

    @Test
    void answersAnUnknownImportWith404AndABadIdWith400() {
        assertProblem(operator.get("/api/v1/platform/imports/0190a3c8-0000-7000-8000-000000000000"), 404, "not-found");
        assertProblem(operator.get("/api/v1/platform/imports/not-a-uuid"), 400, "invalid-id");
        assertProblem(operator.get("/api/v1/platform/imports/not-a-uuid/errors?format=csv"), 400, "invalid-id");
    }

    @Test
    void letsOperatorsAuditorsAndAdminsReadButOnlyOperatorsUpload() {
        String id = imports.importCompleted("people", HEADER + p + "-1,A,a@example.com,1\n").get("id").asString();
        Http auditor = Http.on(port).basic(users.create(Role.AUDITOR).login(), TestUsers.PASSWORD);
        Http supplier = Http.on(port).basic(users.create(Role.SUPPLIER).login(), TestUsers.PASSWORD);

        assertThat(auditor.get(ImportTestSupport.IMPORTS + id).status()).isEqualTo(200);
        assertThat(Http.on(port).basic("admin", "teste123").get(ImportTestSupport.IMPORTS + id).status()).isEqualTo(200);
        assertProblem(new ImportTestSupport(auditor, port).upload("people", HEADER), 403, "forbidden");
        assertProblem(supplier.get(ImportTestSupport.IMPORTS + id), 403, "forbidden");
        assertProblem(Http.on(port).get(ImportTestSupport.IMPORTS + id), 401, "unauthorized");
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }

    private long importCount() {
        return jdbc.sql("select count(*) from platform_import").query(Long.class).single();
    }

    private List<String> spoolFiles() {
        Path folder = Path.of(dataDir, "imports");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
