-- Each column a site's level requires (the rules' `[required_columns]`: one regular expression
-- per requirement, matched against the site's own column names) with the matching column that
-- has most items: none (missing), no item (blank). A site without a level requires nothing.
-- materialized
-- (read by several indicators' queries: computed once per scoring)
with required as (
    select s.site_id, s.homepage,
           unnest(case s.level
               when 'national' then getvariable('required_columns__national')
               when 'provincial' then getvariable('required_columns__provincial')
               when 'prefecture' then getvariable('required_columns__prefecture')
               when 'county' then getvariable('required_columns__county')
               else []::varchar[] end) as wanted
    from sites s
),

final as (
    select r.site_id, r.homepage, r.wanted, max(c.items) as items,
           arg_max(c.column_url, c.items) as column_url, arg_max(c.name, c.items) as name,
           coalesce(max(c.items), 0) = 0 as missing_or_blank
    from required r
    left join stg_columns c on c.site_id = r.site_id and regexp_matches(c.name, r.wanted)
    group by all
)

select * from final
