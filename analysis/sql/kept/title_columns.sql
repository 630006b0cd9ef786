-- How many columns of its site show each title, over every document of any date, kept between
-- scorings (analysis/kept.py): computed again for the titles of the documents stored since the
-- last scoring. int_duplicates looks for a posting repeated in the window only among the titles
-- found in more than one column here. (A title changed since leaves its old title's row behind:
-- the table is then computed whole.)
with source as (
    select site_id, title, column_url from kept_source
),

final as (
    select site_id, title, count(distinct column_url) as columns, count(*) as source_rows
    from source
    group by site_id, title
)

select * from final
