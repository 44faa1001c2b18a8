-- Accounts of people and systems that call Quitto. A login is a username (no '@') or an e-mail, both
-- stored lower-case; roles are rows so a user may hold several (the demo admin is CLINIC + FINANCE + OPERATOR).
create table platform_user (
    id            bigint generated always as identity primary key,
    username      varchar(150),
    email         varchar(254),
    first_name    varchar(150) not null default '',
    password_hash varchar(255) not null,
    active        boolean      not null default true,
    created_at    timestamptz  not null,
    constraint platform_user_username_unique unique (username),
    constraint platform_user_email_unique unique (email),
    constraint platform_user_has_login check (username is not null or email is not null),
    constraint platform_user_username_form check (username = lower(username) and position('@' in username) = 0),
    constraint platform_user_email_form check (email = lower(email) and position('@' in email) > 1)
);

create table platform_user_role (
    user_id bigint      not null references platform_user (id),
    role    varchar(16) not null,
    constraint platform_user_role_pk primary key (user_id, role),
    constraint platform_user_role_known check (role in ('ADMIN', 'OPERATOR', 'SUPPLIER', 'AUDITOR', 'ERP', 'CLINIC', 'FINANCE'))
);
