-- Delivery to Identity Center (see architecture.md: dirty marks + shadow).

-- A dirty mark per resource: "Identity Center may differ from the source state". Written in the
-- same transaction as the SCIM change; cleared only after delivery, and only if no newer change
-- came in meanwhile (generation). No foreign key: a deleted resource keeps its mark until
-- Identity Center has deleted it too.
create table ic_outbox (
    resource_id     varchar(36)  not null,
    resource_type   varchar(8)   not null,
    source          varchar(64)  not null,
    generation      bigint       not null,
    marked_at       timestamp not null,
    attempts        integer      not null,
    next_attempt_at timestamp not null,
    lease_owner     varchar(64),
    lease_until     timestamp,
    dead            boolean      not null,
    last_error      varchar(2000),
    constraint pk_ic_outbox primary key (resource_id)
);
create index ix_ic_outbox_due on ic_outbox (dead, next_attempt_at);

-- The shadow: what we last know Identity Center holds for a resource.
create table ic_shadow (
    resource_id   varchar(36)  not null,
    resource_type varchar(8)   not null,
    source        varchar(64)  not null,
    ic_id         varchar(128) not null,
    state         text         not null,
    updated_at    timestamp not null,
    constraint pk_ic_shadow primary key (resource_id),
    constraint uq_ic_shadow_ic_id unique (resource_type, ic_id)
);

-- Memberships as Identity Center holds them, by bridge ids.
create table ic_shadow_member (
    group_id  varchar(36) not null,
    member_id varchar(36) not null,
    constraint pk_ic_shadow_member primary key (group_id, member_id)
);
create index ix_ic_shadow_member_member on ic_shadow_member (member_id);

-- Dry-run: every call the bridge would have made, newest last.
create table ic_dry_run_call (
    seq         integer primary key autoincrement,
    at          timestamp not null,
    method      varchar(8)    not null,
    path        varchar(512)  not null,
    body        text,
    resource_id varchar(36)
);
