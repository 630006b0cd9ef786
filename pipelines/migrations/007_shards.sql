-- a crawl dispatched to Celery workers (zwgk crawl --broker): each site crawled by a worker into a
-- shard, merged here in one transaction per site (pipelines/shards.py)
alter table runs add column if not exists dispatched_to varchar;  -- the shared folder; null: one process

create table if not exists run_shards (
    run_id varchar,
    site_id varchar,
    host varchar,                -- the worker machine that crawled the site
    pid integer,                 -- its crawl process
    crawl_started_at timestamp,
    crawl_finished_at timestamp,
    pages integer,               -- responses, as runs.pages
    errors integer,
    dateparser_fallbacks integer,
    unreadable_dates integer,
    warc_bytes bigint,
    shard_sha256 varchar,        -- of the shard's database file, as its manifest states
    merged_at timestamp,
    primary key (run_id, site_id)
);
