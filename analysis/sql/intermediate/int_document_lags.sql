-- Working days from 成文日期 to 发布日期 for documents in the window that show both.
with docs as (
    select site_id, url, written_date, published_date
    from stg_documents
    where in_window and written_date is not null
),

final as (
    select d.site_id, d.url, d.written_date, d.published_date,
           p.workday_index - w.workday_index as lag_workdays,
           case when 'estimated' in (w.basis, p.basis) then 'estimated'
                when 'override' in (w.basis, p.basis) then 'override'
                else 'official' end as lag_basis
    from docs d
    join workdays w on w.day = d.written_date
    join workdays p on p.day = d.published_date
)

select * from final
