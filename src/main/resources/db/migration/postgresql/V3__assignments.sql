-- Account assignments the bridge created ("managed"): the only ones it deletes when no rule wants
-- them any more (unless the rules say assignments.manage: all). Written before
-- CreateAccountAssignment is sent (write-ahead: a crash between the call and the record cannot
-- leave an assignment the bridge created but does not know about), removed after a FAILED
-- creation or a SUCCEEDED deletion, and forgotten when neither AWS nor the rules have it any more.
create table managed_assignment (
    instance_arn       varchar(512) not null,
    permission_set_arn varchar(512) not null,
    account_id         varchar(12)  not null,
    principal_type     varchar(5)   not null,
    principal_id       varchar(47)  not null,
    rule_name          varchar(64)  not null,
    created_at         timestamp(3) with time zone not null,
    constraint pk_managed_assignment
        primary key (instance_arn, permission_set_arn, account_id, principal_type, principal_id)
);
create index ix_managed_assignment_principal on managed_assignment (instance_arn, principal_id);
