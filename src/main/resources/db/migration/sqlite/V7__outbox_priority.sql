-- Changes that take access away (deactivation, deletion, removal from a group) are delivered
-- before the rest: a leaver must lose access in seconds even while an initial sync or a rules
-- reload has thousands of marks waiting. 0 = revokes access, 1 = everything else.
alter table ic_outbox add column priority smallint default 1 not null;
drop index ix_ic_outbox_due;
create index ix_ic_outbox_due on ic_outbox (dead, priority, next_attempt_at, marked_at);
