-- Retiring IAM users (docs/retire-iam-users.md).
-- Portable SQL (PostgreSQL, SQLite): times are epoch milliseconds, flags 0/1.

-- Stage 1 of an IAM user's retirement: when the bridge disabled it, which access keys it made
-- Inactive (what `iam-users restore` makes Active again) and whether it deleted a console password
-- (which cannot be restored: IAM never tells a password). Stage 2 (delete) is allowed only
-- quiet_period after disabled_at with no use since; deleted_at is set once DeleteUser succeeded.
-- The row is removed when the user is restored.
create table iam_user_retirement (
    account_id     varchar(12)  not null,
    user_name      varchar(64)  not null,
    disabled_at    bigint       not null,
    disabled_keys  varchar(256) not null,
    had_password   integer      not null,
    deleted_at     bigint,
    constraint pk_iam_user_retirement primary key (account_id, user_name)
);

-- People the IdP deleted: gone from the store, but their IAM users are the most urgent to find
-- (class person-left). One row per deleted user, written in the deleting transaction; a person
-- who comes back (same userName) is found in the store first.
create table departed_person (
    resource_id  varchar(36)  not null,
    user_name    varchar(256) not null,
    email        varchar(256),
    departed_at  bigint       not null,
    constraint pk_departed_person primary key (resource_id)
);
