-- Expressions more than one SQL file computes, declared once: created on the connection before
-- any file of analysis/sql/ runs (analysis/db.py create_macros). A kept table's digest includes
-- this file, so changing a macro computes the kept tables again.

-- a title without its spaces, for title words (extraction leaves single spaces: `建议的答 复`,
-- `部门 预算` where a title is broken over two lines)
create or replace temp macro flat_title(title) as replace(title, ' ', '');
