-- label: 建议提案答复全文公开
-- short: 提案答复
-- order: 178
-- kind: count
-- unit: 件
-- threshold: max_count
-- keys: max_count, min_chars, titles, excluded_titles
-- rule: （正文载有答复用语、不少于{min_chars:g}字或附有全文附件）
-- definition: 窗口内发布的人大代表建议、政协委员提案答复（以标题认定：规则所列答复用语，不含办理工作方案、总结、会议报道）中，正文既无答复用语（尊敬的…代表/委员、收悉、现答复如下）、又不足规则字数、也无附件，即只有标题或一句说明、未公开办理结果的件数；标题为摘要的列出待人工判断
-- quote: 济南市卫健委 2021 政务公开工作要点 二(四)：“推进人大代表建议和政协委员提案办理结果公开。对涉及公共利益、公众权益、社会关切及需要社会广泛知晓的建议和提案办理情况应主动公开”（只评已公开的答复是否载有办理结果全文，不评哪些应当公开）

-- score: replies published in the window without their full text / replies published in the window
select s.site_id, count(r.url) filter (not r.full_text) as numerator,
       count(r.url) as denominator, 'exact' as basis
from sites s left join int_proposal_replies r on r.site_id = s.site_id and r.in_window
group by all

-- findings: each reply whose page holds neither the text nor an attachment (amount: its characters)
select site_id, url,
       '答复未公开办理结果：正文仅 ' || body_chars || ' 字，无答复用语，无附件（' || title || '）' as detail,
       null as related_url, body_chars as amount
from int_proposal_replies
where in_window and not full_text

-- review: a reply that calls itself a summary (摘要) though its page is long enough
select site_id, url, '答复为摘要，请核对是否公开全文（' || title || '）' as detail,
       null as related_url, body_chars as amount
from int_proposal_replies
where in_window and full_text and title like '%摘要%'
