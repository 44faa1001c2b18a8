-- The Idempotency-Key of every POST that carried one, per caller (scope). The first request claims its key
-- (IN_PROGRESS, leased until locked_until) in a short transaction of its own, then runs; its response is stored
-- (COMPLETED) and replayed to repeats until expires_at. A request that fails (5xx) deletes its row so the client
-- can retry. An expired row counts as absent and is taken over; a claim whose lease ran out (its instance died)
-- can be taken over by the same request. claim_token tells a claim's owner from a later taker.
create table platform_idempotency (
    scope            text         not null,
    idem_key         varchar(255) not null,
    request_sha256   char(64)     not null,
    state            varchar(11)  not null,
    claim_token      uuid         not null,
    locked_until     timestamptz,
    response_status  smallint,
    response_headers jsonb,
    response_body    bytea,
    created_at       timestamptz  not null,
    expires_at       timestamptz  not null,
    constraint platform_idempotency_pk primary key (scope, idem_key),
    constraint platform_idempotency_state check (state in ('IN_PROGRESS', 'COMPLETED')),
    constraint platform_idempotency_in_progress_leased check (state <> 'IN_PROGRESS' or locked_until is not null),
    constraint platform_idempotency_completed_has_response
        check (state <> 'COMPLETED' or (response_status is not null and response_headers is not null and response_body is not null))
);

create index platform_idempotency_expires_at on platform_idempotency (expires_at);
