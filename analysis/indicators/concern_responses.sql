-- label: 回应关切信息发布
-- short: 回应关切
-- order: 205
-- kind: least
-- unit: 条
-- threshold: min_count
-- keys: min_count, columns
-- judged: 设有回应关切栏目的网站
-- rule: （设有回应关切栏目的，评估窗口内至少发布{min_count:g}条；条数为本项目默认，不计入综合得分）
-- definition: 网站自设的回应关切栏目（栏目名称合于规则所列，默认为回应关切、热点回应、舆情回应、回应社会关切、政务舆情回应）中，发布日期在评估窗口内的信息条数；未设此类栏目的网站不评（回应可能发在新闻、通知等栏目，也可能本期没有需要回应的舆情，由人工核查）；舆情发生后是否在48小时内回应，网站上看不出舆情发生的时间，不评
-- quote: 国家卫生计生委 2017 (四) 回应社会关切：“对于突发公共卫生事件相关舆情和公众关注的社会热点问题……积极予以回应，及时发布权威信息……注重选择政府网站、微博、微信、主要媒体等多元信息公开渠道回应关切”；黔南州卫计委 2017 (八) 提升回应关切水平：“其他政务舆情48小时内予以权威回应”

-- score: the site's 回应关切 columns' documents published in the window (no denominator)
with concern_columns as (
    select c.site_id, c.column_url, c.name
    from stg_columns c
    where len(list_filter(getvariable('concern_responses__columns'),
                          lambda pattern: regexp_matches(c.name, pattern))) > 0
)

select c.site_id, count(distinct d.url) as numerator, null::int as denominator, 'exact' as basis
from concern_columns c
left join stg_documents d
    on d.site_id = c.site_id and d.column_url = c.column_url and d.in_window
group by all

-- findings: a site below the rule (url: its 回应关切 column), naming what it published
select c.site_id, min(c.column_url) as url,
       '评估窗口内回应关切栏目（' || string_agg(distinct c.name, '、') || '）发布 '
           || count(distinct d.url) || ' 条，少于 '
           || getvariable('concern_responses__min_count')::int || ' 条' as detail,
       null as related_url, count(distinct d.url) as amount
from stg_columns c
left join stg_documents d
    on d.site_id = c.site_id and d.column_url = c.column_url and d.in_window
where len(list_filter(getvariable('concern_responses__columns'),
                      lambda pattern: regexp_matches(c.name, pattern))) > 0
group by all
having count(distinct d.url) < getvariable('concern_responses__min_count')
