-- 2: what real sites need (issue 8). Canonical URLs keep the URL as linked beside them; a
-- document's type records what decided it; a column records the item count its site states and
-- the directory path above it; a run counts the date strings no parser could read.
alter table documents add column if not exists doc_type_source varchar;
alter table documents add column if not exists linked_url varchar;
alter table document_links add column if not exists linked_url varchar;
alter table listings add column if not exists linked_url varchar;
alter table columns add column if not exists stated_count integer;
alter table columns add column if not exists department varchar;
alter table runs add column if not exists unreadable_dates integer;
