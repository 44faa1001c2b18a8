-- Consultations (consultation-finance.md section 5). A consultation is OPEN while end_date is null; finishing sets
-- end_date, the rate used and the price in one conditional update. The charge to finance is a platform delivery
-- (destination 'finance', business key = consultation id), never a table of this module.
create table consultation (
    id             uuid          primary key,
    physician_id   uuid          not null,
    patient_id     uuid          not null,
    start_date     timestamptz   not null,
    end_date       timestamptz,
    price          numeric(11,2),
    price_per_hour numeric(11,2),
    billed_hours   numeric(9,2),
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    constraint consultation_end_after_start check (end_date is null or end_date >= start_date),
    constraint consultation_priced_when_finished check ((end_date is null) = (price is null)
                                                        and (end_date is null) = (price_per_hour is null)
                                                        and (end_date is null) = (billed_hours is null)),
    constraint consultation_price_not_negative check (price is null or price >= 0)
);

-- One open consultation per patient: concurrent starts for one patient give one row, the others a conflict.
create unique index consultation_one_open_per_patient on consultation (patient_id) where end_date is null;
create index consultation_patient_start on consultation (patient_id, start_date desc);
create index consultation_physician_start on consultation (physician_id, start_date desc);
create index consultation_start on consultation (start_date desc);
