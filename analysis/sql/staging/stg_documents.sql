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
        -- a document an interpretation can explain (be paired with by a link or a name): any
        -- type but an interpretation, and a news item only when it carries a 文号
        doc_type <> 'interpretation' and (doc_type <> 'news' or doc_no is not null) as explainable,
        published_date between getvariable('window_start') and getvariable('as_of') as in_window
    from source
)

select * from final
