-- label: 图解占比
-- short: 图解占比
-- order: 30
-- kind: share
-- threshold: required
-- keys: required
-- definition: 窗口内发布、须解读且已到期（或已有图解）的政策文件中，有图解解读（图解、一图读懂、以图片为主的解读）的文件所占比例；同一文件既有文字解读又有图解的，按有图解计一次
-- quote: 中卫市卫健委 2020 (十五)“政策解读要达到100%，其中图解达到80%以上”：“其中”指须解读的政策文件，图解占比是有图解的文件占须解读文件的比例
-- changed: 旧定义为图解解读条数 ÷ 全部解读条数（每份文件既有文字解读又有图解的网站只得50%）；新定义为有图解的政策文件 ÷ 须解读的政策文件（解读时限未过、尚无图解的为未到期，不计）

-- score: policies with a graphic interpretation / policies that must be interpreted and are due
select s.site_id, count(p.url) filter (p.graphic) as numerator,
       count(p.url) filter (not p.graphic_pending) as denominator, 'exact' as basis
from sites s
left join int_policies_due p using (site_id)
group by all

-- findings: each due policy without a graphic interpretation, and what it has instead
select p.site_id, p.url,
       case when p.interpreted
            then '仅有' || coalesce(getvariable('form_labels')[i.interpretation_form],
                                   i.interpretation_form, '未识别') || '解读，无图解：'
            else '无解读，亦无图解：' end || p.title as detail,
       f.interpretation_url as related_url, null as amount
from int_policies_due p
left join int_first_interpretations f on f.site_id = p.site_id and f.policy_url = p.url
left join stg_documents i on i.site_id = f.site_id and i.url = f.interpretation_url
where not p.graphic and not p.graphic_pending

-- pending: each policy still inside its interpretation time limit without a 图解 (amount: the
-- days left to its last day)
select site_id, url,
       '未到期：图解时限至 ' || strftime(due_day, '%Y-%m-%d') || '：' || title as detail,
       null as related_url, (due_day - getvariable('as_of'))::int as amount
from int_policies_due
where graphic_pending
