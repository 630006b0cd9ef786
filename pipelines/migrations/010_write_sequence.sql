-- 10: what changed since the last scoring (issue 27). Every row of `documents` and `listings`
-- carries the number of the write that last stored its content (`stored_seq`, from the
-- sequence `store_writes`): an insert or an upsert gives it the next number, so does a shard's
-- merge and a removal; bookkeeping (a document's `last_seen_at`) does not. The numbers are this
-- file's own: a row copied to or from a worker's shard is numbered again. Internal: a scoring
-- reads what changed since it last looked (analysis/kept.py), not analysts.
create sequence if not exists store_writes;
alter table documents add column if not exists stored_seq bigint default nextval('store_writes');
alter table listings add column if not exists stored_seq bigint default nextval('store_writes');

