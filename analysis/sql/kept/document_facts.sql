-- What a document's URL alone says, kept between scorings (analysis/kept.py): computed for the
-- documents stored since the last scoring, carried over for the rest.
-- Read by int_backdated, int_duplicates and the sequences (sequence_positions.sql).
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
        -- the number the CMS gave the page (Hanweb art_<col>_<id>, TRS t<date>_<id>, gkmlpt
        -- post_<id>, ?ArticleID=<id>): one page reached through two views keeps its number
        try_cast(regexp_extract(url, '[_/=t](\d{3,})(?:\.\w+)?$', 1) as bigint) as page_number,
        -- TRS names the page by the day it made it (…/t20190312_…): read only from such URLs
        case when url like '%/t________\_%' escape '\' then
            try_strptime(regexp_extract(url, '/t(\d{8})_\d+\.s?html?$', 1), '%Y%m%d')::date
        end as made_day,
        1 as source_rows
    from source
)

select * from final
