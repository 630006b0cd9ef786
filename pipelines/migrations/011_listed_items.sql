-- 11: every list row with the date it shows a reader (issue 27), kept between scorings like the
-- tables of migration 10 (analysis/sql/kept/listed_items.sql): the page's 发布日期, else the
-- list's date. Read by the columns' newest items and the 回应关切 columns. Internal: emptied, the
-- next scoring computes it whole again.
create table if not exists listed_items (
    site_id varchar,
    item_url varchar,
    column_url varchar,
    day date,             -- the document's 发布日期, else the list's date
    source_rows bigint    -- the listings rows behind the row (1)
);
