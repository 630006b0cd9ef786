-- 3: pairing and scoring (issue 9). The analyst tables pairs, indicators and findings; the
-- working-day calendar as a table; the as-of date a site profile may declare.
create table if not exists workdays (
    day date primary key,
    is_workday boolean,
    workday_index integer,  -- working days from the table's first day up to and including this one
    basis varchar           -- official (chinese-calendar) / override (a State Council notice) / estimated (Mon–Fri)
);
create table if not exists pairs (
    site_id varchar,
    policy_url varchar,
    interpretation_url varchar,
    method varchar,
    confidence double,
    evidence varchar,
    lag_workdays integer,
    lag_basis varchar,
    reviewed varchar,
    review_note varchar,
    primary key (site_id, policy_url, interpretation_url)
);
create table if not exists indicators (
    site_id varchar,
    as_of date,
    indicator varchar,
    value double,
    numerator integer,
    denominator integer,
    threshold double,
    passed boolean,
    basis varchar,
    window_start date,
    rules varchar,
    scored_at timestamp,
    primary key (site_id, as_of, indicator)
);
create table if not exists findings (
    site_id varchar,
    as_of date,
    indicator varchar,
    url varchar,
    detail varchar,
    related_url varchar,  -- the other page of the finding (the late interpretation, the linking page …)
    amount integer        -- the finding's number: working days, items in the week, HTTP status …
);
alter table sites add column if not exists as_of date;
