-- label: 主要负责人解读
-- short: 负责人解读
-- order: 200
-- kind: least
-- unit: 次
-- threshold: min_per_year
-- keys: min_per_year
-- definition: 评估日前12个月内，由主要负责人（主任、局长、党组书记，不含副职）通过访谈、发布会、答记者问或署名文章解读政策的次数
-- quote: 黔南州卫计委 2017 (七)2：主要负责人是政策解读的“第一解读人”，每年至少2次解读重要政策

-- score: interpretations of the last 12 months naming the principal leader (no denominator)
select s.site_id, count(l.url) as numerator, null::int as denominator, 'exact' as basis
from sites s left join int_leader_interpretations l using (site_id)
group by all

-- findings: a site below the rule (url: its homepage), naming the interpretations that counted
select s.site_id, s.homepage as url,
       '评估日前12个月主要负责人解读 ' || count(l.url) || ' 次，少于 '
           || getvariable('leader_interpretation__min_per_year')::int || ' 次'
           || coalesce('：' || string_agg(l.title, '；' order by l.published_date), '') as detail,
       null as related_url, count(l.url) as amount
from sites s left join int_leader_interpretations l using (site_id)
group by all
having count(l.url) < getvariable('leader_interpretation__min_per_year')
