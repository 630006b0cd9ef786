-- Each reply to a 人大代表建议 or 政协委员提案 a site published (known by the rule's title words,
-- getvariable('proposal_replies__titles'), read in the title without its spaces (`建议的答 复`),
-- and not its excluded words: a 办理工作方案, a yearly 总结, a meeting's report are not replies),
-- and whether its page carries the reply: the reply's own words (尊敬的…代表, 收悉, 现答复如下:
-- stg_body_facts, reply), a body of at least the rule's characters, or an attachment (the reply
-- as a file). A real reply can be a few lines long; a page with none of these is a title.
-- materialized
-- (read by several indicators' queries: computed once per scoring)
with replies as (
    -- the titles are read once per document and kept (analysis/sql/kept/document_facts.sql)
    select d.site_id, d.url, d.title, d.published_date, d.in_window, d.body_chars,
           d.attachment_count
    from stg_documents d
    join document_facts f on f.site_id = d.site_id and f.url = d.url
    where f.proposal_title
),

answers as (
    select site_id, url, json_extract(value, '$.answers')::boolean as answers
    from stg_body_facts
    where fact = 'reply'
),

final as (
    select r.site_id, r.url, r.title, r.published_date, r.in_window, r.body_chars,
           r.attachment_count, coalesce(a.answers, false) as answers,
           coalesce(a.answers, false)
               or coalesce(r.body_chars, 0) >= getvariable('proposal_replies__min_chars')
               or coalesce(r.attachment_count, 0) > 0 as full_text
    from replies r
    left join answers a using (site_id, url)
)

select * from final
