-- A pair appears once.
select site_id, policy_url, interpretation_url, count(*) as n
from pairs group by all having count(*) > 1
