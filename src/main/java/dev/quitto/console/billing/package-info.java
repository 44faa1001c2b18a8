/** Billing for operators and auditors: debt-file uploads with live progress, debts with their invoices and PDFs, payments. */
@NullMarked
package dev.quitto.console.billing;

import org.jspecify.annotations.NullMarked;
