-- Every pair of two dated documents has its working-day lag and the basis of the count.
select p.*
from pairs p
join documents pol on pol.site_id = p.site_id and pol.url = p.policy_url
join documents i on i.site_id = p.site_id and i.url = p.interpretation_url
where pol.published_date >= '2000-01-01' and i.published_date >= '2000-01-01'
  and (p.lag_workdays is null or p.lag_basis not in ('official', 'override', 'estimated'))
