package dev.quitto.billing;

import dev.quitto.platform.imports.ImportOptions;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.PageQuery;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Demo profile: {@value #DEBTS} generated debts in the Kanastra file's shape (due dates from 60 days ago to 90 days
 * ahead of today, so some are overdue, some due this week, the rest later), imported as a file through the platform
 * import like an upload, plus three webhook payments through {@link Payments}: a partial and a full one, and one for
 * an unknown debt that stays UNMATCHED. The rows are generated (the sample file has no licence to redistribute it)
 * from a fixed seed, so their ids are the same on every start. Runs only while the demo import is absent and its
 * first debt unknown, so a restart changes nothing.
 */
@Component
@ConditionalOnProperty(name = "quitto.demo.enabled", havingValue = "true")
class BillingDemoData {

    static final String FILE_NAME = "demo-debts.csv";
    static final int DEBTS = 300;
    static final String UNMATCHED_DEBT_ID = "demo-unknown-debt";

    private static final Logger log = LoggerFactory.getLogger(BillingDemoData.class);
    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final ImportOptions COMMA = new ImportOptions(StandardCharsets.UTF_8, ',');
    private static final List<String> FIRST = List.of("Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Henrique", "Isabela",
            "João", "Karina", "Lucas", "Mariana", "Nicolas", "Olívia", "Paulo", "Renata", "Sérgio", "Tatiana", "Vinícius");
    private static final List<String> LAST = List.of("Almeida", "Barbosa", "Cardoso", "Costa", "Ferreira", "Gomes", "Lima", "Martins",
            "Oliveira", "Pereira", "Ribeiro", "Rocha", "Santos", "Silva", "Souza");

    private final Imports imports;
    private final DebtImportKind kind;
    private final DebtRepository debts;
    private final Payments payments;
    private final Clock clock;

    BillingDemoData(Imports imports, DebtImportKind kind, DebtRepository debts, Payments payments, Clock clock) {
        this.imports = imports;
        this.kind = kind;
        this.debts = debts;
        this.payments = payments;
        this.clock = clock;
    }

    record DemoDebt(String name, String governmentId, String email, BigDecimal amount, LocalDate dueDate, String debtId) {
    }

    /** The demo debts as of {@code today}: the same people, amounts and ids every day, due dates relative to it. */
    static List<DemoDebt> debts(LocalDate today) {
        Random random = new Random(20261203L);
        List<DemoDebt> rows = new ArrayList<>(DEBTS);
        for (int i = 0; i < DEBTS; i++) {
            String first = FIRST.get(random.nextInt(FIRST.size()));
            String last = LAST.get(random.nextInt(LAST.size()));
            String email = (first + "." + last + (i % 7)).toLowerCase(java.util.Locale.ROOT)
                    .replace('á', 'a').replace('í', 'i').replace('é', 'e').replace('ã', 'a') + "@example.com";
            int days = switch (i % 3) {
                case 0 -> -1 - random.nextInt(60);
                case 1 -> random.nextInt(8);
                default -> 8 + random.nextInt(83);
            };
            BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(9_900));
            rows.add(new DemoDebt(first + " " + last, cpf(random), email, amount, today.plusDays(days),
                    UUID.nameUUIDFromBytes(("quitto-demo-debt-" + i).getBytes(StandardCharsets.UTF_8)).toString()));
        }
        return rows;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        LocalDate today = BusinessTime.today(clock);
        List<DemoDebt> rows = debts(today);
        if (debts.find(rows.getFirst().debtId()).isPresent() || demoImportQueued()) {
            return;
        }
        StringBuilder csv = new StringBuilder("name,governmentId,email,debtAmount,debtDueDate,debtId\n");
        for (DemoDebt row : rows) {
            csv.append(row.name()).append(',').append(row.governmentId()).append(',').append(row.email()).append(',')
                    .append(row.amount().toPlainString()).append(',').append(row.dueDate()).append(',').append(row.debtId()).append('\n');
        }
        ImportView accepted = imports.accept(kind, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), FILE_NAME,
                COMMA, BillingPaths.IMPORTS);
        LocalDateTime paidAt = today.minusDays(1).atTime(14, 30);
        DemoDebt partly = rows.get(0);
        DemoDebt fully = rows.get(3);
        pay("demo-payment-partial", partly.debtId(), paidAt, partly.amount().divide(BigDecimal.TWO, 2, java.math.RoundingMode.DOWN), partly.name());
        pay("demo-payment-full", fully.debtId(), paidAt.plusHours(1), fully.amount(), fully.name());
        pay("demo-payment-unmatched", UNMATCHED_DEBT_ID, paidAt.plusHours(2), new BigDecimal("150.00"), "Pagador Desconhecido");
        log.info("Billing demo: {} debts queued as import {}, 3 payments received (one for an unknown debt)", rows.size(), accepted.id());
    }

    private boolean demoImportQueued() {
        return imports.list(DebtImportKind.NAME, null, new PageQuery(1, PageQuery.MAX_SIZE), UriComponentsBuilder.newInstance(), BillingPaths.IMPORTS)
                .items().stream().anyMatch(view -> view.fileName().equals(FILE_NAME));
    }

    /** Payments before their debt's import has run stay UNMATCHED until the matcher applies them a moment later. */
    private void pay(String key, String debtId, LocalDateTime paidAt, BigDecimal amount, String paidBy) {
        String body = "{\"debtId\":\"" + debtId + "\",\"paidAt\":\"" + PAID_AT.format(paidAt) + "\",\"paidAmount\":\"" + amount.toPlainString()
                + "\",\"paidBy\":\"" + paidBy + "\"}";
        payments.receive(PaymentRequest.read(body.getBytes(StandardCharsets.UTF_8), key, clock));
    }

    private static String cpf(Random random) {
        int[] digits = new int[11];
        for (int i = 0; i < 9; i++) {
            digits[i] = random.nextInt(10);
        }
        for (int check = 9; check < 11; check++) {
            int sum = 0;
            for (int i = 0; i < check; i++) {
                sum += digits[i] * (check + 1 - i);
            }
            int rest = sum * 10 % 11;
            digits[check] = rest == 10 ? 0 : rest;
        }
        StringBuilder text = new StringBuilder(11);
        for (int digit : digits) {
            text.append(digit);
        }
        return text.toString();
    }
}
