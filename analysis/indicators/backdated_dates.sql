-- label: 发稿日期真实
-- short: 倒填日期
-- order: 130
-- kind: count
-- unit: 条
-- threshold: max_count
-- keys: max_count, min_days, sequence_min_days, batch_min
-- definition: 标注的发布日期早于此前一次已读到其所在位置、却未见该信息的抓取（伪造发稿日期）的信息条数；仅凭一次抓取中页面编号先后得出的“疑似倒填”列出备查，不计入
-- quote: 国办秘函〔2019〕19号 政府网站检查指标：“伪造发稿日期”（严重错误，单项否决）

-- score: proven by two crawls only; the one-crawl sequence signal is listed, not counted
select s.site_id, count(b.url) filter (b.kind = 'backdated') as numerator,
       null::int as denominator, 'exact' as basis
from sites s left join int_backdated b using (site_id) group by all

-- findings: each proven backdating with the crawl that missed it; each suspected one, marked
select site_id, url,
       case kind
           when 'backdated' then '标注发布日期 ' || strftime(published_date, '%Y-%m-%d')
               || '，但 ' || strftime(missed_at + interval 8 hour, '%Y-%m-%d')
               || ' 的抓取（' || missed_by || '）已读到该栏目此处，未见此信息；首次见于 '
               || strftime(first_listed + interval 8 hour, '%Y-%m-%d') || ' 的抓取：'
               || title
           else '疑似倒填（一次抓取的页面编号信号，不计入）：标注发布日期 '
               || strftime(published_date, '%Y-%m-%d') || '，而编号在前的页面已有 '
               || strftime(latest_before, '%Y-%m-%d') || ' 的信息：' || title
       end as detail,
       null as related_url, days_before as amount
from int_backdated
