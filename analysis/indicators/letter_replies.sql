-- label: 留言答复及时
-- short: 留言答复
-- order: 57
-- kind: count
-- unit: 件
-- threshold: max_count
-- judged: 网站公开了来信或信箱（12345）办理情况统计的
-- keys: max_count, reply_days, usual_workdays
-- rule: （来信后{reply_days:g}日内答复；超过{usual_workdays:g}个工作日的列出待人工判断）
-- definition: 答复期限（来信后规定日数）落在窗口内的来信（领导信箱、咨询投诉、留言办理等页面写明来信时间的）中，到期仍未答复或晚于期限答复的件数；未到期且未答复的为未到期；窗口内答复、期限内但超过一般期限（默认5个工作日）的，以及页面有答复但未载明答复时间（或答复时间早于来信）的，列出待人工判断。窗口内没有到期的逐件来信、只公开信箱或12345办理情况统计的，按窗口内发布的统计中本委（局）一行（或本站信箱的总数）的超时（超期）件数计，统计未载明超时件数的列出待人工判断；两者皆无的不评
-- quote: 黔南州卫计委 2017 (八) 提升回应关切水平：“确保回应不超时、内容不敷衍”；《信访条例》(2005) 第三十三条：“信访事项应当自受理之日起60日内办结”

-- score: letters due in the window answered late or not at all / letters due in the window; a
-- site with no letter due in the window is scored on the statistics it published in the window
-- (overdue / received, its own row); sites with neither have no verdict
select site_id, sum(late) as numerator, sum(due) as denominator, 'exact' as basis
from (
    select site_id, late_or_missing::int as late, 1 as due from int_letters where counted
    union all
    select site_id, coalesce(overdue, 0), received from int_letter_stats where counted
)
group by all

-- findings: each letter answered late or not at all (amount: days past its day), and each
-- statistics row stating overdue letters (amount: how many)
select site_id, url,
       '来信 ' || strftime(received, '%Y-%m-%d') ||
       case when replied is null
            then '，至今未答复（应于 ' || strftime(deadline, '%Y-%m-%d') || ' 前）'
            else '，' || strftime(replied, '%Y-%m-%d') || ' 答复，晚于期限 '
                 || (replied - deadline) || ' 天'
       end as detail,
       null as related_url,
       coalesce(replied, getvariable('as_of')) - deadline as amount
from int_letters
where late_or_missing
union all
select site_id, url,
       '办理情况统计（' || coalesce(unit, '本站信箱') || '）：受理 ' || received || ' 件，超时 '
           || overdue || ' 件' as detail,
       null as related_url, overdue as amount
from int_letter_stats
where counted and overdue > 0

-- pending: not answered yet and not yet due
select site_id, url,
       '未到期：来信 ' || strftime(received, '%Y-%m-%d') || '，应于 '
           || strftime(deadline, '%Y-%m-%d') || ' 前答复，尚未见答复' as detail,
       null as related_url, (deadline - getvariable('as_of'))::int as amount
from int_letters
where pending

-- review: answered within the day but after the usual working days; a reply shown without a
-- day (or dated before the letter); statistics that do not state their overdue letters
select site_id, url,
       '来信 ' || strftime(received, '%Y-%m-%d') || '，' || strftime(replied, '%Y-%m-%d')
           || ' 答复，用时 ' || reply_workdays || ' 个工作日，超过一般期限 '
           || getvariable('letter_replies__usual_workdays')::int || ' 个工作日' as detail,
       null as related_url, reply_workdays as amount
from int_letters
where slow
union all
select site_id, url,
       '来信 ' || strftime(received, '%Y-%m-%d') || '，'
           || coalesce(problem, '页面有答复但未载明答复时间') || '，请人工核对' as detail,
       null as related_url, null as amount
from int_letters
where reply_unknown and deadline between getvariable('window_start') and getvariable('as_of')
union all
select site_id, url,
       '办理情况统计（' || coalesce(unit, '本站信箱') || '）：受理 ' || received
           || ' 件，未载明超时件数' as detail,
       null as related_url, received as amount
from int_letter_stats
where counted and overdue is null
