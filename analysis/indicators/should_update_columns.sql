-- label: 应更新未更新栏目
-- short: 应更未更
-- order: 95
-- kind: count
-- unit: 个
-- threshold: max_count
-- keys: max_count
-- rule: （含空白栏目；人事、规划计划类1年）
-- definition: 应更新但长期未更新的栏目数：空白栏目，及超过规定期限未更新的动态要闻、通知公告、政策文件类栏目和人事、规划计划类栏目（期限取“不更新栏目”规则，人事、规划计划默认1年）；超过10个（含）单项否决
-- quote: 国办秘函〔2019〕19号（沿用2015年普查评分表）：“网站中应更新但长期未更新的栏目数超过（含）10个”，即单项否决；普查说明：空白栏目是应更新但长期不更新栏目的表现形式之一，并包括“动态要闻类栏目；通知公告、政策文件类栏目；人事、规划计划类栏目等”
-- changed: 新增。旧“不更新栏目”把人事、规划计划类栏目与动态、通知、政策类栏目合在一起按5个否决；检查指标把它们分为两项

-- score: blank columns and stale columns of a kind with a stated period (denominator: columns)
select s.site_id,
       count(c.column_url) filter (c.blank or (c.stale and c.counted_kind is not null))
           as numerator,
       count(c.column_url) as denominator, 'exact' as basis
from sites s left join int_column_freshness c using (site_id) group by all

-- findings: each such column (amount: days since its newest item; 0 for a blank one)
select site_id, column_url as url,
       name || case when blank then '：空白栏目'
                    else '：最近更新 ' || strftime(last_published, '%Y-%m-%d') || '，早于 '
                         || strftime(oldest_fresh, '%Y-%m-%d') end as detail,
       null as related_url,
       coalesce((getvariable('as_of') - last_published)::int, 0) as amount
from int_column_freshness
where blank or (stale and counted_kind is not null)
