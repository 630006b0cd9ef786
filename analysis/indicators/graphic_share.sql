-- label: 图解占比
-- short: 图解占比
-- order: 30
-- kind: share
-- threshold: required
-- keys: required
-- definition: 窗口内发布的政策解读中，图解（图解、一图读懂、以图片为主的解读）所占比例

-- score: graphic interpretations / interpretations of the window
select s.site_id, count(*) filter (d.interpretation_form = 'graphic') as numerator,
       count(d.url) as denominator, 'exact' as basis
from sites s
left join stg_documents d on d.site_id = s.site_id and d.in_window and d.doc_type = 'interpretation'
group by all

-- findings: each interpretation in another form, the form in words
select site_id, url,
       '解读形式：' || coalesce(getvariable('form_labels')[interpretation_form],
                             interpretation_form, '未识别') || '：' || title as detail,
       null as related_url, null as amount
from stg_documents
where in_window and doc_type = 'interpretation' and interpretation_form is distinct from 'graphic'
