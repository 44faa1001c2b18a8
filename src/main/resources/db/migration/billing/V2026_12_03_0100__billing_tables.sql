-- Billing (billing.md section 5): debts imported from CSV, their invoices (boleto + PIX), payments from the bank's
-- webhook and the e-mails of each invoice. Money is numeric, timestamps timestamptz.

-- Nosso número: each instance takes a block of 10,000 numbers with one nextval and hands them out from memory.
create sequence billing_nosso_numero_seq start with 1 increment by 10000;

create table billing_debt (
    id            bigint        generated always as identity primary key,
    debt_id       varchar(64)   not null,
    name          varchar(200)  not null,
    government_id varchar(14)   not null,
    email         varchar(254)  not null,
    amount        numeric(10,2) not null,
    due_date      date          not null,
    status        varchar(16)   not null default 'OPEN',
    paid_total    numeric(15,2) not null default 0,
    excess        numeric(15,2) not null default 0,
    import_id     uuid,
    import_line   bigint,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    version       bigint        not null default 0,
    constraint billing_debt_debt_id_unique unique (debt_id),
    constraint billing_debt_amount_positive check (amount > 0),
    constraint billing_debt_status_known check (status in ('OPEN', 'PARTIALLY_PAID', 'PAID'))
);
create index billing_debt_status_due on billing_debt (status, due_date);
create index billing_debt_import on billing_debt (import_id);
create index billing_debt_government_id on billing_debt (government_id);

-- No foreign keys on the bulk paths: a row-level FK check per inserted row costs more than the import's whole COPY;
-- invoices, payments and e-mail jobs are only ever written by this module next to the row they point to.
create table billing_invoice (
    id             uuid          primary key,
    debt_pk        bigint        not null,
    nosso_numero   bigint        not null,
    amount         numeric(15,2) not null,
    due_date       date          not null,
    barcode        char(44)      not null,
    digitable_line char(47)      not null,
    pix_payload    text          not null,
    status         varchar(16)   not null,
    issued_at      timestamptz   not null,
    superseded_by  uuid,
    constraint billing_invoice_nosso_numero_unique unique (nosso_numero),
    constraint billing_invoice_barcode_unique unique (barcode),
    constraint billing_invoice_status_known check (status in ('OPEN', 'SUPERSEDED', 'PAID'))
);
create unique index billing_invoice_one_open on billing_invoice (debt_pk) where status = 'OPEN';
create index billing_invoice_debt on billing_invoice (debt_pk);

create table billing_payment (
    id              uuid          primary key,
    idempotency_key varchar(255)  not null,
    key_source      varchar(8)    not null,
    payload_sha256  char(64)      not null,
    debt_id_raw     varchar(64)   not null,
    debt_pk         bigint,
    paid_at         timestamptz   not null,
    paid_at_raw     varchar(64)   not null,
    paid_amount     numeric(14,2) not null,
    applied_amount  numeric(14,2) not null default 0,
    excess_amount   numeric(14,2) not null default 0,
    paid_by         varchar(200)  not null,
    status          varchar(10)   not null,
    received_at     timestamptz   not null,
    applied_at      timestamptz,
    raw_body        jsonb         not null,
    constraint billing_payment_key_unique unique (idempotency_key),
    constraint billing_payment_key_source_known check (key_source in ('HEADER', 'PAYLOAD')),
    constraint billing_payment_status_known check (status in ('APPLIED', 'UNMATCHED'))
);
create index billing_payment_debt on billing_payment (debt_pk);
create index billing_payment_debt_id_raw on billing_payment (debt_id_raw);
create index billing_payment_unmatched on billing_payment (received_at) where status = 'UNMATCHED';

-- One e-mail per invoice and kind, ever: PENDING until handed to the platform mail sender (HANDED, under the business
-- key billing:<invoice id>:<kind>), or SKIPPED when its invoice is no longer OPEN at hand-over time.
create table billing_email (
    id              bigint       generated always as identity primary key,
    invoice_id      uuid         not null,
    kind            varchar(16)  not null,
    status          varchar(10)  not null,
    next_attempt_at timestamptz  not null,
    import_id       uuid,
    created_at      timestamptz  not null,
    handed_at       timestamptz,
    constraint billing_email_once unique (invoice_id, kind),
    constraint billing_email_status_known check (status in ('PENDING', 'HANDED', 'SKIPPED'))
);
create index billing_email_pending on billing_email (next_attempt_at) where status = 'PENDING';

-- Idempotency-Key of uploads (billing.md 4.3): the same caller and key with the same content answers with the first import.
create table billing_upload_key (
    caller     varchar(254) not null,
    key        varchar(255) not null,
    sha256     char(64)     not null,
    import_id  uuid         not null,
    created_at timestamptz  not null,
    constraint billing_upload_key_pk primary key (caller, key)
);
