-- 11: every list row with the date it shows a reader (issue 27), kept between scorings like the
-- tables of migration 10 (analysis/sql/kept/listed_items.sql). It replaces `listing_facts` (each
-- item's first listing, now asked of its rows only for the pages the rule on backdated dates
-- reads). Read by the columns' newest items, the
-- 回应关切 columns and the rule on backdated dates. Internal: emptied, the next scoring computes
-- it whole again.
create table if not exists listed_items (
    site_id varchar,
    item_url varchar,
    column_url varchar,
    day date,             -- the document's 发布日期, else the list's date
    first_seen_at timestamp,  -- when the row was first listed
    source_rows bigint    -- the listings rows behind the row (1)
);
drop table if exists listing_facts;
delete from kept_basis where name = 'listing_facts';
