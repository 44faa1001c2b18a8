-- Failed logins (token endpoint and HTTP Basic), one row each, kept for the rate-limit window so every
-- instance counts the same failures per login and per client address. Rows older than the window are ignored
-- and deleted as new failures arrive.
create table platform_login_failure (
    id        bigint generated always as identity primary key,
    login     varchar(254) not null,
    address   varchar(64)  not null,
    failed_at timestamptz  not null
);

create index platform_login_failure_by_login on platform_login_failure (login, failed_at desc);
create index platform_login_failure_by_address on platform_login_failure (address, failed_at desc);
create index platform_login_failure_by_time on platform_login_failure (failed_at);
