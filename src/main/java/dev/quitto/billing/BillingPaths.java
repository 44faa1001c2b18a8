package dev.quitto.billing;

/** The module's paths: the canonical API under {@code /api/v1/billing} and the seed's two. */
final class BillingPaths {

    static final String BASE = "/api/v1/billing";
    static final String IMPORTS = BASE + "/imports";
    static final String DEBTS = BASE + "/debts";
    static final String INVOICES = BASE + "/invoices";
    static final String PAYMENTS = BASE + "/payments";
    static final String SEED_UPLOAD = "/billing";
    static final String SEED_PAYMENT = "/payment";

    private BillingPaths() {
    }
}
