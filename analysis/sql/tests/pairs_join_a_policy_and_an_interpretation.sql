-- A machine pair joins a stored document (any type but an interpretation: the one the
-- interpretation names counts as a policy whatever it was typed) to a stored interpretation.
select p.*
from pairs p
left join documents pol on pol.site_id = p.site_id and pol.url = p.policy_url
left join documents i on i.site_id = p.site_id and i.url = p.interpretation_url
where p.method <> 'manual'
  and (pol.url is null or pol.doc_type = 'interpretation'
       or i.doc_type is distinct from 'interpretation')
