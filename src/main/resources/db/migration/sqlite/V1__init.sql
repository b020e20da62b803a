-- Source state: what the IdP told us, one row per SCIM resource (users and groups).
-- SQLite: the same schema as ../postgresql, in the types SQLite knows. A timestamp holds epoch
-- milliseconds (the driver's default date_class), which compares and sorts as time does.
create table scim_resource (
    pk              integer primary key autoincrement,
    id              varchar(36)   not null,
    source          varchar(64)   not null,
    resource_type   varchar(8)    not null,
    -- userName of a user, displayName of a group, lower-cased: unique per source in any case
    name_key        varchar(2048) not null,
    name_value      varchar(2048) not null,
    external_id     varchar(2048),
    active          boolean,
    document        text          not null,
    version         bigint        not null,
    created         timestamp not null,
    last_modified   timestamp not null,
    constraint uq_resource_id unique (id),
    constraint uq_resource_name unique (source, resource_type, name_key)
);
create index ix_resource_list on scim_resource (source, resource_type, pk);
create index ix_resource_external on scim_resource (source, resource_type, external_id);

-- Every attribute value of a resource that a filter or sortBy may name, one row per value.
-- elem numbers the element of a multi-valued complex attribute, so that a value path
-- (emails[type eq "work" and primary eq true]) can require both conditions on one element.
create table scim_attribute (
    resource_pk bigint        not null,
    path        varchar(200)  not null,
    elem        integer       not null,
    str_exact   varchar(2048),
    str_ci      varchar(2048),
    num         decimal(38, 10),
    bool        boolean,
    ts          timestamp,
    constraint pk_attribute primary key (resource_pk, path, elem),
    constraint fk_attribute_resource foreign key (resource_pk) references scim_resource (pk) on delete cascade
);
create index ix_attribute_ci on scim_attribute (path, str_ci);

-- Group memberships: a table of their own so that a 10,000-member group is never loaded
-- to change or list it.
create table scim_membership (
    group_pk  bigint not null,
    member_pk bigint not null,
    constraint pk_membership primary key (group_pk, member_pk),
    constraint fk_membership_group foreign key (group_pk) references scim_resource (pk) on delete cascade,
    constraint fk_membership_member foreign key (member_pk) references scim_resource (pk) on delete cascade
);
create index ix_membership_member on scim_membership (member_pk);
