-- Outbound deliveries (platform.md section 6): one row per call Quitto must make to another system, written in the
-- same transaction as the business change. Workers claim due rows with FOR UPDATE SKIP LOCKED and a lease
-- (lease_owner, lease_token, lease_until); an outcome is written only while the row still carries the claim's token.
-- "In flight" is not a status: a PENDING row is in flight while its lease is live. Rows are never deleted.
create table platform_delivery (
    id               uuid          primary key,
    destination      varchar(64)   not null,
    business_key     varchar(200)  not null,
    method           varchar(8)    not null,
    target           varchar(2000) not null,
    headers          jsonb         not null default '{}',
    payload          jsonb,
    status           varchar(16)   not null,
    attempts         integer       not null default 0,
    cycle_attempts   integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    give_up_at       timestamptz   not null,
    lease_owner      varchar(200),
    lease_token      uuid,
    lease_until      timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       varchar(1000),
    dead_reason      varchar(40),
    delivered_at     timestamptz,
    result_ref       varchar(200),
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    constraint platform_delivery_one_per_business_key unique (destination, business_key),
    constraint platform_delivery_status_known check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    constraint platform_delivery_method_known check (method in ('POST', 'PUT', 'PATCH', 'DELETE')),
    constraint platform_delivery_dead_has_reason check ((status = 'DEAD') = (dead_reason is not null)),
    constraint platform_delivery_delivered_has_time check ((status = 'DELIVERED') = (delivered_at is not null)),
    constraint platform_delivery_lease_whole check ((lease_token is null) = (lease_until is null)
                                                    and (lease_token is null) = (lease_owner is null)),
    constraint platform_delivery_only_pending_leased check (status = 'PENDING' or lease_token is null),
    constraint platform_delivery_attempts_counted check (attempts >= 0 and cycle_attempts between 0 and attempts)
) with (fillfactor = 80);

-- Claims read the due rows of one destination in next_attempt_at order; pending and oldest-age gauges read it too.
create index platform_delivery_due on platform_delivery (destination, next_attempt_at) where status = 'PENDING';
create index platform_delivery_dead on platform_delivery (created_at) where status = 'DEAD';

-- One row per attempt, kept quitto.delivery.attempt-retention (30 days by default).
create table platform_delivery_attempt (
    delivery_id  uuid          not null references platform_delivery (id),
    attempt      integer       not null,
    at           timestamptz   not null,
    status_code  integer,
    latency_ms   integer,
    outcome      varchar(16)   not null,
    error        varchar(1000),
    body_excerpt text,
    constraint platform_delivery_attempt_pk primary key (delivery_id, attempt),
    constraint platform_delivery_attempt_outcome_known check (outcome in ('SUCCESS', 'RETRYABLE', 'PERMANENT', 'INTERRUPTED'))
);

-- A delivery succeeds at most once, whatever happens to leases.
create unique index platform_delivery_attempt_one_success on platform_delivery_attempt (delivery_id) where outcome = 'SUCCESS';
create index platform_delivery_attempt_at on platform_delivery_attempt (at);
