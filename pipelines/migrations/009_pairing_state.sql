-- 9: what the last pairing saw and concluded (analysis/pairing_state.py), so that the next one
-- pairs again only the interpretations a change can reach. Internal: not for analysts (the
-- result is `pairs` and `outside_citations`); emptied, the next scoring pairs everything again.
create table if not exists pairing_documents (  -- each document pairing read, as it read it
    site_id varchar,
    url varchar,
    fingerprint ubigint,     -- of what pairing reads: title, type, 文号, 发布日期
    doc_type varchar,
    doc_no varchar,
    published_date date,
    explainable boolean,     -- stg_documents.explainable
    plain varchar,           -- the title folded and unquoted (analysis/titles.py plain_sql)
    bare boolean             -- the title is a bare name (a law): running text can name it
);
create table if not exists pairing_searches (  -- what each interpretation's title looked for
    site_id varchar,
    interpretation_url varchar,
    kind varchar,            -- core / loose (in a title without 的) / doc_no / mention
    query varchar
);
create table if not exists pairing_machine (  -- the machine's pairs, before the reviews
    site_id varchar,
    policy_url varchar,
    interpretation_url varchar,
    method varchar,
    confidence double,
    evidence varchar,
    counted boolean
);
create table if not exists pairing_outside (  -- the outside citations, as pairing found them
    site_id varchar,
    interpretation_url varchar,
    cited_name varchar
);
create table if not exists pairing_links (  -- int_pairs_linked, as pairing read it
    site_id varchar,
    policy_url varchar,
    interpretation_url varchar,
    method varchar,
    confidence double,
    evidence varchar
);
create table if not exists pairing_basis (  -- one row: what the state above was computed under
    code varchar,            -- a digest of the pairing code and its word lists
    counts_from double,      -- the rules file's [pairing] thresholds
    review_from double,
    saved_at timestamp
);
