-- label: 互动回应差
-- short: 长期未回应
-- order: 135
-- kind: count
-- unit: 件
-- threshold: max_count
-- judged: 网站公开了近期来信的
-- keys: max_count, unanswered_months, lookback_months
-- rule: （来信{unanswered_months:g}个月仍未答复即否决；查近{lookback_months:g}个月的来信）
-- definition: 近12个月（规则所定）网站公开的来信中，来信后超过3个月（规则所定）仍未见答复的件数（页面有答复但未载明答复时间的不计）；网站未公开任何来信的不评（是否开设互动交流栏目本项不查）
-- quote: 国办秘函〔2019〕19号（沿用2015年普查评分表）单项否决“互动回应差”：“互动回应类栏目长期未回应的情况”

-- score: letters left unanswered too long / letters received in the lookback
select site_id, count(*) filter (unanswered_too_long) as numerator, count(*) as denominator,
       'exact' as basis
from int_letters
where in_lookback
group by all

-- findings: each letter unanswered too long (amount: days waiting)
select site_id, url,
       '来信 ' || strftime(received, '%Y-%m-%d') || ' 至今 ' || days_unanswered
           || ' 天未答复' || coalesce('（页面状态：' || status || '）', '') as detail,
       null as related_url, days_unanswered as amount
from int_letters
where in_lookback and unanswered_too_long
