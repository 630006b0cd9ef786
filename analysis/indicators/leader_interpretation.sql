-- label: 主要负责人解读
-- short: 负责人解读
-- order: 200
-- kind: least
-- unit: 次
-- threshold: min_per_year
-- keys: min_per_year
-- definition: 评估日前12个月内，由主要负责人（主任、局长、党组书记，不含副职）通过访谈、发布会、答记者问或署名文章解读政策的次数

-- score: interpretations of the last 12 months naming the principal leader (no denominator)
select s.site_id, count(f.url) as numerator, null::int as denominator, 'exact' as basis
from sites s
left join stg_body_facts f
  on f.site_id = s.site_id and f.fact = 'leader' and f.doc_type = 'interpretation'
 and f.published_date > getvariable('as_of') - interval 1 year
 and f.published_date <= getvariable('as_of')
group by all

-- findings: a site below the rule, with the interpretations that counted (amount: how many)
with counted as (
    select s.site_id, s.homepage, count(f.url) as n,
           string_agg(f.title, '；' order by f.published_date) as titles
    from sites s
    left join stg_body_facts f
      on f.site_id = s.site_id and f.fact = 'leader' and f.doc_type = 'interpretation'
     and f.published_date > getvariable('as_of') - interval 1 year
     and f.published_date <= getvariable('as_of')
    group by all
)

select site_id, homepage as url,
       '评估日前12个月主要负责人解读 ' || n || ' 次，少于 '
           || getvariable('leader_interpretation__min_per_year')::int || ' 次'
           || coalesce('：' || titles, '') as detail,
       null as related_url, n as amount
from counted
where n < getvariable('leader_interpretation__min_per_year')
