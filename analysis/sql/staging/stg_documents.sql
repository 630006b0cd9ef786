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
        official_class,
        published_date,
        written_date,
        doc_no,
        disclosure_attr,
        validity,
        interpretation_form,
        published_date between getvariable('window_start') and getvariable('as_of') as in_window
    from source
)

select * from final
