-- label: 执法决定公示及时
-- short: 执法公示
-- order: 179
-- kind: count
-- unit: 件
-- threshold: max_count
-- judged: 网站公开了行政处罚、行政许可决定的
-- keys: max_count, workdays, county_workdays
-- rule: （决定作出后{workdays:g}个工作日内公开，县级{county_workdays:g}个工作日内；其他层级超过{county_workdays:g}个工作日的列出待人工判断）
-- definition: 窗口内发布、页面写明决定日期（处罚决定日期、许可决定日期等）的行政处罚、行政许可决定公示中，发布日期晚于决定作出后规定工作日的件数（县级按卫生健康领域基层政务公开标准目录，默认7个工作日；其他层级默认20个工作日）；其他层级超过7个工作日但在20个工作日内的，以及页面是决定公示却未载明决定日期的，列出待人工判断；网站未见此类公示的不评
-- quote: 国家卫生计生委 2017：“推行卫生计生行政执法公示制度……推动卫生计生行政处罚信息全面向社会公开”；“及时公开行政许可和行政处罚信息”；中卫市卫健委 2020 (十)：“落实行政执法公示制度……将卫生健康执法检查处置结果在市政府网站……即时公开”；卫生健康领域基层政务公开标准目录（南海区、酉阳县等县级卫生健康部门网站所载）：行政许可“结果信息……自信息形成或者变更之日起7个工作日内予以公开”，“行政处罚决定信息，包括：处罚决定书文号……处罚决定日期｜自信息形成或者变更之日起7个工作日内予以公开”

-- score: decisions published in the window more than the rule's working days after they were
-- made / decisions published in the window with their day shown (sites showing none: no verdict)
select site_id, count(*) filter (late) as numerator, count(*) filter (counted) as denominator,
       'exact' as basis
from int_decisions
where in_window
group by all

-- findings: each decision published late (amount: working days after it was made)
select site_id, url,
       coalesce('行政' || kind, '执法') || '决定 ' || strftime(decided, '%Y-%m-%d') || ' 作出，'
           || strftime(published_date, '%Y-%m-%d') || ' 公开，用时 ' || lag_workdays
           || ' 个工作日，超过 ' || limit_workdays || ' 个工作日' as detail,
       null as related_url, lag_workdays as amount
from int_decisions
where late

-- review: published after the usual working days but within the rule's; a decision's page
-- without the day it was made
select site_id, url,
       coalesce('行政' || kind, '执法') || '决定 ' || strftime(decided, '%Y-%m-%d') || ' 作出，'
           || strftime(published_date, '%Y-%m-%d') || ' 公开，用时 ' || lag_workdays
           || ' 个工作日，超过一般期限 '
           || getvariable('enforcement_disclosure__county_workdays')::int || ' 个工作日' as detail,
       null as related_url, lag_workdays as amount
from int_decisions
where slow
union all
select site_id, url,
       coalesce('行政' || kind, '执法') || '决定公示未载明决定日期，请人工核对' as detail,
       null as related_url, null as amount
from int_decisions
where undated
