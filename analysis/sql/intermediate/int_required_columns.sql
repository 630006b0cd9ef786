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

-- each distinct column name tried against each distinct requirement once (a regular
-- expression read from a column is compiled per row: 3,000 sites repeat the same few)
matched as (
    select n.name, w.wanted
    from (select distinct name from stg_columns) n,
         (select distinct wanted from required) w
    where regexp_matches(n.name, w.wanted)
),

final as (
    select r.site_id, r.homepage, r.wanted, max(c.items) as items,
           arg_max(c.column_url, c.items) as column_url, arg_max(c.name, c.items) as name,
           coalesce(max(c.items), 0) = 0 as missing_or_blank
    from required r
    left join (
        select c.*, m.wanted from stg_columns c join matched m using (name)
    ) c on c.site_id = r.site_id and c.wanted = r.wanted
    group by all
)

select * from final
