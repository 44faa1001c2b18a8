package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static dev.quitto.billing.BillingTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Acceptance items 18, 26, 41 (problem rows), 42 and 43 of billing.md, over real HTTP. */
@QuittoIntegrationTest
class BillingApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InvoiceLinks links;

    BillingTestSupport billing;
    Http operator;
    String p;

    @BeforeEach
    void signIn() {
        operator = Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD);
        billing = new BillingTestSupport(operator, port);
        p = BillingTestSupport.unique();
    }

    private String invoiceOf(String debtId) {
        billing.importCompleted(HEADER + "Elijah Santos,9558,e@example.com,7811,2024-01-19," + debtId + "\n");
        return billing.debt(debtId).get("currentInvoiceId").asString();
    }

    @Test
    void thePdfIsServedToAReaderAndThroughASignedLinkWithoutAToken() {
        String invoice = invoiceOf(p + "pdf");
        JsonNode resource = operator.get("/api/v1/billing/invoices/" + invoice).json();

        Http.Response byRole = operator.get("/api/v1/billing/invoices/" + invoice + ".pdf");
        String link = links.signedPdfLink(UUID.fromString(invoice));
        String query = link.substring(link.indexOf("/api/v1/"));
        Http.Response bySignedLink = Http.on(port).get(query);

        assertThat(resource.get("nossoNumero").asString()).hasSize(11);
        assertThat(resource.get("barcode").asString()).hasSize(44);
        assertThat(resource.get("digitableLine").asString()).hasSize(47);
        assertThat(byRole.status()).isEqualTo(200);
        assertThat(byRole.contentType()).isEqualTo("application/pdf");
        assertThat(byRole.header("Content-Disposition")).isEqualTo("inline; filename=\"invoice-" + resource.get("nossoNumero").asString() + ".pdf\"");
        assertThat(byRole.body()).startsWith("%PDF");
        assertThat(bySignedLink.status()).isEqualTo(200);
        assertThat(bySignedLink.contentType()).isEqualTo("application/pdf");
    }

    @Test
    void aChangedSignatureOrAPastExpiryIs403() {
        String invoice = invoiceOf(p + "link");
        String link = links.signedPdfLink(UUID.fromString(invoice));
        String query = link.substring(link.indexOf("/api/v1/"));
        char last = query.charAt(query.length() - 1);
        String tampered = query.substring(0, query.length() - 1) + (last == '0' ? '1' : '0');
        String expired = "/api/v1/billing/invoices/" + invoice + ".pdf?exp=1000&sig=" + links.sign(UUID.fromString(invoice), 1000);

        Http.Response bad = Http.on(port).get(tampered);
        Http.Response old = Http.on(port).get(expired);

        assertThat(bad.status()).isEqualTo(403);
        assertThat(bad.json().get("code").asString()).isEqualTo("invalid-link");
        assertThat(old.status()).isEqualTo(403);
        assertThat(old.json().get("code").asString()).isEqualTo("invalid-link");
    }

    @Test
    void uploadsNeedAnOperatorAndReadsAnAuditor() {
        String debt = p + "roles";
        billing.importCompleted(HEADER + "Ana,1,a@example.com,1,2024-01-19," + debt + "\n");
        Http auditor = Http.on(port).basic(users.create(Role.AUDITOR).login(), TestUsers.PASSWORD);

        Http.Response anonymous = Http.on(port).header("Content-Type", "text/csv").post("/billing", HEADER);
        Http.Response auditorUpload = auditor.header("Content-Type", "text/csv").post("/billing", HEADER);
        Http.Response auditorRead = auditor.get("/api/v1/billing/debts/" + debt);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asString()).isEqualTo("unauthorized");
        assertThat(auditorUpload.status()).isEqualTo(403);
        assertThat(auditorUpload.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(auditorRead.status()).isEqualTo(200);
    }

    @Test
    void anUploadIdempotencyKeyAnswersWithTheFirstImportAndRefusesOtherContent() {
        String file = HEADER + "Ana,1,a@example.com,1,2024-01-19," + p + "idem\n";
        String key = p + "-u1";

        Http.Response first = operator.header("Content-Type", "text/csv").header("Idempotency-Key", key).post("/billing", file);
        Http.Response again = operator.header("Content-Type", "text/csv").header("Idempotency-Key", key).post("/billing", file);
        Http.Response other = operator.header("Content-Type", "text/csv").header("Idempotency-Key", key).post("/billing", file + "Bia,1,b@example.com,1,2024-01-19," + p + "x\n");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(jdbc.sql("select count(*) from platform_import where sha256 = :sha").param("sha", first.json().get("sha256").asString())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("code").asString()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void twoConcurrentUploadsOfOneFileCreateEachDebtOnce() throws Exception {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 10_000; i++) {
            file.append("Ana Souza,9558,ana@example.com,").append(1000 + i).append(",2024-01-19,").append(p).append('-').append(i).append('\n');
        }
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> uploads = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                uploads.add(executor.submit(() -> {
                    start.await();
                    return billing.uploadRaw(BillingPaths.IMPORTS, body);
                }));
            }
            start.countDown();
            List<JsonNode> done = new ArrayList<>();
            for (Future<Http.Response> upload : uploads) {
                assertThat(upload.get().status()).isEqualTo(202);
                done.add(billing.awaitCompleted(upload.get().json().get("id").asString()));
            }

            assertThat(done).allSatisfy(node -> assertThat(node.get("status").asString()).isEqualTo("COMPLETED"));
            assertThat(count(done.get(0), "accepted") + count(done.get(1), "accepted")).isEqualTo(10_000);
            assertThat(count(done.get(0), "duplicates") + count(done.get(1), "duplicates")).isEqualTo(10_000);
        }
    }

    @Test
    void badRequestsAreProblemsWithTheirCodes() {
        assertProblem(operator.get("/api/v1/billing/imports/not-a-uuid"), 400, "invalid-id");
        assertProblem(operator.get("/api/v1/billing/imports/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(operator.get("/api/v1/billing/invoices/not-a-uuid"), 400, "invalid-id");
        assertProblem(operator.get("/api/v1/billing/invoices/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(operator.get("/api/v1/billing/payments/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(operator.get("/api/v1/billing/debts/" + p + "missing"), 404, "not-found");
        assertProblem(operator.get("/api/v1/billing/debts?status=LATE"), 400, "invalid-parameter");
        assertProblem(operator.get("/api/v1/billing/debts?sort=amount"), 400, "invalid-parameter");
        assertProblem(operator.get("/api/v1/billing/debts?dueFrom=19/01/2024"), 400, "invalid-parameter");
        assertProblem(operator.get("/api/v1/billing/debts?size=0"), 400, "invalid-parameter");
        assertProblem(operator.get("/api/v1/billing/imports?status=DONE"), 400, "invalid-parameter");
        assertProblem(operator.get("/api/v1/billing/payments?status=LOST"), 400, "invalid-parameter");
        assertProblem(operator.header("Content-Type", "application/json").post("/billing", "{}"), 415, "unsupported-media-type");
        assertProblem(operator.header("Content-Type", "text/csv").post("/billing", "name;governmentId;email;debtAmount;debtDueDate;debtId\n"),
                400, "missing-columns");
        assertProblem(operator.header("Content-Type", "text/csv").post("/billing", "name,name,governmentId,email,debtAmount,debtDueDate,debtId\n"),
                400, "duplicate-columns");
        assertProblem(operator.header("Content-Type", "text/csv").post("/billing", "\uFEFF  \n"), 400, "empty-file");
    }

    @Test
    void debtsAreListedWithFilters() {
        billing.importCompleted(HEADER + "Ana,7777,a@example.com,1,2024-01-19," + p + "1\nBia,7777,b@example.com,2,2026-12-19," + p + "2\n");

        JsonNode overdue = operator.get("/api/v1/billing/debts?governmentId=7777&overdue=true&status=OPEN,PARTIALLY_PAID&size=200").json();
        JsonNode future = operator.get("/api/v1/billing/debts?governmentId=7777&dueFrom=2026-12-01&sort=dueDate,desc").json();

        assertThat(overdue.get("items")).extracting(node -> node.get("debtId").asString()).contains(p + "1").doesNotContain(p + "2");
        assertThat(future.get("items")).extracting(node -> node.get("debtId").asString()).contains(p + "2").doesNotContain(p + "1");
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }
}
