package dev.quitto.billing;

import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.imports.ApplyResult;
import dev.quitto.platform.imports.ImportColumn;
import dev.quitto.platform.imports.ImportContext;
import dev.quitto.platform.imports.ImportKind;
import dev.quitto.platform.imports.ImportRecord;
import dev.quitto.platform.imports.StagingColumn;
import dev.quitto.platform.imports.StagingRow;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The debts file (billing.md 4.1–4.5) as a platform import kind. {@link #map} applies the field rules and computes
 * each valid row's invoice (nosso número, barcode, linha digitável, PIX) in Java; {@link #apply} is set-based SQL in
 * the platform's one apply transaction: in-file duplicates and conflicts, comparison with stored debts,
 * an anti-joined insert of new debts, their invoices and {@code INVOICE} e-mail jobs (with the tables' indexes rebuilt
 * afterwards when the import at least doubles the debts).
 */
@Component("billingDebtImportKind")
class DebtImportKind implements ImportKind {

    static final String NAME = "billing-debts";
    static final int NAME_COL = 0;
    static final int GOVERNMENT_ID = 1;
    static final int EMAIL = 2;
    static final int AMOUNT = 3;
    static final int DUE_DATE = 4;
    static final int DEBT_ID = 5;

    private static final List<ImportColumn> COLUMNS = List.of(ImportColumn.required("name"), ImportColumn.required("governmentId"),
            ImportColumn.required("email"), ImportColumn.required("debtAmount"), ImportColumn.required("debtDueDate"),
            ImportColumn.required("debtId"));
    private static final List<StagingColumn> STAGING = List.of(new StagingColumn("debt_id", "text"), new StagingColumn("name", "text"),
            new StagingColumn("government_id", "text"), new StagingColumn("email", "text"), new StagingColumn("amount", "numeric(10,2)"),
            new StagingColumn("due_date", "date"), new StagingColumn("repeat_hint", "boolean"), new StagingColumn("invoice_id", "uuid"),
            new StagingColumn("nosso_numero", "bigint"), new StagingColumn("barcode", "text"), new StagingColumn("digitable_line", "text"),
            new StagingColumn("pix", "text"));

    /** The tables an import fills; their indexes are rebuilt rather than updated row by row when it at least doubles them. */
    private static final List<String> BULK_TABLES = List.of("billing_debt", "billing_invoice", "billing_email");

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DebtImportKind.class);

    private final BillingSettings settings;
    private final NossoNumeros nossoNumeros;
    private final IdGenerator ids;
    private final JdbcClient jdbc;
    private final SeenDebtIds seen = new SeenDebtIds();
    private long lastLine = Long.MAX_VALUE;

    DebtImportKind(BillingSettings settings, NossoNumeros nossoNumeros, IdGenerator ids, JdbcClient jdbc) {
        this.settings = settings;
        this.nossoNumeros = nossoNumeros;
        this.ids = ids;
        this.jdbc = jdbc;
    }

    /** {@code quitto.billing.import.max-size}. */
    @Override
    public long maxSizeBytes() {
        return settings.import_().maxSize().toBytes();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<StagingColumn> stagingColumns() {
        return STAGING;
    }

    @Override
    public void map(ImportRecord record, StagingRow row) {
        if (record.line() <= lastLine) {
            seen.clear();
        }
        lastLine = record.line();
        String rawDebtId = record.value(DEBT_ID);
        String debtId = null;
        if (rawDebtId.isEmpty()) {
            row.reject("debtId", "MISSING_VALUE", "debtId is required", rawDebtId);
        } else if ((debtId = DebtRules.normalizeDebtId(rawDebtId)) == null) {
            row.reject("debtId", "INVALID_DEBT_ID", "debtId must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'", rawDebtId);
        }
        String name = record.value(NAME_COL);
        String nameProblem = DebtRules.checkName(name);
        if (nameProblem != null) {
            row.reject("name", nameProblem, switch (nameProblem) {
                case "MISSING_VALUE" -> "name is required";
                case "NAME_TOO_LONG" -> "name must have at most 200 characters";
                default -> "name must not contain control characters";
            }, name);
        }
        String rawGovernmentId = record.value(GOVERNMENT_ID);
        String governmentId = null;
        if (rawGovernmentId.isEmpty()) {
            row.reject("governmentId", "MISSING_VALUE", "governmentId is required", rawGovernmentId);
        } else if ((governmentId = DebtRules.normalizeGovernmentId(rawGovernmentId, settings.import_().governmentIdPolicy())) == null) {
            row.reject("governmentId", "INVALID_GOVERNMENT_ID", switch (settings.import_().governmentIdPolicy()) {
                case LENIENT -> "governmentId must be 1 to 14 digits or a valid alphanumeric CNPJ";
                case STRICT -> "governmentId must be a valid CPF or CNPJ";
            }, rawGovernmentId);
        }
        String rawEmail = record.value(EMAIL);
        String email = null;
        if (rawEmail.isEmpty()) {
            row.reject("email", "MISSING_VALUE", "email is required", rawEmail);
        } else if ((email = DebtRules.normalizeEmail(rawEmail)) == null) {
            row.reject("email", "INVALID_EMAIL", "email must be an address such as name@example.com", rawEmail);
        }
        String rawAmount = record.value(AMOUNT);
        DebtRules.Amount amount = DebtRules.amount(rawAmount, "debtAmount", DebtRules.MAX_AMOUNT_CENTS);
        if (amount instanceof DebtRules.Refused refused) {
            row.reject("debtAmount", refused.reason(), refused.message(), rawAmount);
        }
        String rawDue = record.value(DUE_DATE);
        LocalDate due = null;
        if (rawDue.isEmpty()) {
            row.reject("debtDueDate", "MISSING_VALUE", "debtDueDate is required", rawDue);
        } else if ((due = DebtRules.isoDate(rawDue)) == null) {
            row.reject("debtDueDate", "INVALID_DATE", "debtDueDate must be a calendar date as yyyy-MM-dd", rawDue);
        } else if (!Boleto.expressible(due)) {
            row.reject("debtDueDate", "DUE_DATE_OUT_OF_RANGE", "debtDueDate must be between 2000-07-03 and 2049-10-13", rawDue);
            due = null;
        }
        if (debtId == null || nameProblem != null || governmentId == null || email == null
                || !(amount instanceof DebtRules.Cents cents) || due == null) {
            return;
        }
        long nossoNumero = nossoNumeros.next();
        String amountText = cents.text();
        String barcode = Boleto.barcode(settings.beneficiary(), nossoNumero, cents.cents(), due);
        row.set(0, debtId).set(1, name).set(2, governmentId).set(3, email).set(4, amountText).set(5, rawDue)
                .set(6, seen.add(debtId) ? "f" : "t")
                .set(7, ids.newId().toString()).set(8, Long.toString(nossoNumero)).set(9, barcode)
                .set(10, Boleto.digitableLine(barcode)).set(11, PixCode.payload(settings.beneficiary(), nossoNumero, amountText));
    }

    @Override
    public ApplyResult apply(ImportContext context) {
        String stage = context.stagingTable();
        Map<String, Object> params = Map.of("importId", context.importId(), "now", context.now().atOffset(java.time.ZoneOffset.UTC));
        // The debtIds that may occur more than once (the hint can only err towards "repeated"), with their first line.
        // Hash joins over the whole staging table stay in memory instead of spilling to disk.
        jdbc.sql("set local work_mem = '128MB'").update();
        long start = System.nanoTime();
        jdbc.sql("drop table if exists billing_apply_first").update();
        jdbc.sql("""
                create temp table billing_apply_first on commit drop as
                select s.debt_id, min(s.line_no) as first_line, count(*) as occurrences
                from %1$s s where s.debt_id in (select debt_id from %1$s where repeat_hint)
                group by s.debt_id
                """.formatted(stage)).update();
        // Estimates matter here: with a "first occurrence" filter written as a left join and an OR, PostgreSQL
        // expected a few thousand rows and probed the debt_id index a million times (15 s against 3 s by hash).
        jdbc.sql("analyze billing_apply_first").update();
        long laterRows = jdbc.sql("select coalesce(sum(occurrences - 1), 0) from billing_apply_first").query(Long.class).single();
        long t0 = System.nanoTime();
        boolean bulk = storedDebtsBelow(context.stagedRows());
        // Every first occurrence of a debtId against the stored debts in one join, before any index is dropped: new,
        // different from the stored debt (a conflict), or the same (a duplicate, the bulk of a re-upload, so those are
        // only counted, as first occurrences minus the other two). Imports of this kind run one at a time (the
        // platform's advisory lock), so nothing else inserts debts meanwhile and the insert needs no ON CONFLICT, whose
        // speculative insertion cost more than the rest of the debts insert; the unique debt_id index still stands behind it.
        jdbc.sql("drop table if exists billing_apply_line").update();
        jdbc.sql("""
                create temp table billing_apply_line on commit drop as
                select s.line_no, case when d.id is null then 'NEW' else 'CONFLICT' end as against_stored
                from %1$s s left join billing_debt d on d.debt_id = s.debt_id
                where not exists (select 1 from billing_apply_first f where f.debt_id = s.debt_id and f.first_line <> s.line_no)
                  and (d.id is null
                       or (s.name, s.government_id, s.email, s.amount, s.due_date) <> (d.name, d.government_id, d.email, d.amount, d.due_date))
                """.formatted(stage)).update();
        jdbc.sql("analyze billing_apply_line").update();
        Against against = jdbc.sql("""
                select count(*) filter (where against_stored = 'NEW') as news, count(*) filter (where against_stored = 'CONFLICT') as conflicts
                from billing_apply_line""").query(Against.class).single();
        String insert = """
                with new_debt as (
                    insert into billing_debt (debt_id, name, government_id, email, amount, due_date, import_id, import_line, created_at, updated_at)
                    select s.debt_id, s.name, s.government_id, s.email, s.amount, s.due_date, :importId, s.line_no, :now, :now
                    from %1$s s join billing_apply_line n on n.line_no = s.line_no and n.against_stored = 'NEW'
                    %2$s
                    returning id, import_line),
                new_invoice as (
                    insert into billing_invoice (id, debt_pk, nosso_numero, amount, due_date, barcode, digitable_line, pix_payload, status, issued_at)
                    select s.invoice_id, d.id, s.nosso_numero, s.amount, s.due_date, s.barcode, s.digitable_line, s.pix, 'OPEN', :now
                    from new_debt d join %1$s s on s.line_no = d.import_line
                    returning id)
                insert into billing_email (invoice_id, kind, status, next_attempt_at, import_id, created_at)
                select id, 'INVOICE', 'PENDING', :now, :importId, :now from new_invoice
                """.formatted(stage, bulk ? "" : "order by s.debt_id");
        java.util.function.Supplier<Integer> load = () -> jdbc.sql(insert).params(params).update();
        long inserted = against.news() == 0 ? 0 : bulk ? context.withIndexesRebuilt(BULK_TABLES, load) : load.get();
        long t1 = System.nanoTime();
        long duplicates = context.stagedRows() - laterRows - against.news() - against.conflicts();
        long rejected = 0;
        if (laterRows > 0) {
            // A later row of a debtId in the file: identical to the first valid occurrence is a duplicate, different is a conflict.
            duplicates += jdbc.sql("""
                    select count(*) from %1$s s join billing_apply_first f on f.debt_id = s.debt_id and s.line_no > f.first_line
                    join %1$s c on c.line_no = f.first_line
                    where (s.name, s.government_id, s.email, s.amount, s.due_date) = (c.name, c.government_id, c.email, c.amount, c.due_date)
                    """.formatted(stage)).query(Long.class).single();
            rejected += context.reportErrors("""
                    select s.line_no, 'debtId', 'CONFLICT_IN_FILE', 'conflicts with line ' || f.first_line, s.debt_id
                    from %1$s s join billing_apply_first f on f.debt_id = s.debt_id and s.line_no > f.first_line
                    join %1$s c on c.line_no = f.first_line
                    where (s.name, s.government_id, s.email, s.amount, s.due_date) <> (c.name, c.government_id, c.email, c.amount, c.due_date)
                    """.formatted(stage), Map.of());
        }
        if (against.conflicts() > 0) {
            rejected += context.reportErrors("""
                    select s.line_no, 'debtId', 'CONFLICTS_WITH_EXISTING_DEBT', 'conflicts with existing debt', s.debt_id
                    from %1$s s join billing_apply_line l on l.line_no = s.line_no and l.against_stored = 'CONFLICT'
                    """.formatted(stage), Map.of());
        }
        long t2 = System.nanoTime();
        log.info("Import {} apply: repeated debtIds {} ms, insert of {} debts + invoices + e-mail jobs {} ms{}, duplicates and conflicts {} ms",
                context.importId(), (t0 - start) / 1_000_000, inserted, (t1 - t0) / 1_000_000, bulk ? " (indexes rebuilt)" : "", (t2 - t1) / 1_000_000);
        return new ApplyResult(inserted, duplicates, rejected);
    }

    private boolean storedDebtsBelow(long rows) {
        return jdbc.sql("select count(*) from (select 1 from billing_debt limit :rows) d").param("rows", rows).query(Long.class).single() < rows;
    }

    /** First occurrences of the file's debtIds against the stored debts. */
    private record Against(long news, long conflicts) {
    }
}
