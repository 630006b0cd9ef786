-- Related links between documents (相关解读 / 相关文件 / 相关文章), on canonical URLs.
with source as (
    select * from document_links
),

final as (
    select site_id, from_url, to_url, anchor_text, relation
    from source
    where relation in ('interpretation', 'policy', 'related')
)

select * from final
