-- Session revocation on removal from a group (issue 12, revokeOnGroupRemoval in the rules file):
-- a user who left a group whose assignments' rule asks for it is denied in the inline policy of
-- each permission set those assignments granted (and that no other group of the user still
-- grants), for the same hold as a leaver. One row per (user, permission set); removed when the
-- user gets the set again through a group, or after expires_at once the Deny is gone from AWS.
-- Portable SQL (H2, PostgreSQL, SQLite): times are epoch milliseconds.
create table session_revocation_scope (
    ic_user_id         varchar(64)  not null,
    permission_set_arn varchar(512) not null,
    group_id           varchar(64)  not null,
    source             varchar(64)  not null,
    requested_at       bigint       not null,
    revoked_at         bigint       not null,
    expires_at         bigint       not null,
    in_force_at        bigint,
    constraint pk_session_revocation_scope primary key (ic_user_id, permission_set_arn)
);
create index ix_session_revocation_scope_expires on session_revocation_scope (expires_at);
