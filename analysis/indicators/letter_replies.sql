-- label: 留言答复及时
-- short: 留言答复
-- order: 57
-- kind: count
-- unit: 件
-- threshold: max_count
-- keys: max_count, reply_days, usual_workdays
-- rule: （来信后{reply_days:g}日内答复；超过{usual_workdays:g}个工作日的列出待人工判断）
-- definition: 窗口内收到的来信（领导信箱、咨询投诉、留言办理等页面写明来信时间的），到期（来信后规定日数）仍未答复或晚于期限答复的件数；未到期且未答复的为未到期；期限内答复但超过一般期限（默认5个工作日）的列出待人工判断；网站未公开任何来信的不评
-- quote: 黔南州卫计委 2017 (八) 提升回应关切水平：“确保回应不超时、内容不敷衍”；《信访条例》(2005) 第三十三条：“信访事项应当自受理之日起60日内办结”

-- score: letters received in the window answered late or not at all by their day / letters
-- received in the window that are answered or due; sites showing no letter have no verdict
select site_id,
       count(*) filter (replied > deadline
                        or (replied is null and deadline <= getvariable('as_of'))) as numerator,
       count(*) filter (replied is not null or deadline <= getvariable('as_of')) as denominator,
       'exact' as basis
from int_letters
where received >= getvariable('window_start')
group by all

-- findings: each letter answered late or not at all (amount: days past its day)
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

-- pending: not answered yet and not yet due
select site_id, url,
       '未到期：来信 ' || strftime(received, '%Y-%m-%d') || '，应于 '
           || strftime(deadline, '%Y-%m-%d') || ' 前答复，尚未见答复' as detail,
       null as related_url, (deadline - getvariable('as_of'))::int as amount
from int_letters
where received >= getvariable('window_start') and replied is null
  and deadline > getvariable('as_of')

-- review: answered within the day but after the usual working days
select site_id, url,
       '来信 ' || strftime(received, '%Y-%m-%d') || '，' || strftime(replied, '%Y-%m-%d')
           || ' 答复，用时 ' || reply_workdays || ' 个工作日，超过一般期限 '
           || getvariable('letter_replies__usual_workdays')::int || ' 个工作日' as detail,
       null as related_url, reply_workdays as amount
from int_letters
where received >= getvariable('window_start') and replied <= deadline
  and reply_workdays > getvariable('letter_replies__usual_workdays')
