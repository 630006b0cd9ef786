-- Where each numbered page stands in its sequence (its site's pages of one URL form, in the
-- order the CMS numbered them: document_facts), kept between scorings (analysis/sequences.py).
-- `kept_source` holds pages to place: a week's new pages numbered past every page kept of their
-- sequence are placed after them (sequence_ends: the last number, the latest date, how many
-- pages); any other change places the whole sequence again, with no end kept.
-- Kept: the pages out of order by any number of days, a date before the latest date numbered
-- before them, or a date before the day a TRS URL names. int_backdated applies the rule's
-- threshold (backdated_dates.sequence_min_days) to these.
with pages as (
    select p.site_id, p.url, p.sequence, p.number, p.published_date, p.made_day,
           e.latest_date as latest_then, coalesce(e.pages, 0) as pages_then
    from kept_source p
    left join sequence_ends e using (site_id, sequence)
),

ranked as (
    select *,
           greatest(latest_then, max(published_date) over (
               partition by site_id, sequence order by number
               rows between unbounded preceding and 1 preceding
           )) as latest_before,
           -- pages numbered up to this one (ties included)
           pages_then + count(*) over (partition by site_id, sequence order by number) as upto
    from pages
),

final as (
    select site_id, url, sequence, number, published_date, made_day, latest_before, upto
    from ranked
    where published_date < latest_before or made_day > published_date
)

select * from final
