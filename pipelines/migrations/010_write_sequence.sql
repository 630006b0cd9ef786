-- 10: what changed since the last scoring (issue 27). Every row of `documents` and `listings`
-- carries the number of the write that last stored its content (`stored_seq`, from the
-- sequence `store_writes`): an insert or an upsert gives it the next number, so does a shard's
-- merge and a removal; bookkeeping (a document's `last_seen_at`) does not. The numbers are this
-- file's own: a row copied to or from a worker's shard is numbered again. Internal: a scoring
-- reads what changed since it last looked (analysis/kept.py), not analysts.
create sequence if not exists store_writes;
alter table documents add column if not exists stored_seq bigint default nextval('store_writes');
alter table listings add column if not exists stored_seq bigint default nextval('store_writes');


-- Facts no as-of date changes, kept between scorings and brought up to date from what changed
-- (analysis/kept.py; analysis/sql/kept/<table>.sql computes each). Internal: emptied, the next
-- scoring computes them whole again.
create table if not exists document_facts (  -- what a document's URL and title say
    site_id varchar,
    url varchar,
    url_form varchar,     -- the URL with its digits blanked: its form and page-number sequence
    page_number bigint,   -- the number the CMS gave the page
    made_day date,        -- the day a TRS page's URL names (…/t20190312_…)
    periodic_title boolean,  -- the title carries a periodic duty's words (the rules')
    proposal_title boolean,  -- the title is a 建议/提案 reply's (the rules' words)
    source_rows bigint    -- the documents rows behind the row (1)
);
create table if not exists listing_facts (  -- when and where each item was first listed
    site_id varchar,
    item_url varchar,
    first_listed timestamp,
    column_url varchar,
    source_rows bigint    -- the listings rows behind the row
);
create table if not exists title_columns (  -- how many columns of its site show each title
    site_id varchar,
    title varchar,
    columns bigint,
    source_rows bigint    -- the documents rows behind the row
);
create table if not exists sequence_positions (  -- the numbered pages out of order
    site_id varchar,
    url varchar,
    sequence varchar,     -- document_facts.url_form
    number bigint,
    published_date date,
    made_day date,
    latest_before date,   -- the latest date of the pages numbered before it
    upto bigint           -- how many pages of the sequence are numbered up to it (ties included)
);
create table if not exists sequence_ends (  -- each sequence's end, for a week's pages after it
    site_id varchar,
    sequence varchar,
    last_number bigint,
    latest_date date,
    pages bigint
);
create table if not exists kept_basis (  -- one row per kept table: what it is up to date with
    name varchar primary key,
    code varchar,         -- a digest of its SQL file: another one computes it whole again
    stored_seq bigint,    -- the last write (store_writes) it has read
    saved_at timestamp
);
