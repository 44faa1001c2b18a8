-- Field-ops (spec fieldops.md section 5): dimensions, visits, and the aggregates every visit write maintains in its
-- own transaction. Imports use the platform's tables (platform_import, platform_import_error) and staging tables.
create table fieldops_angel (
    id         bigint       generated always as identity primary key,
    name       varchar(255) not null,
    name_key   varchar(255) not null,
    created_at timestamptz  not null,
    constraint fieldops_angel_name_key unique (name_key)
);

create table fieldops_polo (
    id         bigint       generated always as identity primary key,
    name       varchar(255) not null,
    name_key   varchar(255) not null,
    uf         varchar(2),
    city       varchar(255),
    created_at timestamptz  not null,
    constraint fieldops_polo_name_key unique (name_key)
);

create table fieldops_client (
    id         bigint      primary key,
    created_at timestamptz not null,
    constraint fieldops_client_positive check (id > 0)
);

-- API creates without an id take the next value, above the ids of the historical file.
create sequence fieldops_visit_id_seq start with 10000000;

-- No foreign keys to the dimensions: the import's apply step and the API writes create them first (spec hint).
create table fieldops_visit (
    id         bigint      primary key,
    client_id  bigint      not null,
    angel_id   bigint      not null,
    polo_id    bigint      not null,
    deadline   date        not null,
    visit_date date,
    visited_at timestamptz,
    source     varchar(8)  not null,
    import_id  uuid,
    version    int         not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint fieldops_visit_positive check (id > 0),
    constraint fieldops_visit_source check (source in ('IMPORT', 'API')),
    constraint fieldops_visit_time_has_date check (visited_at is null or visit_date is not null)
);

create index fieldops_visit_angel_deadline on fieldops_visit (angel_id, deadline);
create index fieldops_visit_polo_deadline on fieldops_visit (polo_id, deadline);
create index fieldops_visit_deadline on fieldops_visit (deadline, id);
create index fieldops_visit_visit_date on fieldops_visit (visit_date, id);
create index fieldops_visit_client on fieldops_visit (client_id);
create index fieldops_visit_unvisited on fieldops_visit (deadline) where visit_date is null;

-- One cell per (angel, polo, deadline): every visit adds 1 to exactly one of on_time / late / unvisited.
create table fieldops_sla_day (
    angel_id  bigint not null,
    polo_id   bigint not null,
    deadline  date   not null,
    on_time   int    not null default 0,
    late      int    not null default 0,
    unvisited int    not null default 0,
    constraint fieldops_sla_day_pk primary key (angel_id, polo_id, deadline)
);
create index fieldops_sla_day_deadline on fieldops_sla_day (deadline);
create index fieldops_sla_day_unvisited on fieldops_sla_day (deadline) where unvisited > 0;

create table fieldops_sla_total (
    angel_id  bigint not null,
    polo_id   bigint not null,
    on_time   bigint not null default 0,
    late      bigint not null default 0,
    unvisited bigint not null default 0,
    constraint fieldops_sla_total_pk primary key (angel_id, polo_id)
);

-- One cell per (angel, polo, visit date) of visited rows.
create table fieldops_visit_day (
    angel_id   bigint not null,
    polo_id    bigint not null,
    visit_date date   not null,
    visits     int    not null default 0,
    constraint fieldops_visit_day_pk primary key (angel_id, polo_id, visit_date)
);
create index fieldops_visit_day_date on fieldops_visit_day (visit_date);
