-- 11: every list row with the date it shows a reader and its item's first listing (issue 27),
-- kept between scorings like the tables of migration 10 (analysis/sql/kept/listed_items.sql). It
-- replaces `listing_facts` (the first listings alone). Read by the columns' newest items, the
-- 回应关切 columns and the rule on backdated dates. Internal: emptied, the next scoring computes
-- it whole again.
create table if not exists listed_items (
    site_id varchar,
    item_url varchar,
    column_url varchar,
    day date,             -- the document's 发布日期, else the list's date
    first_listed timestamp,  -- when the item was first listed (any column)
    first_column varchar,    -- the column of that first listing
    source_rows bigint    -- the listings rows behind the row (1)
);
drop table if exists listing_facts;
delete from kept_basis where name = 'listing_facts';
