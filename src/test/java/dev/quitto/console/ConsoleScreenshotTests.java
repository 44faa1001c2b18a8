package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.anticipation.AnticipationPortal;
import dev.quitto.platform.delivery.Deliveries;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.OutboundDelivery;
import dev.quitto.platform.imports.ImportStatus;
import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestDestination;
import dev.quitto.testsupport.TestFinanceGateway;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.TestUsers.TestUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every main page in headless Chromium with data in it, as PNGs in {@code target/console-screenshots/}; with
 * {@code -Dquitto.console.screenshots=docs/console} they also replace the README's screenshots. Each page is checked to
 * have rendered (its heading, and the chart drawn by Chart.js under the console's CSP) before it is taken.
 */
@QuittoIntegrationTest
class ConsoleScreenshotTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;
    @Autowired
    TestClock clock;
    @Autowired
    AnticipationPortal anticipation;
    @Autowired
    Deliveries deliveries;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Imports imports;

    @Test
    void takesAScreenshotOfEveryMainPage() throws IOException {
        ConsoleFixture fixture = new ConsoleFixture(jdbc, users, clock);
        ConsoleFixture.Supplier supplier = fixture.supplier("Metalurgica Exemplo Ltda");
        TestUser operator = fixture.operator();
        CurrentUser asSupplier = new CurrentUser(supplier.user().id(), supplier.user().login(), Set.of(Role.SUPPLIER));
        CurrentUser asOperator = new CurrentUser(operator.id(), operator.login(), Set.of(Role.OPERATOR));
        long available = fixture.payment(supplier, fixture.today().plusDays(10), "1100.00");
        fixture.payment(supplier, fixture.today().plusDays(25), "7811.00");
        fixture.payment(supplier, fixture.today(), "350.00");
        long pending = fixture.payment(supplier, fixture.today().plusDays(15), "2400.00");
        long approved = fixture.payment(supplier, fixture.today().plusDays(20), "5300.00");
        long denied = fixture.payment(supplier, fixture.today().plusDays(12), "980.50");
        anticipation.request(asSupplier, pending, fixture.today().plusDays(5));
        anticipation.approve(asOperator, anticipation.request(asSupplier, approved, fixture.today().plusDays(2)).id());
        anticipation.deny(asOperator, anticipation.request(asSupplier, denied, fixture.today().plusDays(1)).id());
        ConsoleFixture.Supplier other = fixture.supplier("Distribuidora Modelo SA");
        anticipation.request(new CurrentUser(other.user().id(), other.user().login(), Set.of(Role.SUPPLIER)),
                fixture.payment(other, fixture.today().plusDays(30), "12500.00"), fixture.today().plusDays(8));
        deadDelivery();
        importWithErrors(operator);
        ConsoleModuleData data = new ConsoleModuleData(port, users, clock);
        String customer = ConsoleModuleData.cpf();
        long failedSale = cashbackSales(data, customer);
        String deadCharge = charges(data);
        ConsoleModuleData.FieldWeek week = fieldWeek(data);
        TestUser admin = fixture.user(Role.ADMIN);

        Map<String, byte[]> shots = new LinkedHashMap<>();
        try (ConsoleBrowser browser = ConsoleBrowser.start(port)) {
            browser.open("/login");
            shots.put("login", shot(browser, "Sign in", 1280));
            browser.signIn(supplier.user().login(), TestUsers.PASSWORD);
            browser.open("/console/supplier/payments");
            await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(
                    browser.script("return typeof Chart !== 'undefined' && Chart.getChart(document.getElementById('payments-chart')) !== undefined")));
            shots.put("supplier-payments", shot(browser, "My payments", 1280));
            shots.put("supplier-payments-mobile", shot(browser, "My payments", 390));
            browser.open("/console/supplier/payments/" + available);
            browser.pickDate(By.id("newDueDate"), fixture.today().plusDays(3).toString());
            browser.waitForText(By.id("preview-new-value"), "R$ 1.092,30");
            shots.put("supplier-request-preview", shot(browser, "Payment " + available, 1280));
            browser.open("/console/supplier/requests");
            shots.put("supplier-requests", shot(browser, "My requests", 1280));
            browser.open("/console/supplier/log");
            shots.put("supplier-log", shot(browser, "Request log", 1280));
            browser.signOut();

            browser.signIn(operator.login(), TestUsers.PASSWORD);
            browser.open("/console/operator/anticipations");
            shots.put("operator-anticipations", shot(browser, "Anticipations", 1280));
            browser.open("/console/operator/deliveries?state=DEAD&destination=test-api");
            shots.put("operator-dead-letters", shot(browser, "Dead letters", 1280));
            browser.open("/console/operator/mail");
            shots.put("operator-mail", shot(browser, "Sent mail", 1280));
            browser.open("/console/operator/imports");
            shots.put("operator-imports", shot(browser, "Imports", 1280));
            browser.open("/console/operator/charges");
            shots.put("operator-charges", shot(browser, "Consultation charges", 1280));
            browser.open("/console/operator/charges/" + deadCharge);
            shots.put("operator-charge", shot(browser, "Charge", 1280));
            browser.open("/console/operator/indicators?" + week.query());
            await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(browser.script(
                    "return typeof Chart !== 'undefined' && Chart.getChart(document.getElementById('chart-productivity-angel')) !== undefined")));
            shots.put("operator-indicators", shot(browser, "Field-ops indicators", 1280));
            shots.put("operator-indicators-mobile", shot(browser, "Field-ops indicators", 390));
            browser.signOut();

            browser.signIn(admin.login(), TestUsers.PASSWORD);
            browser.open("/console/cashback/sales?document=" + customer);
            browser.click(By.cssSelector("tr[data-sale-id='" + failedSale + "'] + tr.history-row summary"));
            shots.put("admin-cashback-sales", shot(browser, "Cashback sales", 1280));
        }

        write(shots);
    }

    @Test
    void takesAScreenshotOfEveryBillingPage() throws IOException {
        ConsoleFixture fixture = new ConsoleFixture(jdbc, users, clock);
        TestUser operator = fixture.operator();
        String prefix = BillingFiles.unique();
        Path file = Files.createTempDirectory("quitto-debts-").resolve("debts-november.csv");
        Map<String, byte[]> shots = new LinkedHashMap<>();
        try (ConsoleBrowser browser = ConsoleBrowser.start(port)) {
            Files.write(file, BillingFiles.withEveryOutcome(prefix, 2500));
            browser.signIn(operator.login(), TestUsers.PASSWORD).open("/console/operator/billing/imports");
            browser.chooseFile(By.id("file"), file);
            browser.click(By.id("upload-submit"));
            browser.waitForText(By.id("import-status"), "COMPLETED", Duration.ofSeconds(90));
            String importId = browser.path().substring(browser.path().lastIndexOf('/') + 1);
            shots.put("operator-billing-import", shot(browser, "Import of " + file.getFileName(), 1280));
            Http bank = Http.on(port).header("Content-Type", "application/json");
            bank.post("/payment", "{\"debtId\":\"" + prefix + "-1\",\"paidAt\":\"2024-01-10 10:00:00\",\"paidAmount\":\"811.00\",\"paidBy\":\"Elijah Santos\"}");
            bank.post("/payment", "{\"debtId\":\"" + prefix + "-unknown\",\"paidAt\":\"2024-01-12 16:30:00\",\"paidAmount\":\"250.00\",\"paidBy\":\"Maria Lima\"}");

            browser.open("/console/operator/billing/imports");
            shots.put("operator-billing-imports", shot(browser, "Debt imports", 1280));
            browser.open("/console/operator/billing/debts?importId=" + importId);
            shots.put("operator-debts", shot(browser, "Debts", 1280));
            browser.open("/console/operator/billing/debts/" + prefix + "-1");
            shots.put("operator-debt", shot(browser, "Debt " + prefix + "-1", 1280));
            browser.open("/console/operator/billing/payments?status=UNMATCHED");
            shots.put("operator-unmatched-payments", shot(browser, "Unmatched payments", 1280));
            browser.open("/console/operator/billing/imports/" + importId);
            shots.put("operator-billing-import-mobile", shot(browser, "Import of " + file.getFileName(), 390));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
        write(shots);
    }

    private static void write(Map<String, byte[]> shots) throws IOException {
        Path target = Path.of("target", "console-screenshots");
        Files.createDirectories(target);
        String docs = System.getProperty("quitto.console.screenshots", "");
        for (var shot : shots.entrySet()) {
            assertThat(shot.getValue()).as(shot.getKey()).startsWith(0x89, 'P', 'N', 'G').hasSizeGreaterThan(10_000);
            Files.write(target.resolve(shot.getKey() + ".png"), shot.getValue());
            if (!docs.isBlank()) {
                Files.createDirectories(Path.of(docs));
                Files.write(Path.of(docs, shot.getKey() + ".png"), shot.getValue());
            }
        }
    }

    private static byte[] shot(ConsoleBrowser browser, String heading, int width) {
        assertThat(browser.text(By.tagName("h1"))).isEqualTo(heading);
        return browser.screenshot(width);
    }

    private void deadDelivery() {
        try (TestDestination destination = TestDestination.start().behave(TestDestination.answer(422, "{\"error\":\"unknown account\"}"))) {
            UUID id = transactions.execute(status -> deliveries.enqueue(OutboundDelivery.post("test-api", "finance:charge:" + UUID.randomUUID(),
                    destination.url("/charges"), Map.of("amount", "150.00"))));
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.find(id).orElseThrow().state() == DeliveryState.DEAD);
        }
    }

    /** Five delivered sales of one customer from five ERP clients, and one the provider refused (quota full); returns the failed one. */
    private long cashbackSales(ConsoleModuleData data, String customer) {
        for (int i = 0; i < 5; i++) {
            data.awaitSale(data.sale(customer), "DELIVERED");
        }
        return data.failedSale(customer);
    }

    /** Three charges finance recorded and one it refused (the worker's credentials wrong); returns the dead one's id. */
    private String charges(ConsoleModuleData data) {
        TestFinanceGateway.reset();
        TestFinanceGateway.start();
        for (int i = 0; i < 3; i++) {
            String consultation = data.finishedConsultation();
            data.awaitCharge(consultation, c -> c.get("status").asString().equals("DELIVERED"));
        }
        TestFinanceGateway.wrongCredentials(true);
        try {
            String consultation = data.finishedConsultation();
            return data.awaitCharge(consultation, c -> c.get("status").asString().equals("DEAD")).get("id").asString();
        } finally {
            TestFinanceGateway.wrongCredentials(false);
        }
    }

    /** A week of visits of its own: eight polos, ten angels, about sixty visits, a tenth late and a few not made. */
    private ConsoleModuleData.FieldWeek fieldWeek(ConsoleModuleData data) {
        List<String> polos = List.of("PE - OLINDA", "GO - RIO VERDE", "RJ - NITEROI", "SP - CAMPINAS", "BA - SALVADOR", "PR - CURITIBA",
                "CE - FORTALEZA", "MG - UBERLANDIA");
        List<String> angels = List.of("Ana Souza", "Bruno Lima", "Carla Dias", "Daniel Rocha", "Elisa Prado", "Fabio Nunes", "Gabriela Reis",
                "Heitor Campos", "Isabela Melo", "João Freitas");
        Http operator = Http.on(port).basic(users.create(Role.OPERATOR));
        ConsoleModuleData.FieldWeek week = data.emptyFieldWeek(Http.on(port).basic(users.create(Role.AUDITOR)));
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 60; i++) {
            String polo = polos.get(Math.min(polos.size() - 1, (int) Math.abs(random.nextGaussian() * 3)));
            String angel = angels.get(random.nextInt(angels.size()));
            int roll = random.nextInt(20);
            String visited = roll == 0 ? "" : ", \"visitedAt\": \"" + week.deadline().plusDays(roll <= 2 ? 2 : -random.nextInt(3)) + " 1"
                    + random.nextInt(8) + ":00:00\"";
            Http.Response created = operator.post("/api/v1/fieldops/visits", "{\"clientId\": " + (1000 + i) + ", \"angel\": \"" + angel
                    + "\", \"polo\": \"" + polo + "\", \"deadline\": \"" + week.deadline() + "\"" + visited + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        return week;
    }

    private void importWithErrors(TestUser operator) {
        String p = "s" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "id,name,email,amount\n" + p + "-1,Ana,ana@example.com,10.00\n" + p + "-2,Bruno,bruno@example.com,20.00\n"
                + p + "-3,,carla@example.com,5.00\n";
        Http.Response accepted = Http.on(port).basic(operator).header("Content-Type", "text/csv")
                .post("/api/v1/test/imports/people", csv.getBytes(StandardCharsets.UTF_8));
        String id = accepted.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> imports.find(null, id, "").status() == ImportStatus.COMPLETED);
    }
}
