-- Financial entries (consultation-finance.md section 5): one per appointment, whoever sends it and however often.
create table finance_record (
    id             uuid          primary key,
    appointment_id uuid          not null,
    total_price    numeric(11,2) not null,
    created_at     timestamptz   not null default now(),
    constraint finance_record_one_per_appointment unique (appointment_id),
    constraint finance_record_price_not_negative check (total_price >= 0)
);

create index finance_record_created on finance_record (created_at);
