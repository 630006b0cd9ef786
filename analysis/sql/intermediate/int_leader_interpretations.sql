-- The interpretations of the 12 months to the as-of date that name the principal leader (the
-- body fact `leader`: an interview, press conference or article of the 主任 / 局长 / 党组书记).
with final as (
    select site_id, url, title, published_date
    from stg_body_facts
    where fact = 'leader' and doc_type = 'interpretation'
      and published_date > getvariable('as_of') - interval 1 year
      and published_date <= getvariable('as_of')
)

select * from final
