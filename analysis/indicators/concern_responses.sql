-- label: 回应关切信息发布
-- short: 回应关切
-- order: 205
-- kind: least
-- unit: 条
-- threshold: min_count
-- keys: min_count, columns
-- judged: 设有回应关切栏目的网站
-- rule: （设有回应关切栏目的，评估窗口内至少发布{min_count:g}条；条数为本项目默认，不计入综合得分）
-- definition: 网站自设的回应关切栏目（栏目名称合于规则所列，默认含回应关切、热点回应、舆情回应、回应社会关切、政务舆情）的列表中，发布日期（页面未载明的以列表所示日期）在评估窗口内的信息条数；未设此类栏目的网站不评（回应可能发在新闻、通知等栏目，也可能本期没有需要回应的舆情，由人工核查）；窗口内条数不足、而栏目另有未载明日期的信息的，不评，列出待人工判断；舆情发生后是否在48小时内回应，网站上看不出舆情发生的时间，不评
-- quote: 国家卫生计生委 2017 (四) 回应社会关切：“对于突发公共卫生事件相关舆情和公众关注的社会热点问题……积极予以回应，及时发布权威信息……注重选择政府网站、微博、微信、主要媒体等多元信息公开渠道回应关切”；黔南州卫计委 2017 (八) 提升回应关切水平：“其他政务舆情48小时内予以权威回应”

-- score: items the site's 回应关切 columns list in the window (no denominator); a site whose
-- columns fall short but list undated items is not judged (listed for a person below)
select site_id, in_window as numerator, null::int as denominator, 'exact' as basis
from int_concern_columns
where in_window >= getvariable('concern_responses__min_count') or undated = 0

-- findings: a site below the rule (url: its 回应关切 column), naming what it published
select site_id, column_url as url,
       '评估窗口内回应关切栏目（' || names || '）发布 ' || in_window || ' 条，少于 '
           || getvariable('concern_responses__min_count')::int || ' 条' as detail,
       null as related_url, in_window as amount
from int_concern_columns
where in_window < getvariable('concern_responses__min_count') and undated = 0

-- review: short in the window, but the columns list items no date is known for
select site_id, column_url as url,
       '回应关切栏目（' || names || '）评估窗口内有日期的信息 ' || in_window || ' 条，另有 '
           || undated || ' 条未载明日期，是否在窗口内待人工核对' as detail,
       null as related_url, undated as amount
from int_concern_columns
where in_window < getvariable('concern_responses__min_count') and undated > 0
