-- Supplier payments and early payment with a discount (spec anticipation.md, section 5). The spec's app_user is
-- platform_user; OPERATOR, ADMIN and SUPPLIER are rows of platform_user_role.

create table anticipation_supplier (
    id             bigint generated always as identity primary key,
    user_id        bigint       not null references platform_user (id),
    corporate_name varchar(128) not null,
    cnpj           char(14)     not null,
    created_at     timestamptz  not null,
    constraint anticipation_supplier_user_unique unique (user_id),
    constraint anticipation_supplier_cnpj_unique unique (cnpj),
    constraint anticipation_supplier_cnpj_form check (cnpj ~ '^[0-9A-Z]{12}[0-9]{2}$'),
    constraint anticipation_supplier_name_form check (length(btrim(corporate_name)) between 1 and 128)
);

-- anticipation_state copies the status of the latest request (NONE without one), so the five buckets are index
-- range scans; current_anticipation_id points at that request.
create table anticipation_payment (
    id                      bigint generated always as identity primary key,
    supplier_id             bigint        not null references anticipation_supplier (id),
    issue_date              date          not null,
    due_date                date          not null,
    value                   numeric(11,2) not null,
    created_at              timestamptz   not null,
    anticipation_state      varchar(8)    not null default 'NONE',
    current_anticipation_id bigint,
    constraint anticipation_payment_value_positive check (value > 0),
    constraint anticipation_payment_state_known check (anticipation_state in ('NONE', 'PENDING', 'APPROVED', 'DENIED')),
    constraint anticipation_payment_state_has_request check ((anticipation_state = 'NONE') = (current_anticipation_id is null))
);

create table anticipation_request (
    id                bigint generated always as identity primary key,
    payment_id        bigint        not null references anticipation_payment (id),
    supplier_id       bigint        not null references anticipation_supplier (id),
    status            varchar(8)    not null,
    original_value    numeric(11,2) not null,
    original_due_date date          not null,
    new_due_date      date          not null,
    new_value         numeric(11,2) not null,
    days_in_advance   integer       not null,
    monthly_rate      numeric(9,6)  not null,
    period_days       integer       not null,
    requested_by      bigint        not null references platform_user (id),
    requested_by_role varchar(8)    not null,
    requested_at      timestamptz   not null,
    decided_by        bigint references platform_user (id),
    decided_by_role   varchar(8),
    decided_at        timestamptz,
    updated_at        timestamptz   not null,
    constraint anticipation_request_status_known check (status in ('PENDING', 'APPROVED', 'DENIED')),
    constraint anticipation_request_new_value_positive check (new_value > 0),
    constraint anticipation_request_days_positive check (days_in_advance > 0),
    constraint anticipation_request_before_due check (new_due_date < original_due_date),
    constraint anticipation_request_roles_known check (requested_by_role in ('SUPPLIER', 'OPERATOR')
        and (decided_by_role is null or decided_by_role = 'OPERATOR')),
    constraint anticipation_request_decided check ((status = 'PENDING') = (decided_at is null))
);

-- One open (PENDING or APPROVED) request per payment: the last word when requests race.
create unique index anticipation_request_one_open_per_payment on anticipation_request (payment_id)
    where status in ('PENDING', 'APPROVED');

alter table anticipation_payment add constraint anticipation_payment_current_request_fk
    foreign key (current_anticipation_id) references anticipation_request (id);

-- One row per action (R, A, D), written in the transaction of the state change; never changed or deleted.
create table anticipation_request_log (
    id              bigint generated always as identity primary key,
    anticipation_id bigint        not null references anticipation_request (id),
    payment_id      bigint        not null references anticipation_payment (id),
    supplier_id     bigint        not null references anticipation_supplier (id),
    actor_user_id   bigint        not null references platform_user (id),
    actor_role      varchar(8)    not null,
    action          char(1)       not null,
    from_status     varchar(8),
    to_status       varchar(8)    not null,
    value_before    numeric(11,2) not null,
    value_after     numeric(11,2) not null,
    due_date_before date          not null,
    due_date_after  date          not null,
    occurred_at     timestamptz   not null,
    constraint anticipation_request_log_action_known check (action in ('R', 'A', 'D')),
    constraint anticipation_request_log_role_known check (actor_role in ('SUPPLIER', 'OPERATOR'))
);

create function anticipation_request_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'anticipation_request_log is append-only: % refused', tg_op;
end;
$$;

create trigger anticipation_request_log_append_only before update or delete on anticipation_request_log
    for each row execute function anticipation_request_log_append_only();

-- The e-mail of each action, written in the transaction of its log row: the hand-off to the platform's mail jobs.
create table anticipation_mail (
    id         bigint generated always as identity primary key,
    log_id     bigint       not null references anticipation_request_log (id),
    kind       varchar(9)   not null,
    recipient  varchar(254) not null,
    subject    varchar(200) not null,
    body_text  text         not null,
    body_html  text         not null,
    created_at timestamptz  not null,
    constraint anticipation_mail_one_per_action unique (log_id),
    constraint anticipation_mail_kind_known check (kind in ('REQUESTED', 'APPROVED', 'DENIED'))
);

create index anticipation_payment_supplier_created on anticipation_payment (supplier_id, created_at desc, id desc);
create index anticipation_payment_supplier_state_due on anticipation_payment (supplier_id, anticipation_state, due_date);
create index anticipation_payment_state_due on anticipation_payment (anticipation_state, due_date);
create index anticipation_payment_state_created on anticipation_payment (anticipation_state, created_at desc, id desc) include (due_date);
create index anticipation_payment_created on anticipation_payment (created_at desc, id desc);
create index anticipation_request_payment on anticipation_request (payment_id, requested_at desc, id desc);
create index anticipation_request_supplier on anticipation_request (supplier_id, requested_at desc, id desc);
create index anticipation_request_status_requested on anticipation_request (status, requested_at desc, id desc);
create index anticipation_request_requested on anticipation_request (requested_at desc, id desc);
create index anticipation_request_log_supplier on anticipation_request_log (supplier_id, occurred_at desc, id desc);
create index anticipation_request_log_occurred on anticipation_request_log (occurred_at desc, id desc);
create index anticipation_request_log_anticipation on anticipation_request_log (anticipation_id);
