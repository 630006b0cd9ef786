-- label: 留言答复及时
-- short: 留言答复
-- order: 57
-- kind: count
-- unit: 件
-- threshold: max_count
-- judged: 网站公开了来信或信箱（12345）办理情况统计的
-- keys: max_count, reply_days, usual_workdays
-- rule: （来信后{reply_days:g}日内答复；超过{usual_workdays:g}个工作日的列出待人工判断）
-- definition: 窗口内收到的来信（领导信箱、咨询投诉、留言办理等页面写明来信时间的），到期（来信后规定日数）仍未答复或晚于期限答复的件数；未到期且未答复的为未到期；期限内答复但超过一般期限（默认5个工作日）的列出待人工判断。窗口内未公开逐件来信、只公开信箱或12345办理情况统计的，按窗口内发布的统计中本委（局）一行（或本站信箱的总数）的超时（超期）件数计，统计未载明超时件数的列出待人工判断；两者皆无的不评
-- quote: 黔南州卫计委 2017 (八) 提升回应关切水平：“确保回应不超时、内容不敷衍”；《信访条例》(2005) 第三十三条：“信访事项应当自受理之日起60日内办结”

-- score: letters received in the window answered late or not at all by their day / letters
-- received in the window that are answered or due; a site showing no letter of the window is
-- scored on the statistics it published in the window (overdue / received, its own row);
-- sites showing neither have no verdict
with letters as (
    select site_id,
           (replied > deadline or (replied is null and deadline <= getvariable('as_of')))::int
               as late,
           (replied is not null or deadline <= getvariable('as_of'))::int as due
    from int_letters
    where received >= getvariable('window_start')
),

stats as (
    select site_id, coalesce(overdue, 0) as late, received as due
    from int_letter_stats
    where published_date between getvariable('window_start') and getvariable('as_of')
      and site_id not in (select site_id from letters)
)

select site_id, sum(late) as numerator, sum(due) as denominator, 'exact' as basis
from (select * from letters union all select * from stats)
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
where received >= getvariable('window_start')
  and (replied > deadline or (replied is null and deadline <= getvariable('as_of')))
union all
select site_id, url,
       '办理情况统计（' || coalesce(unit, '本站信箱') || '）：受理 ' || received || ' 件，超时 '
           || overdue || ' 件' as detail,
       null as related_url, overdue as amount
from int_letter_stats
where published_date between getvariable('window_start') and getvariable('as_of')
  and overdue > 0
  and site_id not in (select site_id from int_letters
                      where received >= getvariable('window_start'))

-- pending: not answered yet and not yet due
select site_id, url,
       '未到期：来信 ' || strftime(received, '%Y-%m-%d') || '，应于 '
           || strftime(deadline, '%Y-%m-%d') || ' 前答复，尚未见答复' as detail,
       null as related_url, (deadline - getvariable('as_of'))::int as amount
from int_letters
where received >= getvariable('window_start') and replied is null
  and deadline > getvariable('as_of')

-- review: answered within the day but after the usual working days; statistics that do not
-- state their overdue letters
select site_id, url,
       '来信 ' || strftime(received, '%Y-%m-%d') || '，' || strftime(replied, '%Y-%m-%d')
           || ' 答复，用时 ' || reply_workdays || ' 个工作日，超过一般期限 '
           || getvariable('letter_replies__usual_workdays')::int || ' 个工作日' as detail,
       null as related_url, reply_workdays as amount
from int_letters
where received >= getvariable('window_start') and replied <= deadline
  and reply_workdays > getvariable('letter_replies__usual_workdays')
union all
select site_id, url,
       '办理情况统计（' || coalesce(unit, '本站信箱') || '）：受理 ' || received
           || ' 件，未载明超时件数' as detail,
       null as related_url, received as amount
from int_letter_stats
where published_date between getvariable('window_start') and getvariable('as_of')
  and overdue is null
  and site_id not in (select site_id from int_letters
                      where received >= getvariable('window_start'))
