-- label: 发稿日期真实
-- short: 倒填日期
-- order: 130
-- kind: count
-- unit: 条
-- threshold: max_count
-- keys: max_count, min_days, sequence_min_days, batch_min, migration_columns, migration_share
-- definition: 标注的发布日期早于此前一次已读到其所在位置、却未见该信息的抓取（伪造发稿日期）的信息条数，集中补发（一天内在一个或少数栏目补发、日期分布在栏目停更期间）逐条计入；同一天以新网址形式或在多个栏目大批出现的“疑似网站迁移”列出规模供人工判断，不计入；仅凭一次抓取中页面编号先后得出的“疑似倒填”列出备查，不计入
-- quote: 国办秘函〔2019〕19号 政府网站检查指标：“伪造发稿日期”（严重错误，单项否决）

-- score: proven by two crawls only; the one-crawl sequence signal is listed, not counted
select s.site_id, count(b.url) filter (b.kind = 'backdated') as numerator,
       null::int as denominator, 'exact' as basis
from sites s left join int_backdated b using (site_id) group by all

-- changed: 旧定义把同一栏目同一天出现3条及以上的倒填信息当作“迁移批次”整批剔除且不列出（集中补发恰是最常见的伪造发稿日期）；新定义逐条计入补发，只把多栏目、新网址形式或大半历史同时出现的批次列为疑似迁移，供人工判断；“此前一次抓取”须在该信息首次被见到之前已经结束：发现该信息的同一次抓取、或未记录结束时间的抓取（被中断杀死的），其栏目读取不再作为证据

-- findings: each proven backdating with the crawl that missed it; each suspected one, marked
select site_id, url,
       case kind
           when 'backdated' then '标注发布日期 ' || strftime(published_date, '%Y-%m-%d')
               || '，但 ' || strftime(missed_at + getvariable('china_offset'), '%Y-%m-%d')
               || ' 的抓取（' || missed_by || '）已读到该栏目此处，未见此信息；首次见于 '
               || strftime(first_listed + getvariable('china_offset'), '%Y-%m-%d') || ' 的抓取：'
               || title
           else '疑似倒填（一次抓取的页面编号信号，不计入）：标注发布日期 '
               || strftime(published_date, '%Y-%m-%d') || '，而编号在前的页面已有 '
               || strftime(latest_before, '%Y-%m-%d') || ' 的信息：' || title
       end as detail,
       null as related_url, days_before as amount
from int_backdated
where kind <> 'migration'

-- review: each batch that looks like a migration, once, with its size (amount), for a person
select site_id, url,
       '疑似网站迁移（不计入，请人工判断）：' || strftime(first_listed, '%Y-%m-%d') || ' 一次出现 '
           || batch_size || ' 条旧日期信息，涉及 ' || batch_columns || ' 个栏目，标注日期 '
           || strftime(published_date, '%Y-%m-%d') || ' 至 ' || strftime(batch_newest, '%Y-%m-%d')
           || '；首条见本页' as detail,
       null as related_url, batch_size as amount
from int_backdated
where kind = 'migration'
