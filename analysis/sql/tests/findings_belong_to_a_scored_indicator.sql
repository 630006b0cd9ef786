-- Every finding stands behind an indicator row of the same site and as-of date.
select f.*
from findings f
left join indicators i using (site_id, as_of, indicator)
where i.indicator is null
