-- One row per site and indicator for the as-of date: numerator, denominator, value, the rule's
-- threshold and pass/fail. Shares are fractions (1.0 = 100%); counts are counts; `basis` says
-- whether working days came from the official calendar or were estimated (Mon–Fri).
with sites_ as (
    select site_id, homepage from sites
),

docs as (
    select * from stg_documents where in_window
),

weeks as (
    select site_id,
           count(*) filter (items >= getvariable('update_frequency__min_per_week')) as good,
           count(*) as total
    from int_weeks group by all
),

update_frequency as (
    select site_id, 'update_frequency' as indicator, good as numerator, total as denominator,
           getvariable('update_frequency__required') as threshold, 'exact' as basis
    from weeks
),

policies as (
    -- the documents that must be interpreted (int_policies: by class, or named by an interpretation)
    select d.site_id, d.url, f.interpretation_url, f.lag_workdays, f.lag_basis
    from int_policies d
    left join int_first_interpretations f on f.site_id = d.site_id and f.policy_url = d.url
),

labelled as (
    select site_id, url, disclosure_attr, validity from docs where doc_type = 'policy'
),

interpretation_rate as (
    select s.site_id, 'interpretation_rate', count(p.interpretation_url), count(p.url),
           getvariable('interpretation_rate__required'), 'exact'
    from sites_ s left join policies p using (site_id) group by all
),

interpretation_timeliness as (
    select s.site_id, 'interpretation_timeliness',
           count(*) filter (p.lag_workdays <= getvariable('interpretation_timeliness__max_workdays')),
           count(p.interpretation_url),
           getvariable('interpretation_timeliness__required'),
           coalesce(max(p.lag_basis) filter (p.lag_basis = 'estimated'),
                    max(p.lag_basis) filter (p.lag_basis = 'override'), 'official')
    from sites_ s left join policies p using (site_id) group by all
),

policy_linkage as (
    select s.site_id, 'policy_linkage', count(l.policy_url) filter (l.forward and l.backward),
           count(l.policy_url), getvariable('policy_linkage__required'), 'exact'
    from sites_ s left join int_pair_links l using (site_id) group by all
),

attribute_labelled as (
    select s.site_id, 'attribute_labelled', count(p.disclosure_attr), count(p.url),
           getvariable('attribute_labelled__required'), 'exact'
    from sites_ s left join labelled p using (site_id) group by all
),

validity_labelled as (
    select s.site_id, 'validity_labelled', count(p.validity), count(p.url),
           getvariable('validity_labelled__required'), 'exact'
    from sites_ s left join labelled p using (site_id) group by all
),

graphic_share as (
    select s.site_id, 'graphic_share',
           count(*) filter (d.interpretation_form = 'graphic'), count(d.url),
           getvariable('graphic_share__required'), 'exact'
    from sites_ s left join docs d on d.site_id = s.site_id and d.doc_type = 'interpretation'
    group by all
),

disclosure_timeliness as (
    select s.site_id, 'disclosure_timeliness',
           count(*) filter (l.lag_workdays between 0 and getvariable('disclosure_timeliness__max_workdays')),
           count(l.url),
           getvariable('disclosure_timeliness__required'),
           coalesce(max(l.lag_basis) filter (l.lag_basis = 'estimated'),
                    max(l.lag_basis) filter (l.lag_basis = 'override'), 'official')
    from sites_ s left join int_document_lags l using (site_id) group by all
),

stale_columns as (
    select s.site_id, 'stale_columns' as indicator, count(c.column_url) filter (c.stale) as numerator,
           count(c.column_url) as denominator, getvariable('stale_columns__max_count') as threshold,
           'exact' as basis
    from sites_ s left join int_column_freshness c using (site_id) group by all
),

blank_columns as (
    select s.site_id, 'blank_columns', count(c.column_url) filter (c.blank),
           count(c.column_url), getvariable('blank_columns__max_count'), 'exact'
    from sites_ s left join int_column_freshness c using (site_id) group by all
),

dead_links as (
    -- the one definition (view dead_links): failed in the latest run that reached it, with an
    -- answer from the server; a timeout, an outage, robots.txt or the size limit is not dead
    select s.site_id, 'dead_links',
           count(k.url) filter (k.outcome = 'dead'), count(k.url),
           getvariable('dead_links__max_count'), 'exact'
    from sites_ s
    left join link_checks k on k.site_id = s.site_id and k.outcome in ('ok', 'dead')
    group by all
),

homepage_updated as (
    select site_id, 'homepage_updated', (getvariable('as_of') - last_update)::int, null::int,
           getvariable('homepage_updated__max_days'), 'exact'
    from int_homepage
),

backdated_dates as (
    -- proven by two crawls only; the one-crawl sequence signal is listed, not counted
    select s.site_id, 'backdated_dates', count(b.url) filter (b.kind = 'backdated'), null::int,
           getvariable('backdated_dates__max_count'), 'exact'
    from sites_ s left join int_backdated b using (site_id) group by all
),

duplicate_posting as (
    select s.site_id, 'duplicate_posting', count(d.url), null::int,
           getvariable('duplicate_posting__max_count'), 'exact'
    from sites_ s left join int_duplicates d using (site_id) group by all
),

shares as (
    select * from update_frequency
    union all select * from interpretation_rate
    union all select * from interpretation_timeliness
    union all select * from policy_linkage
    union all select * from attribute_labelled
    union all select * from validity_labelled
    union all select * from graphic_share
    union all select * from disclosure_timeliness
),

counts as (
    select * from stale_columns
    union all select * from blank_columns
    union all select * from dead_links
    union all select * from homepage_updated
    union all select * from backdated_dates
    union all select * from duplicate_posting
),

final as (
    select site_id, indicator,
           case when denominator > 0 then round(numerator / denominator, 4) end as value,
           numerator, denominator, threshold,
           case when denominator > 0 then numerator / denominator >= threshold end as passed,
           basis
    from shares
    union all
    select site_id, indicator, numerator as value, numerator, denominator, threshold,
           coalesce(numerator <= threshold, false) as passed, basis  -- no dated item: not updated
    from counts
)

select * from final
