-- 6: the weekly job (issue 16). What each crawl saw and when: a document's first and last sight,
-- its versions, its removal; how far each crawl walked each column's list; the validators that
-- make the next fetch conditional.
alter table documents add column if not exists last_seen_at timestamp;
alter table documents add column if not exists removed_at timestamp;
alter table documents add column if not exists body_hash varchar;
alter table documents add column if not exists content_hash varchar;
alter table documents add column if not exists etag varchar;
alter table documents add column if not exists last_modified varchar;
update documents set last_seen_at = fetched_at where last_seen_at is null;

alter table listings add column if not exists first_seen_at timestamp;
alter table listings add column if not exists last_seen_at timestamp;
alter table listings add column if not exists run_id varchar;

alter table site_runs add column if not exists unchanged integer;

-- every version of a document as crawled: version 1 is its first copy; a later copy whose title,
-- dates, 文号 or text differ is the next version, with what changed
create table if not exists document_versions (
    site_id varchar,
    url varchar,
    version integer,
    seen_at timestamp,       -- when this version was fetched first
    run_id varchar,
    title varchar,
    published_date date,
    written_date date,
    doc_no varchar,
    body_hash varchar,
    changed varchar[],       -- title / published_date / written_date / doc_no / body
    primary key (site_id, url, version)
);
insert into document_versions
select site_id, url, 1, fetched_at, run_id, title, published_date, written_date, doc_no,
       body_hash, []
from documents
on conflict do nothing;

-- a document gone from its column's list whose page answered an error
create table if not exists document_removals (
    site_id varchar,
    url varchar,
    column_url varchar,
    status integer,
    removed_at timestamp,
    run_id varchar,
    primary key (site_id, url, run_id)
);

-- how far each crawl walked each column's list
create table if not exists column_walks (
    run_id varchar,
    site_id varchar,
    column_url varchar,
    walked_at timestamp,
    pages integer,           -- list pages read
    listed integer,          -- items they showed
    new_items integer,       -- of them, items no earlier crawl had listed
    stated_count integer,
    oldest_list_date date,   -- the last row read: how deep a date-sorted list was read
    complete boolean,        -- every list page read, none failed
    incremental boolean,     -- false: the whole list was to be read
    accounted boolean,       -- complete, or its stated total grew by exactly the new items found
    primary key (run_id, site_id, column_url)
);

-- every response as served, kept in the run's WARC files (crawlers/evidence.py): where each is
create table if not exists captures (
    site_id varchar,
    url varchar,
    method varchar,
    status integer,
    fetched_at timestamp,
    run_id varchar,
    warc_file varchar,       -- relative to the WARC folder beside the database
    warc_offset bigint,
    warc_length bigint,      -- the record's bytes in the file (one gzip member)
    payload_sha1 varchar,    -- of the body as served
    payload_bytes bigint,
    pruned_at timestamp      -- its WARC file was deleted (zwgk evidence --prune-older-than)
);  -- no key: each record has its own place (warc_file, warc_offset); appended, never updated
alter table documents add column if not exists warc_file varchar;
alter table documents add column if not exists warc_offset bigint;
alter table link_checks add column if not exists warc_file varchar;
alter table link_checks add column if not exists warc_offset bigint;
alter table link_check_history add column if not exists warc_file varchar;
alter table link_check_history add column if not exists warc_offset bigint;
alter table runs add column if not exists warc_bytes bigint;
