-- label: 必设栏目
-- short: 必设栏目
-- order: 210
-- kind: count
-- unit: 个
-- threshold: max_count
-- keys: max_count, national, provincial, prefecture, county
-- definition: 按网站层级规则要求设置的栏目（预决算公开、权责清单、双随机一公开、建议提案办理、政策解读、信息公开指南、制度、年报、依申请公开等）中，未设置或没有任何信息的个数；层级不明的网站不评

-- score: required columns missing or blank (denominator: columns required of the site's level)
with required as (
    select s.site_id,
           unnest(case s.level
               when 'national' then getvariable('required_columns__national')
               when 'provincial' then getvariable('required_columns__provincial')
               when 'prefecture' then getvariable('required_columns__prefecture')
               when 'county' then getvariable('required_columns__county')
               else []::varchar[] end) as wanted
    from sites s
),

met as (
    select r.site_id, r.wanted, coalesce(max(c.items), -1) as items
    from required r
    left join stg_columns c on c.site_id = r.site_id and regexp_matches(c.name, r.wanted)
    group by all
)

select s.site_id, count(m.wanted) filter (m.items <= 0) as numerator,
       count(m.wanted) as denominator, 'exact' as basis
from sites s left join met m using (site_id)
group by all

-- findings: each required column missing (url: the homepage) or blank (url: the column; the one
-- with most items where several match)
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

met as (
    select r.site_id, r.homepage, r.wanted, max(c.items) as items,
           arg_max(c.column_url, c.items) as column_url, arg_max(c.name, c.items) as name
    from required r
    left join stg_columns c on c.site_id = r.site_id and regexp_matches(c.name, r.wanted)
    group by all
)

select site_id, coalesce(column_url, homepage) as url,
       case when column_url is null then '未设置栏目：' || replace(wanted, '|', '／')
            else '栏目没有信息：' || name end as detail,
       null as related_url, coalesce(items, 0) as amount
from met
where coalesce(items, 0) = 0
