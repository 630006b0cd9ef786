-- Indicator names are the rule set's; shares lie in [0, 1]; numerators never exceed denominators.
select *
from indicators
where indicator not in ('update_frequency', 'interpretation_rate', 'graphic_share',
                        'interpretation_timeliness', 'disclosure_timeliness', 'attribute_labelled',
                        'validity_labelled', 'stale_columns', 'blank_columns', 'dead_links',
                        'homepage_updated', 'duplicate_posting')
   or (denominator is not null and numerator > denominator)
   or (indicator in ('update_frequency', 'interpretation_rate', 'graphic_share',
                     'interpretation_timeliness', 'disclosure_timeliness', 'attribute_labelled',
                     'validity_labelled') and (value < 0 or value > 1))
   or site_id is null or as_of is null
