-- A machine pair joins a stored policy to a stored interpretation of the same site.
select p.*
from pairs p
left join documents pol on pol.site_id = p.site_id and pol.url = p.policy_url
left join documents i on i.site_id = p.site_id and i.url = p.interpretation_url
where p.method <> 'manual'
  and (pol.doc_type is distinct from 'policy' or i.doc_type is distinct from 'interpretation')
