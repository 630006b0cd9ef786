-- label: 解读及时性
-- short: 解读及时
-- order: 40
-- kind: share
-- threshold: required
-- keys: max_workdays, required
-- rule: （{max_workdays:g}个工作日内）
-- definition: 有解读的政策文件中，首个解读在文件发布后规定工作日内发布的比例（按国务院公布的节假日安排计算工作日）
-- quote: 枣庄市卫计委 2016 (四)1“公布解读材料最迟不得超过政策文件公布后的3个工作日”；中卫 2020 (十五)“解读材料务必于政策文件印发公布后3个工作日内挂网发布”

-- score: policies whose first interpretation came in time / policies with an interpretation;
-- the basis is the weakest among the lags counted
select s.site_id,
       count(*) filter (f.lag_workdays <= getvariable('interpretation_timeliness__max_workdays'))
           as numerator,
       count(f.interpretation_url) as denominator,
       coalesce(max(f.lag_basis) filter (f.lag_basis = 'estimated'),
                max(f.lag_basis) filter (f.lag_basis = 'override'), 'official') as basis
from sites s
left join int_policies p using (site_id)
left join int_first_interpretations f on f.site_id = p.site_id and f.policy_url = p.url
group by all

-- findings: each late first interpretation (url the policy, amount its lag)
select site_id, policy_url as url,
       '首个解读晚于文件 ' || lag_workdays || ' 个工作日（'
           || coalesce(getvariable('basis_labels')[lag_basis], lag_basis) || '）' as detail,
       interpretation_url as related_url, lag_workdays as amount
from int_first_interpretations
where lag_workdays > getvariable('interpretation_timeliness__max_workdays')
