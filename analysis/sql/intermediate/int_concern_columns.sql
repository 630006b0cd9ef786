-- Each site's 回应关切 columns, taken together: the columns whose own names match one of the
-- rule's `columns` (concern_responses.columns, regular expressions), and what their lists show.
-- An item is read from its column's list (a response listed there and under 新闻 too is still
-- the column's), dated by its page's 发布日期, else by the list's date; an item with neither is
-- undated (it may be in the window: a person looks).
-- materialized
-- (read by several indicators' queries: computed once per scoring)
-- each distinct column name tried once (a pattern not known to the query is compiled per row)
with concern_names as (
    select distinct n.name
    from (select distinct name from columns) n,
         unnest(getvariable('concern_responses__columns')) p(pattern)
    where regexp_matches(n.name, p.pattern)
),

concern_columns as (
    select site_id, column_url, name
    from columns semi join concern_names using (name)
),

-- each list row with its date (kept between scorings: analysis/sql/kept/listed_items.sql)
items as (
    select c.site_id, c.column_url, c.name, l.item_url, l.day
    from concern_columns c
    left join (
        -- only their rows (joined as it stands, every list row would be hashed)
        select * from listed_items semi join concern_columns using (site_id, column_url)
    ) l on l.site_id = c.site_id and l.column_url = c.column_url
),

final as (
    select site_id,
           min(column_url) as column_url,
           string_agg(distinct name, '、' order by name) as names,
           count(distinct item_url) filter (
               day between getvariable('window_start') and getvariable('as_of')) as in_window,
           count(distinct item_url) filter (item_url is not null and day is null) as undated
    from items
    group by site_id
)

select * from final
