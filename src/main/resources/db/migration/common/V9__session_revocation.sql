-- Session revocation (issue 12): the Identity Center users whose live AWS role sessions are denied
-- (an explicit Deny keyed on identitystore:userId, in bridge-owned SCPs or in permission sets'
-- inline policies). A row is written when delivery learns the user was deactivated or deleted in
-- Identity Center, before it sends that change; it is removed when the user is re-activated, or
-- after expires_at (revoked_at + the hold: the longest session duration of the permission sets
-- plus a margin), once the Deny is gone from AWS. What AWS holds is read back on every run, so
-- the store and AWS are reconciled from each other after a restart.
-- Portable SQL (H2, PostgreSQL, SQLite): times are epoch milliseconds.
create table session_revocation (
    ic_user_id   varchar(64)  not null,
    resource_id  varchar(64)  not null,
    source       varchar(64)  not null,
    reason       varchar(16)  not null,
    requested_at bigint       not null,
    revoked_at   bigint       not null,
    expires_at   bigint       not null,
    in_force_at  bigint,
    placement    varchar(256),
    constraint pk_session_revocation primary key (ic_user_id)
);
create index ix_session_revocation_expires on session_revocation (expires_at);
