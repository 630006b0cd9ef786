-- What a document's URL and title say, kept between scorings (analysis/kept.py): computed for
-- the documents stored since the last scoring, carried over for the rest; computed whole when
-- the rules' title words change (the variables it reads).
-- Read by int_backdated, int_duplicates, int_title_periods, int_proposal_replies and the
-- sequences (sequence_positions.sql).
with source as (
    select site_id, url, flat_title(title) as flat_title from kept_source  -- sql/macros.sql
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
        -- the title carries some periodic duty's words (analysis/periodic.py): int_title_periods
        coalesce(regexp_matches(flat_title, getvariable('periodic_titles')), false)
            as periodic_title,
        -- a reply to a 建议 or 提案 by its title words, and none of the excluded ones
        coalesce(
            regexp_matches(
                flat_title, array_to_string(getvariable('proposal_replies__titles'), '|')
            )
            and not regexp_matches(
                flat_title, array_to_string(getvariable('proposal_replies__excluded_titles'), '|')
            ),
            false
        ) as proposal_title,
        1 as source_rows
    from source
)

select * from final
