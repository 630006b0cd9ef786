-- The period a document names, for the publications due once a period (monthly 疫情概况, the
-- yearly 重大行政决策事项目录): the first year its title writes `2026年` and, right after it, a
-- month `9月`; where the title names no month, the month a page of monthly statistics states in
-- its opening (`2023年1月（2023年1月1日0时至1月31日24时）`: stg_body_facts, stated_month).
-- NULL where neither names one. Only the documents whose titles carry some periodic duty's words
-- (getvariable('periodic_titles'), analysis/periodic.py; read once per document and kept:
-- document_facts.periodic_title): each indicator then picks its own by its rule's title words.
-- (Filtered here, before the periods are read: reading them from all 6 million titles took
-- 1.6 s of the 2.2 s the periodic duties took.)
with titled as (
    select d.site_id, d.url, d.title, d.flat_title, d.published_date, d.in_window,
           try_cast(regexp_extract(d.title, '((?:19|20)\d{2})\s*年', 1) as int) as title_year,
           try_cast(regexp_extract(d.title, '(?:19|20)\d{2}\s*年\s*(\d{1,2})\s*月', 1) as int)
               as title_month
    from stg_documents d
    join document_facts f on f.site_id = d.site_id and f.url = d.url
    where d.published_date is not null and f.periodic_title
),

stated as (
    select site_id, url,
           json_extract(value, '$.year')::int as stated_year,
           json_extract(value, '$.month')::int as stated_month
    from stg_body_facts
    where fact = 'stated_month'
),

final as (
    -- the title's year always wins; the body's stated month fills in only where the title names
    -- no month and the body's year is the title's (or the title names no year)
    select t.site_id, t.url, t.title, t.flat_title, t.published_date, t.in_window,
           coalesce(t.title_year, s.stated_year) as title_year,
           case when t.title_month between 1 and 12 then t.title_month
                when t.title_year is null or s.stated_year = t.title_year then s.stated_month
           end as title_month
    from titled t
    left join stated s using (site_id, url)
)

select * from final
