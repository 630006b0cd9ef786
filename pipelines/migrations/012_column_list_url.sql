-- 12: a shell column's list (issue 16's unchanged week, kept small): the one address a column
-- page without rows loads them from (gkmlpt's JSON API). An incremental walk asks for it directly
-- and reads the shell only if it fails. Internal, like `columns.family`.
alter table columns add column if not exists list_url varchar;
