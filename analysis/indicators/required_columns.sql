-- label: 必设栏目
-- short: 必设栏目
-- order: 210
-- kind: count
-- unit: 个
-- threshold: max_count
-- keys: max_count, national, provincial, prefecture, county
-- definition: 按网站层级规则要求设置的栏目（预决算公开、权责清单、双随机一公开、建议提案办理、政策解读、信息公开指南、制度、年报、依申请公开等）中，未设置或没有任何信息的个数；层级不明的网站不评
-- quote: 《政府信息公开条例》(2019) 第十二、二十、二十七、五十条；政务公开工作要点（预决算公开、权责清单、双随机一公开、建议提案办理结果）；各级必设栏目为本项目默认，按当地要求调整

-- score: required columns missing or blank / columns required of the site's level
select s.site_id, count(r.wanted) filter (r.missing_or_blank) as numerator,
       count(r.wanted) as denominator, 'exact' as basis
from sites s left join int_required_columns r using (site_id)
group by all

-- findings: each required column missing (url: the homepage) or blank (url: the column)
select site_id, coalesce(column_url, homepage) as url,
       case when column_url is null then '未设置栏目：' || replace(wanted, '|', '／')
            else '栏目没有信息：' || name end as detail,
       null as related_url, coalesce(items, 0) as amount
from int_required_columns
where missing_or_blank
