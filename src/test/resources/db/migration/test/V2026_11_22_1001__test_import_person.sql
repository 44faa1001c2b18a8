-- Test only: the table the test import kinds apply into, keyed by the natural key of the file.
create table test_import_person (
    id         varchar(64)    primary key,
    name       varchar(200)   not null,
    email      varchar(254)   not null,
    amount     numeric(12, 2) not null,
    import_id  uuid           not null
);
