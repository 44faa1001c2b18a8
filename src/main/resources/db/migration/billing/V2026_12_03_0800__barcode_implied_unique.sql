-- The barcode holds the whole 11-digit nosso número (positions 26-36) next to fixed beneficiary fields, so the unique
-- nosso número already makes it unique; a second unique index on a 44-character key costs every import a random
-- insertion per invoice and no query looks invoices up by barcode.
alter table billing_invoice drop constraint billing_invoice_barcode_unique;
