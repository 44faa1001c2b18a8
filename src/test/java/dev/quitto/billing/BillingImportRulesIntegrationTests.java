package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static dev.quitto.billing.BillingTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Acceptance items 4-11 and 13-16 of billing.md: CSV quirks, field rules, duplicates and conflicts. */
@QuittoIntegrationTest
class BillingImportRulesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    BillingTestSupport billing;
    Http http;
    String p;

    @BeforeEach
    void signIn() {
        http = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        billing = new BillingTestSupport(http, port);
        p = BillingTestSupport.unique();
    }

    private String row(String debtId, String amount, String due) {
        return "Ana Souza,9558,ana@example.com," + amount + "," + due + "," + p + debtId + "\n";
    }

    /** The first n data rows of the sample, with this test's prefix on each debtId. */
    private List<String> sampleRows(int n) {
        List<String> lines = BillingTestSupport.sampleLines().subList(1, n + 1);
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            int comma = line.lastIndexOf(',');
            rows.add(line.substring(0, comma + 1) + p + "-" + line.substring(comma + 1));
        }
        return rows;
    }

    private List<String> reasons(String importId) {
        List<String> reasons = new ArrayList<>();
        billing.errors(importId).forEach(entry -> reasons.add(entry.get("line").asLong() + ":" + entry.get("reason").asString()));
        return reasons;
    }

    @Test
    void aBomCrlfFileWithoutFinalNewlineImportsEveryRow() {
        String body = "\uFEFF" + HEADER.replace("\n", "\r\n") + String.join("\r\n", sampleRows(100));

        JsonNode done = billing.importCompleted(body);

        assertThat(count(done, "accepted")).isEqualTo(100);
        assertThat(count(done, "rejected")).isZero();
        assertThat(billing.debt(p + "-ea23f2ca-663a-4266-a742-9da4c9f4fcb3").get("name").asString()).isEqualTo("Elijah Santos");
    }

    @Test
    void columnsAreMappedByNameInAnyOrderAndExtraColumnsAreListed() {
        JsonNode done = billing.importCompleted("debtID,name,EMAIL,governmentId,debtDueDate,debtAmount,notes\n"
                + p + "1,Ana Souza,ana@example.com,9558,2024-01-19,7811,call after 6pm\n");

        assertThat(count(done, "accepted")).isEqualTo(1);
        assertThat(done.get("ignoredColumns").toString()).isEqualTo("[\"notes\"]");
        assertThat(billing.debt(p + "1").get("amount").asString()).isEqualTo("7811.00");
    }

    @Test
    void aHeaderWithoutEmailIsRefusedBeforeAnythingIsStored() {
        byte[] file = ("name,governmentId,debtAmount,debtDueDate,debtId\nAna,1,1,2024-01-01," + p + "\n").getBytes(StandardCharsets.UTF_8);

        Http.Response refused = billing.uploadRaw(BillingPaths.IMPORTS, file);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("missing-columns");
        assertThat(refused.json().get("missingColumns").toString()).isEqualTo("[\"email\"]");
        assertThat(jdbc.sql("select count(*) from platform_import where sha256 = :sha").param("sha", sha256(file)).query(Long.class).single())
                .as("import rows of the refused file").isZero();
    }

    @Test
    void aFileAcceptedForImportIsFoundByItsSha256() {
        byte[] file = (HEADER + row("sha", "10", "2024-01-19")).getBytes(StandardCharsets.UTF_8);

        String id = billing.importCompleted(file).get("id").asString();

        assertThat(jdbc.sql("select id::text from platform_import where sha256 = :sha").param("sha", sha256(file)).query(String.class).list())
                .containsExactly(id);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aZeroByteFileIsEmpty() {
        Http.Response refused = billing.uploadMultipart("/billing", "empty.csv", "text/csv", new byte[0]);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("empty-file");
    }

    @Test
    void aHeaderOnlyFileCompletesWithZeroCounts() {
        JsonNode done = billing.importCompleted(HEADER);

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(count(done, "rowsRead")).isZero();
        assertThat(count(done, "accepted")).isZero();
        assertThat(count(done, "duplicates")).isZero();
        assertThat(count(done, "rejected")).isZero();
    }

    @Test
    void aTrailingSpaceAfterTheDebtIdIsTrimmedAndAnUpperCaseUuidIsLowerCased() {
        String uuid = java.util.UUID.randomUUID().toString();
        String upper = java.util.UUID.randomUUID().toString();
        billing.importCompleted(HEADER + "John Doe,11111111111,johndoe@kanastra.com.br,1000000.00,2022-10-12," + uuid + " \n"
                + "John Doe,11111111111,johndoe@kanastra.com.br,1000000.00,2022-10-12," + upper.toUpperCase() + "\n");

        assertThat(billing.debt(uuid).get("debtId").asString()).isEqualTo(uuid);
        assertThat(billing.debt(upper).get("debtId").asString()).isEqualTo(upper);
    }

    @Test
    void quotedNamesKeepCommasAndEscapedQuotes() {
        billing.importCompleted(HEADER + "\"Santos, Elijah\",9558,e@example.com,1,2024-01-19," + p + "1\n"
                + "\"Dwayne \"\"Rock\"\" Johnson\",9558,d@example.com,1,2024-01-19," + p + "2\n"
                + "\"Jo\u00e3o\nda Silva\",9558,j@example.com,1,2024-01-19," + p + "3\n");

        assertThat(billing.debt(p + "1").get("name").asString()).isEqualTo("Santos, Elijah");
        assertThat(billing.debt(p + "2").get("name").asString()).isEqualTo("Dwayne \"Rock\" Johnson");
        assertThat(billing.debt(p + "3").get("name").asString()).isEqualTo("Jo\u00e3o\nda Silva");
    }

    @Test
    void badAmountsAreRejectedWithTheirReasons() {
        JsonNode done = billing.importCompleted(HEADER + row("a", "0", "2024-01-19") + row("b", "-5", "2024-01-19")
                + row("c", "1.005", "2024-01-19") + row("d", "1e3", "2024-01-19") + row("e", "", "2024-01-19")
                + row("f", "100000000.00", "2024-01-19") + row("g", "\"1,000.00\"", "2024-01-19") + row("h", "1.50", "2024-01-19")
                + "Ana Souza,9558,ana@example.com,1,000.00,2024-01-19," + p + "i\n");

        assertThat(count(done, "accepted")).isEqualTo(1);
        assertThat(count(done, "rejected")).isEqualTo(8);
        assertThat(reasons(done.get("id").asString())).containsExactly("2:AMOUNT_NOT_POSITIVE", "3:INVALID_AMOUNT", "4:TOO_MANY_DECIMALS",
                "5:INVALID_AMOUNT", "6:MISSING_VALUE", "7:AMOUNT_TOO_LARGE", "8:INVALID_AMOUNT", "10:WRONG_FIELD_COUNT");
        assertThat(billing.debt(p + "h").get("amount").asString()).isEqualTo("1.50");
    }

    @Test
    void badAndOutOfRangeDatesAreRejected() {
        JsonNode done = billing.importCompleted(HEADER + row("a", "1", "2023-02-30") + row("b", "1", "19/01/2024") + row("c", "1", "2024-1-9")
                + row("d", "1", "1999-12-31") + row("e", "1", "2049-10-14") + row("f", "1", "2049-10-13") + row("g", "1", "2022-10-05"));

        assertThat(reasons(done.get("id").asString())).containsExactly("2:INVALID_DATE", "3:INVALID_DATE", "4:INVALID_DATE",
                "5:DUE_DATE_OUT_OF_RANGE", "6:DUE_DATE_OUT_OF_RANGE");
        assertThat(count(done, "accepted")).isEqualTo(2);
        assertThat(billing.debt(p + "f").get("invoices").get(0).get("barcode").asString().substring(5, 9)).isEqualTo("9999");
    }

    @Test
    void badEmailsAreRejected() {
        JsonNode done = billing.importCompleted(HEADER + "Ana,1,janet95example.com,1,2024-01-19," + p + "a\n" + "Ana,1,a@b,1,2024-01-19," + p + "b\n"
                + "Ana,1,a b@example.com,1,2024-01-19," + p + "c\n" + "Ana,1,Ana.Souza@EXAMPLE.com,1,2024-01-19," + p + "d\n");

        assertThat(reasons(done.get("id").asString())).containsExactly("2:INVALID_EMAIL", "3:INVALID_EMAIL", "4:INVALID_EMAIL");
        assertThat(billing.debt(p + "d").get("email").asString()).isEqualTo("Ana.Souza@example.com");
    }

    @Test
    void aThousandRowFileWithThreeBadRowsReportsTheirLinesInJsonAndCsv() {
        StringBuilder body = new StringBuilder(HEADER);
        for (int i = 1; i <= 1000; i++) {
            body.append(i == 10 || i == 500 || i == 1000 ? row("r" + i, "0", "2024-01-19") : row("r" + i, "10", "2024-01-19"));
        }

        JsonNode done = billing.importCompleted(body.toString());

        assertThat(count(done, "accepted")).isEqualTo(997);
        assertThat(count(done, "rejected")).isEqualTo(3);
        String id = done.get("id").asString();
        assertThat(reasons(id)).containsExactly("11:AMOUNT_NOT_POSITIVE", "501:AMOUNT_NOT_POSITIVE", "1001:AMOUNT_NOT_POSITIVE");
        Http.Response csv = http.header("Accept", "text/csv").get(BillingPaths.IMPORTS + "/" + id + "/errors");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).containsExactly("line,column,reason,message,value",
                "11,debtAmount,AMOUNT_NOT_POSITIVE,debtAmount must be > 0,0", "501,debtAmount,AMOUNT_NOT_POSITIVE,debtAmount must be > 0,0",
                "1001,debtAmount,AMOUNT_NOT_POSITIVE,debtAmount must be > 0,0");
        assertThat(http.get(BillingPaths.IMPORTS + "/" + id + "/errors?format=csv").body()).isEqualTo(csv.body());
    }

    @Test
    void brokenRecordsAreRejectedAndTheRowsAfterThemStillImport() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((HEADER + "Ana,1,a@example.com,1,2024-01-19\n" + row("after-short", "1", "2024-01-19")
                + "Ana," + "x".repeat(70 * 1024) + ",a@example.com,1,2024-01-19," + p + "long\n" + row("after-long", "1", "2024-01-19")
                + "Ana").getBytes(StandardCharsets.UTF_8));
        body.write(0xC3);
        body.write(0x28);
        body.writeBytes((",1,a@example.com,1,2024-01-19," + p + "bad-utf8\n" + row("after-utf8", "1", "2024-01-19")).getBytes(StandardCharsets.UTF_8));

        JsonNode done = billing.importCompleted(body.toByteArray());

        assertThat(reasons(done.get("id").asString())).containsExactly("2:WRONG_FIELD_COUNT", "4:RECORD_TOO_LONG", "6:INVALID_ENCODING");
        assertThat(count(done, "accepted")).isEqualTo(3);
        assertThat(billing.debt(p + "after-utf8").get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aRepeatedDebtIdInOneFileIsADuplicateWhenIdenticalAndAConflictWhenDifferent() {
        JsonNode done = billing.importCompleted(HEADER + row("1", "10", "2024-01-19") + row("1", "10.00", "2024-01-19")
                + row("1", "11", "2024-01-19"));

        assertThat(count(done, "accepted")).isEqualTo(1);
        assertThat(count(done, "duplicates")).isEqualTo(1);
        assertThat(count(done, "rejected")).isEqualTo(1);
        JsonNode error = billing.errors(done.get("id").asString()).get(0);
        assertThat(error.get("line").asLong()).isEqualTo(4);
        assertThat(error.get("reason").asString()).isEqualTo("CONFLICT_IN_FILE");
        assertThat(error.get("message").asString()).isEqualTo("conflicts with line 2");
    }

    @Test
    void anInvalidFirstOccurrenceLetsTheValidOneIn() {
        JsonNode done = billing.importCompleted(HEADER + row("1", "0", "2024-01-19") + row("1", "10", "2024-01-19"));

        assertThat(count(done, "accepted")).isEqualTo(1);
        assertThat(count(done, "rejected")).isEqualTo(1);
        assertThat(billing.debt(p + "1").get("amount").asString()).isEqualTo("10.00");
    }

    @Test
    void aStoredDebtIsNeverChangedByALaterFile() {
        billing.importCompleted(HEADER + row("1", "10", "2024-01-19"));

        JsonNode done = billing.importCompleted(HEADER + "Ana Souza,9558,other@example.com,10,2024-01-19," + p + "1\n" + row("2", "10", "2024-01-19"));

        assertThat(count(done, "accepted")).isEqualTo(1);
        assertThat(count(done, "rejected")).isEqualTo(1);
        assertThat(count(done, "duplicates")).isZero();
        JsonNode error = billing.errors(done.get("id").asString()).get(0);
        assertThat(error.get("reason").asString()).isEqualTo("CONFLICTS_WITH_EXISTING_DEBT");
        assertThat(error.get("line").asLong()).isEqualTo(2);
        assertThat(billing.debt(p + "1").get("email").asString()).isEqualTo("ana@example.com");
    }

    @Test
    void aLaterRowDifferentFromTheFirstOccurrenceConflictsInTheFileEvenWhenItMatchesTheStoredDebt() {
        billing.importCompleted(HEADER + row("1", "10", "2024-01-19"));

        JsonNode done = billing.importCompleted(HEADER + "Ana Souza,9558,other@example.com,10,2024-01-19," + p + "1\n" + row("1", "10", "2024-01-19"));

        assertThat(reasons(done.get("id").asString())).containsExactly("2:CONFLICTS_WITH_EXISTING_DEBT", "3:CONFLICT_IN_FILE");
    }

    @Test
    void anIdenticalReImportIsAllDuplicatesAndCreatesNoInvoice() {
        String file = HEADER + row("1", "10", "2024-01-19") + row("2", "20", "2024-01-19");
        billing.importCompleted(file);

        JsonNode again = billing.importCompleted(file);

        assertThat(count(again, "duplicates")).isEqualTo(2);
        assertThat(count(again, "accepted")).isZero();
        assertThat(billing.debt(p + "1").get("invoices")).hasSize(1);
    }
}
