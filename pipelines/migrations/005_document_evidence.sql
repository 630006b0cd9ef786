-- 5: what a document is, from the weight of its evidence (issue 15). Each document keeps every
-- signal about its type and the official class that decides whether it must be interpreted;
-- a pair says whether it counts or waits for a person; names an interpretation cites that no
-- page of its site carries are kept apart; a listing keeps what a table list's row stated.
alter table documents add column if not exists doc_type_evidence varchar[];
alter table documents add column if not exists official_class varchar;
alter table pairs add column if not exists counted boolean;
update pairs set counted = true where counted is null;
create table if not exists outside_citations (
    site_id varchar,
    interpretation_url varchar,
    cited_name varchar
);
alter table listings add column if not exists doc_no varchar;
alter table listings add column if not exists written_date date;
