-- label: 个人信息泄露
-- short: 个人信息
-- order: 115
-- kind: count
-- unit: 处
-- threshold: max_count
-- keys: max_count, counted, listed
-- rule: （页面正文中的身份证号等）
-- definition: 抓取时仍公开的页面标题或正文中，校验位正确的身份证号码（规则所列种类）的处数；手机号码、银行卡号可能是公开的联系或缴费方式，列为待人工判断，不计数。号码在数据库、评估表、工作簿和存档中一律遮蔽
-- quote: 中卫市卫健委 2020 (五)：“严格信息采集、审核、发布和登记等各个环节，严禁涉密信息上网，严禁泄露个人隐私和商业秘密”

-- score: personal numbers of the counted kinds on the site's pages (no denominator)
select s.site_id, count(p.url) as numerator, null::int as denominator, 'exact' as basis
from sites s
left join int_personal_data p
    on p.site_id = s.site_id and list_contains(getvariable('personal_data__counted'), p.kind)
group by all

-- findings: each number of a counted kind, masked, with its page
select site_id, url, shown as detail, null as related_url, 1 as amount
from int_personal_data
where list_contains(getvariable('personal_data__counted'), kind)

-- review: numbers of the listed kinds (a mobile may be a published contact), for a person
select site_id, url, shown || '，请核实是否属于个人信息' as detail, null as related_url,
       1 as amount
from int_personal_data
where list_contains(getvariable('personal_data__listed'), kind)
