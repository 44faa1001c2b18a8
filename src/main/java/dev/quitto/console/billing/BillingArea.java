package dev.quitto.console.billing;

import dev.quitto.console.ConsoleArea;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Billing's pages: debt-file imports (operators upload, auditors follow), debts with their invoices, and bank payments.
 * The links are visible to both roles; the upload form and its POST are for operators only (billing.md 3).
 */
@Component
class BillingArea implements ConsoleArea {

    static final String BASE = "/console/operator/billing";
    static final String IMPORTS = BASE + "/imports";
    static final String DEBTS = BASE + "/debts";
    static final String INVOICES = BASE + "/invoices";
    static final String PAYMENTS = BASE + "/payments";

    @Override
    public List<Link> links() {
        Set<Role> readers = Set.of(Role.OPERATOR, Role.AUDITOR);
        return List.of(new Link("Debt imports", IMPORTS, readers), new Link("Debts", DEBTS, readers), new Link("Debt payments", PAYMENTS, readers));
    }

    @Override
    public int order() {
        return 25;
    }
}
