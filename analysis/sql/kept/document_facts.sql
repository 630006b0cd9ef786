-- What a document's URL alone says, kept between scorings (analysis/kept.py): computed for the
-- documents stored since the last scoring, carried over for the rest.
-- Read by int_backdated.
with source as (
    select site_id, url from kept_source
),

final as (
    select
        site_id,
        url,
        -- the URL with its digits blanked (host included): its form, and the page-number
        -- sequence it belongs to
        regexp_replace(url, '\d+', '#', 'g') as url_form,
        -- TRS names the page by the day it made it (…/t20190312_…): read only from such URLs
        case when url like '%/t________\_%' escape '\' then
            try_strptime(regexp_extract(url, '/t(\d{8})_\d+\.s?html?$', 1), '%Y%m%d')::date
        end as made_day,
        1 as source_rows
    from source
)

select * from final
