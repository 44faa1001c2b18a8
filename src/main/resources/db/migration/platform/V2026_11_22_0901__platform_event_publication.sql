-- Spring Modulith 2.1's JDBC event publication registry (schema v2 for PostgreSQL, as shipped in
-- spring-modulith-events-jdbc: schemas/v2/schema-postgresql.sql). Created here, not by the registry's
-- schema initialization, so that Flyway owns every table.
create table event_publication (
    id                     uuid                     not null,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone,
    primary key (id)
);

create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
create index event_publication_by_status_idx on event_publication (status, publication_date) where completion_date is null;

-- Publications the resubmission job gave up on (out of attempts), recorded once so the log line and the
-- metric fire once per publication; the publication itself stays FAILED in event_publication.
create table platform_event_failure (
    publication_id uuid        not null primary key,
    listener_id    text        not null,
    event_type     text        not null,
    attempts       int         not null,
    given_up_at    timestamptz not null
);
