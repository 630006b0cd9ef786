-- Indicator names are the registry's (analysis/indicators.py, set as the variables
-- `indicator_names` and `share_indicators` by whoever runs the test); shares lie in [0, 1];
-- numerators never exceed denominators.
select *
from indicators
where not list_contains(getvariable('indicator_names'), indicator)
   or (denominator is not null and numerator > denominator)
   or (list_contains(getvariable('share_indicators'), indicator) and (value < 0 or value > 1))
   or site_id is null or as_of is null
