-- Audit log of SCIM writes and correlation ids (docs/operations.md "Audit log").

-- The correlation id (X-Request-Id) of the latest change that marked a resource dirty: delivery
-- logs it and sends it to Identity Center, so one id leads from the IdP's request to the call
-- that delivered it. Null when the mark came from the bridge itself (rules reload, drift repair).
alter table ic_outbox add column correlation_id varchar(64);

-- One row per SCIM write (create, replace, patch, delete), accepted or refused after
-- authentication. Never a request body, a value of a PATCH, a password or a token: only what
-- names the resource, the operations' op and path, and the outcome. No foreign key: the entry
-- outlives the resource it names. Purged after bridge.audit.retention.
create table audit_entry (
    id             integer primary key autoincrement,
    at             timestamp not null,
    source         varchar(64)   not null,
    operation      varchar(8)    not null,
    resource_type  varchar(8)    not null,
    resource_id    varchar(64),
    name           varchar(256),
    external_id    varchar(256),
    status         integer       not null,
    scim_type      varchar(32),
    correlation_id varchar(64),
    patch_ops      varchar(4000)
);
create index ix_audit_at on audit_entry (at);
create index ix_audit_source on audit_entry (source, id);
create index ix_audit_resource on audit_entry (resource_id, id);
