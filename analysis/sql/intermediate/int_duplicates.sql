-- Documents of the window posted as more than one page under one title in several columns (黔南
-- 2017 (九): 避免同类信息在不同栏目进行发布). One page reached through two views (a catalogue and
-- a column, two addresses with the page's one CMS number) is one page, not a second posting.
-- Of the pages, the one in the most specific column (policy > interpretation > notice > others >
-- news) is kept, the rest counted.
-- materialized
-- (read by the indicator's score, findings and review queries: computed once per scoring)
with docs as (
    select d.*, coalesce(f.page_number::varchar, d.url) as page_key,
           case d.column_kind when 'policy' then 1 when 'interpretation' then 2
                when 'notice' then 3 when 'news' then 5 else 4 end as specificity
    from stg_documents d
    left join document_facts f on f.site_id = d.site_id and f.url = d.url
    where d.in_window
        -- only titles found in more than one column can be posted twice: the rest never ranked
        -- (the titles any two columns show, kept between scorings: title_columns, narrow it)
        and (d.site_id, d.title) in (
            select (site_id, title) from stg_documents
            semi join (select site_id, title from title_columns where columns > 1) t
              using (site_id, title)
            where in_window
            group by site_id, title having count(distinct column_url) > 1
        )
),

pages as (
    -- one row per page: its addresses' most specific view
    select site_id, title, page_key,
           arg_min(url, (specificity, published_date, url)) as url,
           arg_min(column_url, (specificity, published_date, url)) as column_url,
           min(specificity) as specificity, min(published_date) as published_date
    from docs group by all
),

ranked as (
    select site_id, url, title, column_url,
           first_value(url) over w as kept_url,
           row_number() over w as n,
           count(distinct column_url) over (partition by site_id, title) as columns
    from pages
    window w as (partition by site_id, title order by specificity, published_date, url)
),

final as (
    select site_id, url, title, kept_url, columns
    from ranked
    where n > 1 and columns > 1
)

select * from final
