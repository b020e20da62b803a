-- The claim query orders due marks by (next_attempt_at, marked_at). With an index on
-- (dead, next_attempt_at) only, H2 read and sorted every due mark to return the first few: at
-- 100,000 pending marks (an initial sync) each claim took seconds and delivery crawled. With the
-- order in the index, a claim reads about as many index entries as it returns (plus those leased).
drop index ix_ic_outbox_due;
create index ix_ic_outbox_due on ic_outbox (dead, next_attempt_at, marked_at);
