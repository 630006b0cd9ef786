-- Each year's 政府信息公开工作年度报告 as a site published it (known by its title): the parts its
-- headings lack, how its application table was read (read / image / attachment / missing /
-- unreadable) and, read, its totals and the columns whose 一 + 二 ≠ 三（七） + 四. A year posted
-- twice (a copy in another column) counts its first publication.
with reports as (
    select
        site_id,
        url,
        title,
        published_date,
        in_window,
        json_extract_string(value, '$.year')::int as report_year,
        from_json(json_extract(value, '$.missing_parts'), '["VARCHAR"]') as missing_parts,
        json_extract_string(value, '$.table') as table_state,
        json_extract(value, '$.figures.new')::int as new_requests,
        json_extract(value, '$.figures.carried_over')::int as carried_over,
        json_extract(value, '$.figures.handled')::int as handled,
        json_extract(value, '$.figures.carried_forward')::int as carried_forward,
        coalesce(from_json(json_extract(value, '$.unbalanced'), '["VARCHAR"]'), [])
            as unbalanced_columns,
        from_json(json_extract(value, '$.missing_rows'), '["VARCHAR"]') as missing_rows
    from stg_body_facts
    where fact = 'annual_report'
),

final as (
    select *,
           table_state = 'read' and len(unbalanced_columns) = 0 as table_adds_up
    from reports
    qualify row_number() over (
        partition by site_id, report_year order by published_date nulls last, url
    ) = 1
)

select * from final
