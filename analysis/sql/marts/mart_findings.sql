-- The evidence behind every indicator: one row per item that counts against it (the unpaired
-- policy, the late interpretation and its lag, the silent week, the stale column, the dead link …).
with docs as (
    select * from stg_documents where in_window
),

first_interps as (
    select * from int_first_interpretations
),

silent_weeks as (
    select site_id, 'update_frequency' as indicator, null as url,
           strftime(week_start, '%Y-%m-%d') || ' 起一周发布 ' || items || ' 条，少于 '
               || getvariable('update_frequency__min_per_week')::int || ' 条' as detail,
           null as related_url, items as amount
    from int_weeks
    where items < getvariable('update_frequency__min_per_week')
),

unpaired as (
    select d.site_id, 'interpretation_rate', d.url, '政策文件无解读：' || d.title, null, null
    from int_policies d
    left join first_interps f on f.site_id = d.site_id and f.policy_url = d.url
    where f.policy_url is null
),

late as (
    select site_id, 'interpretation_timeliness', policy_url,
           '首个解读晚于文件 ' || lag_workdays || ' 个工作日（'
               || coalesce(getvariable('basis_labels')[lag_basis], lag_basis) || '）',
           interpretation_url, lag_workdays
    from first_interps
    where lag_workdays > getvariable('interpretation_timeliness__max_workdays')
),

unlinked as (
    select site_id, 'policy_linkage', policy_url,
           case when not forward and not backward then '政策页面与解读页面互未链接'
                when not forward then '政策页面未链接其解读'
                else '解读页面未链接回政策文件' end,
           interpretation_url, null
    from int_pair_links
    where not (forward and backward)
),

not_graphic as (
    select site_id, 'graphic_share', url,
           '解读形式：' || coalesce(getvariable('form_labels')[interpretation_form],
                                 interpretation_form, '未识别') || '：' || title, null, null
    from docs
    where doc_type = 'interpretation' and interpretation_form is distinct from 'graphic'
),

slow_disclosure as (
    select site_id, 'disclosure_timeliness', url,
           case when lag_workdays < 0 then '成文日期晚于发布日期'
                else '成文后 ' || lag_workdays || ' 个工作日才发布（'
                     || coalesce(getvariable('basis_labels')[lag_basis], lag_basis) || '）' end,
           null, lag_workdays
    from int_document_lags
    where lag_workdays < 0 or lag_workdays > getvariable('disclosure_timeliness__max_workdays')
),

unlabelled as (
    select site_id, 'attribute_labelled', url, '未标注公开属性：' || title, null, null
    from docs where doc_type = 'policy' and disclosure_attr is null
    union all
    select site_id, 'validity_labelled', url, '未标注有效性：' || title, null, null
    from docs where doc_type = 'policy' and validity is null
),

stale as (
    select site_id, 'stale_columns', column_url,
           name || '：最近更新 ' || strftime(last_published, '%Y-%m-%d') || '，早于 '
               || strftime(oldest_fresh, '%Y-%m-%d'),
           null, (getvariable('as_of') - last_published)::int
    from int_column_freshness
    where stale
),

blank as (
    select site_id, 'blank_columns', column_url, name || '：空白栏目', null, 0
    from int_column_freshness where blank
),

dead as (
    select site_id, 'dead_links', url,
           trim(coalesce('HTTP ' || status, '') || coalesce(' ' || error, ''))
           || coalesce('（' || strftime(dead_since + interval 8 hour, '%Y-%m-%d') || ' 起无法访问）', ''),
           found_on, status
    from dead_links
),

stale_homepage as (
    select site_id, 'homepage_updated', homepage,
           coalesce('首页最新信息日期 ' || strftime(last_update, '%Y-%m-%d'), '首页没有带日期的信息'),
           null, (getvariable('as_of') - last_update)::int
    from int_homepage
    where last_update is null
       or getvariable('as_of') - last_update > getvariable('homepage_updated__max_days')
),

backdated as (
    select site_id, 'backdated_dates', url,
           case kind
               when 'backdated' then '标注发布日期 ' || strftime(published_date, '%Y-%m-%d')
                   || '，但 ' || strftime(missed_at + interval 8 hour, '%Y-%m-%d')
                   || ' 的抓取（' || missed_by || '）已读到该栏目此处，未见此信息；首次见于 '
                   || strftime(first_listed + interval 8 hour, '%Y-%m-%d') || ' 的抓取：'
                   || title
               else '疑似倒填（一次抓取的页面编号信号，不计入）：标注发布日期 '
                   || strftime(published_date, '%Y-%m-%d') || '，而编号在前的页面已有 '
                   || strftime(latest_before, '%Y-%m-%d') || ' 的信息：' || title
           end,
           null, days_before
    from int_backdated
),

duplicate_posting as (
    select site_id, 'duplicate_posting', url, '同一信息在多个栏目发布：' || title, kept_url, columns
    from int_duplicates
),

final as (
    select * from silent_weeks
    union all select * from unpaired
    union all select * from late
    union all select * from unlinked
    union all select * from not_graphic
    union all select * from slow_disclosure
    union all select * from unlabelled
    union all select * from stale
    union all select * from blank
    union all select * from dead
    union all select * from stale_homepage
    union all select * from backdated
    union all select * from duplicate_posting
)

select * from final
