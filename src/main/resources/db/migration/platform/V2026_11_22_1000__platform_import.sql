-- CSV imports (platform.md section 8): one row per uploaded file, worked by one instance at a time under a lease.
-- Staging tables (platform_import_stage_<id>) are UNLOGGED, one per import, created and dropped by the worker.
create table platform_import (
    id              uuid         primary key,
    queue_no        bigint       generated always as identity,
    kind            varchar(64)  not null,
    status          varchar(16)  not null,
    file_name       varchar(255) not null,
    size_bytes      bigint       not null,
    sha256          char(64)     not null,
    spool_path      text         not null,
    delimiter       char(1)      not null,
    charset         varchar(32)  not null,
    options         jsonb        not null default '{}',
    uploaded_by     varchar(254),
    created_at      timestamptz  not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    bytes_read      bigint       not null default 0,
    rows_read       bigint       not null default 0,
    accepted        bigint       not null default 0,
    duplicates      bigint       not null default 0,
    rejected        bigint       not null default 0,
    extra_counts    jsonb        not null default '{}',
    error_entries   bigint       not null default 0,
    ignored_columns text[]       not null default '{}',
    attempts        int          not null default 0,
    lease_owner     varchar(128),
    lease_until     timestamptz,
    failure_reason  text,
    constraint platform_import_status_known check (status in ('QUEUED', 'PARSING', 'APPLYING', 'COMPLETED', 'FAILED')),
    constraint platform_import_queue_no_unique unique (queue_no)
);

create index platform_import_kind_status on platform_import (kind, status, queue_no);
create index platform_import_created on platform_import (created_at desc, id desc);
create index platform_import_sha256 on platform_import (sha256);

-- The error report: one entry per failing field (or per unreadable record). seq orders the entries of one import.
create table platform_import_error (
    import_id   uuid         not null references platform_import (id) on delete cascade,
    line_no     bigint       not null,
    seq         bigint       not null,
    column_name varchar(255),
    reason      varchar(64)  not null,
    message     text         not null,
    value       varchar(200),
    constraint platform_import_error_pk primary key (import_id, line_no, seq)
);
