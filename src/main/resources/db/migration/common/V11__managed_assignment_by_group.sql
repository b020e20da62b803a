-- Session revocation on removal from a group (issue 12, revokeOnGroupRemoval): when delivery
-- removes members from a group, the bridge looks up the assignments it manages for that group,
-- and for the member's other groups, by the group's Identity Center id alone (the instance is not
-- known at that point). The existing index leads with instance_arn, so it cannot serve that.
-- Portable SQL (PostgreSQL, SQLite).
create index ix_managed_assignment_principal_id on managed_assignment (principal_id);
