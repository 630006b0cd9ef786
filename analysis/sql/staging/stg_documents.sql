-- Every stored document, typed for analysis; dates China-local.
with source as (
    select * from documents
),

final as (
    select
        site_id,
        url,
        title,
        column_url,
        column_kind,
        doc_type,
        published_date,
        written_date,
        doc_no,
        disclosure_attr,
        validity,
        interpretation_form,
        -- the name a title quotes: its 《…》, else the whole title
        coalesce(nullif(regexp_extract(title, '《([^》]+)》', 1), ''), title) as quoted_name,
        published_date between getvariable('window_start') and getvariable('as_of') as in_window
    from source
)

select * from final
