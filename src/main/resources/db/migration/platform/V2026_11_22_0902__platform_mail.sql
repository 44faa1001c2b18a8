-- Outgoing e-mail: one row per message, written in the caller's transaction and sent after commit by the
-- dispatcher. The business key makes "at most one message per key" structural.
create table platform_mail (
    id              uuid          not null primary key,
    business_key    varchar(200)  not null,
    recipients      text[]        not null,
    subject         varchar(998)  not null,
    template        varchar(200),
    model           jsonb,
    body_text       text,
    body_html       text,
    message_id      varchar(300)  not null,
    status          varchar(10)   not null,
    attempts        int           not null default 0,
    next_attempt_at timestamptz   not null,
    lease_until     timestamptz,
    lease_token     uuid,
    claimed_by      varchar(200),
    last_error      text,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    sent_at         timestamptz,
    constraint platform_mail_business_key_unique unique (business_key),
    constraint platform_mail_status_known check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'UNKNOWN')),
    constraint platform_mail_has_content check (template is not null or body_text is not null),
    constraint platform_mail_has_recipient check (cardinality(recipients) > 0)
);

create index platform_mail_due on platform_mail (next_attempt_at) where status = 'PENDING';
create index platform_mail_leased on platform_mail (lease_until) where status = 'SENDING';
create index platform_mail_by_status on platform_mail (status, created_at desc, id desc);
create index platform_mail_by_created on platform_mail (created_at desc, id desc);
