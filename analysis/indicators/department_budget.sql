-- label: 部门预算公开
-- short: 部门预算
-- order: 175
-- kind: count
-- unit: 年
-- threshold: max_count
-- keys: max_count, period, due_months, review_after_months, expected_from, titles, document, parts
-- rule: （当年起第{due_months:g}个月末前公开；第{review_after_months:g}个月末后公开的列出待人工判断）
-- definition: 截止日期（规则所定，默认为预算年度年底）落在窗口内的年份中，本部门当年部门预算未公开或晚于截止日期公开的年数；某年的预算以标题所写年份认定，标题未写年份的按发布年份；只认标题写明“部门预算”的页面（所属单位预算不算）；晚于一般期限（默认4月底：人代会批准后20日内批复、批复后20日内公开）但在截止日期内公开的，以及页面未见三公经费的，列出待人工判断
-- quote: 枣庄市卫计委 2016 三(六)：“深入推进预决算公开。按照财政部门有关要求，推进预决算公开，公开内容应包括本单位职责、机构设置、一般公共预算收支、政府性基金预算收支、机关运行经费等情况”；济南市卫健委 2021：“稳步扩大预决算公开范围,推进卫生健康预算、决算及相关报表公开”

-- score: years whose document fell due in the window without it, or with a late one / years due
select site_id, count(*) filter (counted and missing_or_late) as numerator,
       count(*) filter (counted) as denominator, 'exact' as basis
from int_periodic_due
where indicator = 'department_budget'
group by all

-- findings: each period without its document (url: the homepage) or with a late one (days late)
select site_id, coalesce(url, homepage) as url,
       period_label || document ||
       case when url is null then '未公开（应于 ' || strftime(deadline, '%Y-%m-%d') || ' 前）'
            else ' ' || strftime(published_date, '%Y-%m-%d') || ' 公开，晚于 '
                 || strftime(deadline, '%Y-%m-%d') || ' ' || days_late || ' 天'
       end as detail,
       null as related_url, days_late as amount
from int_periodic_due
where indicator = 'department_budget' and counted and missing_or_late

-- pending: a period whose document can be expected but is not due yet, and not yet seen
select site_id, homepage as url,
       '未到期：' || period_label || document || '应于 ' || strftime(deadline, '%Y-%m-%d')
           || ' 前公开，尚未见' as detail,
       null as related_url, (deadline - getvariable('as_of'))::int as amount
from int_periodic_due
where indicator = 'department_budget' and pending

-- review: published after the usual bound but within the deadline (the source's day follows a
-- 批复 no page shows), and a page that names no 三公经费 (its tables may be in attachments)
select site_id, url,
       period_label || document || ' ' || strftime(published_date, '%Y-%m-%d')
           || ' 公开，晚于一般期限 ' || strftime(usual_bound, '%Y-%m-%d')
           || '（法定期限为批复后20日内，批复日期网站未载明）' as detail,
       null as related_url, (published_date - usual_bound)::int as amount
from int_periodic_due
where indicator = 'department_budget' and after_usual_bound and deadline >= getvariable('window_start')
union all
select p.site_id, p.url,
       p.period_label || p.document || '页面未见'
           || array_to_string(list_filter(getvariable('department_budget__parts'),
                  lambda x: not list_contains(coalesce(f.parts, []), x)), '、')
           || '（可能在附件中，请人工核对）' as detail,
       null as related_url, null as amount
from int_periodic_due p
left join (
    select site_id, url, json_extract_string(value, '$.parts[*]') as parts
    from stg_body_facts where fact = 'budget_parts'
) f using (site_id, url)
where p.indicator = 'department_budget' and p.url is not null and p.deadline >= getvariable('window_start')
  and len(list_filter(getvariable('department_budget__parts'),
          lambda x: not list_contains(coalesce(f.parts, []), x))) > 0
