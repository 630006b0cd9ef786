-- The period a document's title names, for the publications due once a period (monthly 疫情概况,
-- the yearly 重大行政决策事项目录): the first year written `2026年` and, right after it, a month
-- `9月`; NULL where the title names none. Each indicator picks its own documents by its rule's
-- title words (`<indicator>__titles`).
with titled as (
    select site_id, url, title, published_date, in_window,
           try_cast(regexp_extract(title, '((?:19|20)\d{2})\s*年', 1) as int) as title_year,
           try_cast(regexp_extract(title, '(?:19|20)\d{2}\s*年\s*(\d{1,2})\s*月', 1) as int)
               as title_month
    from stg_documents
    where published_date is not null
),

final as (
    select *, case when title_month between 1 and 12 then title_month end as named_month
    from titled
)

select site_id, url, title, published_date, in_window, title_year, named_month as title_month
from final
