-- label: 公开及时性
-- short: 公开及时
-- order: 60
-- kind: share
-- threshold: required
-- keys: max_workdays, required
-- rule: （{max_workdays:g}个工作日内）
-- definition: 标注成文日期的信息中，自成文之日起规定工作日内发布的比例
-- quote: 《政府信息公开条例》(2019) 第二十六条“属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开”；枣庄 2016 (一)2；黔南 2017 (五)3 要求“印发当日”公开时，规则取0个工作日

-- score: documents published in time after 成文日期 / documents showing one
select s.site_id,
       count(*) filter (l.lag_workdays between 0 and getvariable('disclosure_timeliness__max_workdays'))
           as numerator,
       count(l.url) as denominator,
       coalesce(max(l.lag_basis) filter (l.lag_basis = 'estimated'),
                max(l.lag_basis) filter (l.lag_basis = 'override'), 'official') as basis
from sites s left join int_document_lags l using (site_id) group by all

-- findings: each document published late, or written after it was published (negative amount)
select site_id, url,
       case when lag_workdays < 0 then '成文日期晚于发布日期'
            else '成文后 ' || lag_workdays || ' 个工作日才发布（'
                 || coalesce(getvariable('basis_labels')[lag_basis], lag_basis) || '）' end as detail,
       null as related_url, lag_workdays as amount
from int_document_lags
where lag_workdays < 0 or lag_workdays > getvariable('disclosure_timeliness__max_workdays')
