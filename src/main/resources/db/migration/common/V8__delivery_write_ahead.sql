-- Delivery is crash-consistent (issue 11 item 4): the shadow is written *before* a call to
-- Identity Center, so a kill between Identity Center's answer and the bridge's record can never
-- leave the shadow knowing less than Identity Center holds.

-- A membership whose PATCH (add or remove) was sent, or is about to be, but not yet answered:
-- Identity Center may or may not hold it. The next diff sends it again according to the desired
-- state (adding a member or removing a non-member is harmless there).
alter table ic_shadow_member add column in_flight boolean default false not null;

-- A create sent, or about to be, whose Identity Center id is not recorded yet, keyed by the
-- unique name it was created under (userName / displayName): after a crash the next delivery
-- looks the resource up by that name and adopts it (or deletes it, when the IdP deleted it
-- meanwhile) instead of concluding Identity Center holds nothing.
create table ic_pending_create (
    resource_id   varchar(36)  not null,
    resource_type varchar(8)   not null,
    unique_name   varchar(256) not null,
    since_millis  bigint       not null,
    constraint pk_ic_pending_create primary key (resource_id)
);
