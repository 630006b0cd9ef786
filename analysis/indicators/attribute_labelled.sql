-- label: 公开属性标注
-- short: 公开属性
-- order: 70
-- kind: share
-- threshold: required
-- keys: required, phrasings
-- definition: 窗口内发布的公文（政策文件，及带发文字号的通知等，不含解读）中，标注公开属性（主动公开、依申请公开、不予公开）的比例；规则列出规定表述时，另用其他表述的亦为问题
-- quote: 中卫市卫健委 2020 (三)“将行政公文标识公开属性贯穿于公文起草、签发、办理全流程，严格按照‘此件公开发布’‘此件依申请公开’‘此件删减后公开’和‘此件不公开’分类标识，不得另行创新”；黔南 2017 (一)3“明确主动公开、依申请公开、不予公开等属性”
-- changed: 旧定义只查政策文件；新定义查每件公文（含带文号的通知），规则可要求四种规定表述

-- score: 公文 of the window showing 公开属性 (in a prescribed phrasing, where the rule lists
-- some: the label as the page shows it holds one of them, whatever brackets or 信息公开形式：
-- stand around it) / 公文 of the window
select s.site_id,
       count(d.disclosure_attr) filter (
           len(getvariable('attribute_labelled__phrasings')) = 0
           or list_bool_or(list_transform(getvariable('attribute_labelled__phrasings'),
                                          lambda p: contains(d.disclosure_raw, p)))
       ) as numerator,
       count(d.url) as denominator, 'exact' as basis
from sites s
left join stg_documents d on d.site_id = s.site_id and d.in_window and d.official_document
group by all

-- findings: each 公文 without it, or with a phrasing the rule does not list
select site_id, url,
       case when disclosure_attr is null then '未标注公开属性：'
            else '公开属性表述“' || disclosure_raw || '”不是规定表述（'
                 || array_to_string(getvariable('attribute_labelled__phrasings'), '／') || '）：'
       end || title as detail,
       null as related_url, null as amount
from stg_documents
where in_window and official_document
  and (disclosure_attr is null
       or (len(getvariable('attribute_labelled__phrasings')) > 0
           and not list_bool_or(list_transform(getvariable('attribute_labelled__phrasings'),
                                               lambda p: contains(disclosure_raw, p)))))
