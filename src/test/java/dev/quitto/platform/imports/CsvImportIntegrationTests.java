package dev.quitto.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every CSV quirk the pipeline must read, through the test kind {@code people}, over real HTTP. */
@QuittoIntegrationTest
class CsvImportIntegrationTests {

    private static final String HEADER = "id,name,email,amount\n";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    ImportTestSupport imports;
    String p;

    @BeforeEach
    void signIn() {
        imports = new ImportTestSupport(Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD), port);
        p = ImportTestSupport.unique();
    }

    @Test
    void importsACommaSeparatedFile() {
        JsonNode done = imports.importCompleted("people", HEADER + p + "-1,Ana,ana@example.com,10.50\n" + p + "-2,Bia,bia@example.com,7\n");

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("delimiter").asString()).isEqualTo(",");
        assertCounts(done, 2, 2, 0, 0);
        assertThat(amountOf(p + "-1")).isEqualByComparingTo("10.50");
    }

    @Test
    void detectsASemicolonDelimiterFromTheHeader() {
        JsonNode done = imports.importCompleted("people", "id;name;email;amount\n" + p + "-1;\"Santos, Elijah\";e@example.com;3\n");

        assertThat(done.get("delimiter").asString()).isEqualTo(";");
        assertCounts(done, 1, 1, 0, 0);
        assertThat(nameOf(p + "-1")).isEqualTo("Santos, Elijah");
    }

    @Test
    void skipsAUtf8ByteOrderMarkBeforeTheHeader() {
        JsonNode done = imports.importCompleted("people", "\uFEFF" + HEADER + p + "-1,Jo\u00e3o,j@example.com,1\n");

        assertCounts(done, 1, 1, 0, 0);
        assertThat(done.get("ignoredColumns")).isEmpty();
        assertThat(nameOf(p + "-1")).isEqualTo("Jo\u00e3o");
    }

    @Test
    void readsCrlfAndMixedLineEndingsWithPhysicalLineNumbers() {
        JsonNode done = imports.importCompleted("people", "id,name,email,amount\r\n" + p + "-1,A,a@example.com,1\r\n"
                + p + "-2,B,b@example.com,2\n" + p + "-3,C,c@example.com,3\r" + p + "-4,D,not-an-email,4\r\n");

        assertCounts(done, 4, 3, 0, 1);
        assertThat(imports.errors(done.get("id").asString()).get(0).get("line").asLong()).isEqualTo(5);
    }

    @Test
    void keepsQuotedFieldsWithCommasEscapedQuotesAndLineBreaks() {
        JsonNode done = imports.importCompleted("people", HEADER
                + p + "-1,\"Santos, Elijah\",e@example.com,1\n"
                + p + "-2,\"The \"\"Rock\"\"\",r@example.com,2\n"
                + p + "-3,\"Line one\nline two\",l@example.com,3\n"
                + p + "-4,D,bad-email,4\n");

        assertCounts(done, 4, 3, 0, 1);
        assertThat(nameOf(p + "-1")).isEqualTo("Santos, Elijah");
        assertThat(nameOf(p + "-2")).isEqualTo("The \"Rock\"");
        assertThat(nameOf(p + "-3")).isEqualTo("Line one\nline two");
        assertThat(imports.errors(done.get("id").asString()).get(0).get("line").asLong()).isEqualTo(6);
    }

    @Test
    void trimsLeadingAndTrailingSpacesOfEveryField() {
        JsonNode done = imports.importCompleted("people", HEADER + "  " + p + "-1 ,  Ana Maria  , ana@example.com ,  12.00  \n");

        assertCounts(done, 1, 1, 0, 0);
        assertThat(nameOf(p + "-1")).isEqualTo("Ana Maria");
        assertThat(amountOf(p + "-1")).isEqualByComparingTo("12");
    }

    @Test
    void readsALastRecordWithoutFinalNewline() {
        JsonNode done = imports.importCompleted("people", HEADER + p + "-1,A,a@example.com,1\n" + p + "-2,B,b@example.com,2");

        assertCounts(done, 2, 2, 0, 0);
        assertThat(nameOf(p + "-2")).isEqualTo("B");
    }

    @Test
    void skipsBlankAndWhitespaceOnlyLinesWithoutCountingThem() {
        JsonNode done = imports.importCompleted("people", HEADER + "\n" + p + "-1,A,a@example.com,1\n   \n\t\n\r\n" + p + "-2,B,b@example.com,x\n\n");

        assertCounts(done, 2, 1, 0, 1);
        assertThat(imports.errors(done.get("id").asString()).get(0).get("line").asLong()).isEqualTo(7);
    }

    @Test
    void rejectsARowWithTheWrongFieldCountAndImportsTheRest() {
        JsonNode done = imports.importCompleted("people", HEADER + p + "-1,A,a@example.com,1,extra\n" + p + "-2,B,b@example.com\n"
                + p + "-3,C,c@example.com,3\n");

        assertCounts(done, 3, 1, 0, 2);
        JsonNode errors = imports.errors(done.get("id").asString());
        assertThat(errors).extracting(e -> e.get("reason").asString()).containsExactly("WRONG_FIELD_COUNT", "WRONG_FIELD_COUNT");
        assertThat(errors).extracting(e -> e.get("line").asLong()).containsExactly(2L, 3L);
        assertThat(errors.get(0).get("message").asString()).isEqualTo("expected 4 fields as in the header, found 5");
        assertThat(errors.get(0).get("value").asString()).isEqualTo(p + "-1,A,a@example.com,1,extra");
    }

    @Test
    void rejectsOnlyTheRowWithInvalidUtf8AndContinues() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write((HEADER + p + "-1,A,a@example.com,1\n" + p + "-2,Jo").getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {(byte) 0xE3, 'o'});
        file.write((",j@example.com,2\n" + p + "-3,Jo\u00e3o,j@example.com,3\n").getBytes(StandardCharsets.UTF_8));

        Http.Response accepted = imports.upload("people", file.toByteArray(), "");
        JsonNode done = imports.awaitCompleted(accepted.json().get("id").asString());

        assertCounts(done, 3, 2, 0, 1);
        JsonNode error = imports.errors(done.get("id").asString()).get(0);
        assertThat(error.get("line").asLong()).isEqualTo(3);
        assertThat(error.get("reason").asString()).isEqualTo("INVALID_ENCODING");
        assertThat(error.get("value").asString()).contains("Jo\uFFFDo");
    }

    @Test
    void readsWindows1252WhenAsked() {
        byte[] file = (HEADER + p + "-1,Jo\u00e3o,j@example.com,1\n").getBytes(ImportOptions.WINDOWS_1252);

        JsonNode done = imports.awaitCompleted(imports.upload("people", file, "?charset=windows-1252").json().get("id").asString());

        assertThat(done.get("charset").asString()).isEqualTo("windows-1252");
        assertCounts(done, 1, 1, 0, 0);
        assertThat(nameOf(p + "-1")).isEqualTo("Jo\u00e3o");
    }

    @Test
    void rejectsAnUnterminatedQuoteAtItsStartLineStatingTheLinesItSwallowed() {
        JsonNode done = imports.importCompleted("people", HEADER + p + "-1,A,a@example.com,1\n" + p + "-2,\"B,b@example.com,2\n"
                + p + "-3,C,c@example.com,3\n" + p + "-4,D,d@example.com,4\n");

        assertCounts(done, 2, 1, 0, 1);
        JsonNode error = imports.errors(done.get("id").asString()).get(0);
        assertThat(error.get("line").asLong()).isEqualTo(3);
        assertThat(error.get("reason").asString()).isEqualTo("UNTERMINATED_QUOTE");
        assertThat(error.get("message").asString()).contains("the 3 lines after it could not be read");
    }

    @Test
    void rejectsARecordLongerThan64KiBAndContinues() {
        JsonNode done = imports.importCompleted("people", HEADER + p + "-1," + "x".repeat(70_000) + ",a@example.com,1\n"
                + p + "-2,B,b@example.com,2\n");

        assertCounts(done, 2, 1, 0, 1);
        JsonNode error = imports.errors(done.get("id").asString()).get(0);
        assertThat(error.get("reason").asString()).isEqualTo("RECORD_TOO_LONG");
        assertThat(error.get("line").asLong()).isEqualTo(2);
        assertThat(error.get("value").asString()).hasSize(200);
    }

    @Test
    void mapsAReorderedHeaderWhateverItsCase() {
        JsonNode done = imports.importCompleted("people", "  AMOUNT , Email,NAME,iD\n7.25,x@example.com,Xavier," + p + "-1\n");

        assertCounts(done, 1, 1, 0, 0);
        assertThat(nameOf(p + "-1")).isEqualTo("Xavier");
        assertThat(amountOf(p + "-1")).isEqualByComparingTo("7.25");
    }

    @Test
    void ignoresAndListsExtraColumns() {
        JsonNode done = imports.importCompleted("people", "id,notes,name,email,amount,Extra\n" + p + "-1,hello,A,a@example.com,1,z\n");

        assertCounts(done, 1, 1, 0, 0);
        assertThat(done.get("ignoredColumns")).extracting(JsonNode::asString).containsExactly("notes", "Extra");
    }

    @Test
    void completesAHeaderOnlyFileWithAllCountsZero() {
        JsonNode done = imports.importCompleted("people", HEADER);

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertCounts(done, 0, 0, 0, 0);
        assertThat(done.get("progress").get("percent").asInt()).isEqualTo(100);
    }

    @Test
    void reportsOneEntryPerFailingFieldWithLineColumnReasonAndValue() {
        JsonNode done = imports.importCompleted("people", HEADER + p + "-1,,nope,1.005\n");

        assertCounts(done, 1, 0, 0, 1);
        JsonNode errors = imports.errors(done.get("id").asString());
        assertThat(errors).extracting(e -> e.get("column").asString()).containsExactly("name", "email", "amount");
        assertThat(errors).extracting(e -> e.get("reason").asString()).containsExactly("MISSING_VALUE", "INVALID_EMAIL", "INVALID_AMOUNT");
        assertThat(errors.get(2).get("value").asString()).isEqualTo("1.005");
        assertThat(errors.get(2).get("line").asLong()).isEqualTo(2);
    }

    @Test
    void acceptsTheFileAsAMultipartPart() {
        Http.Response accepted = imports.uploadMultipart("people", "people.csv", (HEADER + p + "-1,A,a@example.com,1\n").getBytes(StandardCharsets.UTF_8));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/platform/imports/" + accepted.json().get("id").asString());
        assertThat(accepted.json().get("fileName").asString()).isEqualTo("people.csv");
        assertCounts(imports.awaitCompleted(accepted.json().get("id").asString()), 1, 1, 0, 0);
    }

    @Test
    void keepsTheFirstOfTwoRowsWithTheSameIdAndCountsTheSecondAsDuplicate() {
        JsonNode done = imports.importCompleted("people", HEADER + p + "-1,First,a@example.com,1\n" + p + "-1,Second,a@example.com,1\n");

        assertCounts(done, 2, 1, 1, 0);
        assertThat(nameOf(p + "-1")).isEqualTo("First");
    }

    private void assertCounts(JsonNode done, long read, long accepted, long duplicates, long rejected) {
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode counts = done.get("counts");
        assertThat(List.of(counts.get("rowsRead").asLong(), counts.get("accepted").asLong(), counts.get("duplicates").asLong(),
                counts.get("rejected").asLong())).as("rowsRead, accepted, duplicates, rejected")
                .containsExactly(read, accepted, duplicates, rejected);
    }

    private String nameOf(String id) {
        return jdbc.sql("select name from test_import_person where id = :id").param("id", id).query(String.class).single();
    }

    private BigDecimal amountOf(String id) {
        return jdbc.sql("select amount from test_import_person where id = :id").param("id", id).query(BigDecimal.class).single();
    }
}
