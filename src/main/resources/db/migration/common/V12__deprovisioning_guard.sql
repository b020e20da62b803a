-- Mass-deprovisioning guard (issue 13, docs/safety-rails.md). Portable SQL (PostgreSQL, SQLite):
-- times are epoch milliseconds, flags 0/1.
--
-- guard_sent: removals sent to Identity Center (or to SSO Admin) in the sliding window, one row per
-- removal; the guard counts distinct subjects (a user, a group, an assignment) over the window.
-- Rows older than the window are purged as the guard counts.
create table guard_sent (
    removal_key  varchar(700) not null,
    subject      varchar(600) not null,
    sent_at      bigint       not null
);
create index ix_guard_sent_at on guard_sent (sent_at);

-- guard_held: removals the guard holds (not sent) since it tripped, until an operator releases
-- them (released = 1: the next delivery of the owner sends them) or the source is fixed (the
-- owner's next delivery no longer asks for them: the row is deleted). The guard is tripped while
-- a row with released = 0 exists, so a restart keeps it tripped with the same held set.
create table guard_held (
    removal_key    varchar(700)  not null,
    kind           varchar(32)   not null,
    owner_id       varchar(100)  not null,
    owner_type     varchar(16)   not null,
    subject        varchar(600)  not null,
    source         varchar(64),
    description    varchar(1000) not null,
    rule_name      varchar(256),
    correlation_id varchar(64),
    held_since     bigint        not null,
    released       integer       not null,
    constraint pk_guard_held primary key (removal_key)
);
create index ix_guard_held_owner on guard_held (owner_id);
