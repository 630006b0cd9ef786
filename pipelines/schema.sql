-- The store. Tables marked CONTRACT are the analysts' stable interface (docs/schema.md);
-- the others are internal and may change. Dates are China-local calendar dates;
-- timestamps are UTC without a zone.

create table if not exists schema_version (version integer primary key, applied_at timestamp);

-- CONTRACT
create table if not exists sites (
    site_id varchar primary key,
    name varchar,
    level varchar,
    region varchar,
    homepage varchar,
    family varchar,
    verified boolean,
    updated_at timestamp
);

-- CONTRACT
create table if not exists columns (
    site_id varchar,
    column_url varchar,
    name varchar,
    kind varchar,
    discovered_from varchar,
    item_count integer,
    last_published_date date,
    family varchar,
    first_seen_at timestamp,
    last_seen_at timestamp,
    primary key (site_id, column_url)
);

-- CONTRACT
create table if not exists documents (
    site_id varchar,
    url varchar,
    title varchar,
    column_name varchar,
    column_kind varchar,
    column_url varchar,
    doc_type varchar,
    published_date date,
    written_date date,
    index_no varchar,
    index_no_raw varchar,
    doc_no varchar,
    doc_no_raw varchar,
    issuer varchar,
    topic varchar,
    validity varchar,
    disclosure_attr varchar,
    disclosure_raw varchar,
    interpretation_form varchar,
    image_count integer,
    attachment_count integer,
    body_chars integer,
    fetched_at timestamp,
    first_seen_at timestamp,
    warnings varchar[],
    published_source varchar,
    written_source varchar,
    family varchar,
    found_on varchar,
    http_status integer,
    encoding varchar,
    run_id varchar,
    primary key (site_id, url)
);

-- CONTRACT
create table if not exists document_links (
    site_id varchar,
    from_url varchar,
    to_url varchar,
    anchor_text varchar,
    relation varchar,
    primary key (site_id, from_url, to_url, relation)
);

-- CONTRACT
create table if not exists link_checks (
    site_id varchar,
    url varchar,
    found_on varchar,
    status integer,
    error varchar,
    checked_at timestamp,
    run_id varchar,
    primary key (site_id, url)
);

-- CONTRACT
create table if not exists runs (
    run_id varchar primary key,
    started_at timestamp,
    finished_at timestamp,
    status varchar,
    sites integer,
    pages integer,
    errors integer,
    site_ids varchar[],
    dateparser_fallbacks integer
);

-- internal: every candidate value found on a page, with its source (the evidence behind a field)
create table if not exists document_fields (
    site_id varchar,
    url varchar,
    field varchar,
    raw varchar,
    source varchar,
    value varchar,
    chosen boolean
);  -- no key: a document's rows are replaced together (pipelines/store.py replace_for_documents)

-- internal: which list page listed which item, with the date the list showed
create table if not exists listings (
    site_id varchar,
    column_url varchar,
    item_url varchar,
    title varchar,
    list_date date,
    list_page varchar,
    primary key (site_id, column_url, item_url)
);
