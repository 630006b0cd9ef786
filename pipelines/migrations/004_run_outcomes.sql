-- 4: runs an assessor can trust (issue 11). Each site's outcome in each run; the process behind a
-- run (to tell a live one from a killed one); each link check's outcome, kept per run as history,
-- and the one definition of a dead link every count uses.
create table if not exists site_runs (
    run_id varchar,
    site_id varchar,
    status varchar,    -- ok / partial / unreachable / blocked_by_robots / no_disclosure_entry / empty / interrupted
    pages integer,     -- responses below HTTP 400
    documents integer,
    errors integer,    -- dead links found in this run
    failures integer,  -- requests that got no answer (timeouts, refused, reset), after retries
    retries integer,   -- requests sent again after a fault (5xx, timeout, reset, truncated body)
    reason varchar,    -- why the status is not ok, in words
    primary key (run_id, site_id)
);
alter table runs add column if not exists pid integer;
alter table runs add column if not exists host varchar;
alter table link_checks add column if not exists outcome varchar;
alter table link_checks add column if not exists dead_since timestamp;
-- rows from before: the same rules as crawlers/outcomes.py, so an old outage's thousands of
-- "dead" rows become what they were (no answer), and only the server's own refusals stay dead
update link_checks set outcome = case
    when error like 'IgnoreRequest: Forbidden by robots.txt%' then 'robots'
    when error like '%larger than download max size%' then 'oversize'
    when error like 'redirect loop%' or error like 'IgnoreRequest: max redirections%' then 'dead'
    when status in (412, 418, 493, 521, 567) then 'blocked'
    when status in (408, 429, 502, 503, 504) then 'unreachable'
    when status >= 400 then 'dead'
    when error is not null then 'unreachable'
    else 'ok' end
where outcome is null;
update link_checks set dead_since = checked_at where outcome = 'dead' and dead_since is null;
create table if not exists link_check_history (
    site_id varchar,
    url varchar,
    run_id varchar,
    found_on varchar,
    status integer,
    error varchar,
    outcome varchar,
    checked_at timestamp
);
insert into link_check_history
select site_id, url, run_id, found_on, status, error, outcome, checked_at from link_checks
where not exists (select 1 from link_check_history);
create or replace view dead_links as
select site_id, url, found_on, status, error, dead_since, checked_at, run_id
from link_checks
where outcome = 'dead';
