-- Every stored document, typed for analysis; dates China-local.
-- materialized for a past moment
-- (else a view: each query reads its own columns of the stored table, cheaper than a copy of
-- every document each scoring; a past moment's documents are a view joining their versions)
with source as (
    select * from documents
),

final as (
    select
        site_id,
        url,
        title,
        flat_title(title) as flat_title,  -- analysis/sql/macros.sql
        column_url,
        first_seen_at,
        column_kind,
        doc_type,
        official_class,
        published_date,
        written_date,
        doc_no,
        disclosure_attr,
        validity,
        interpretation_form,
        body_chars,
        attachment_count,
        -- a document an interpretation can explain (be paired with by a link or a name): any
        -- type but an interpretation, and a news item only when it carries a 文号
        doc_type <> 'interpretation' and (doc_type <> 'news' or doc_no is not null) as explainable,
        -- a 公文 (中卫 2020 (三): every 公文 shows its 公开属性): a policy document, or any
        -- document but an interpretation that carries a 发文字号
        doc_type <> 'interpretation' and (doc_type = 'policy' or doc_no is not null)
            as official_document,
        disclosure_raw,
        published_date between getvariable('window_start') and getvariable('as_of') as in_window
    from source
)

select * from final
