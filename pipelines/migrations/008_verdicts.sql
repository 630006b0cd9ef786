-- 8: verdicts that follow their sources (issue 24). A finding's status: 'finding' counts against
-- its indicator; 'pending' is an item not yet due (未到期) and 'review' one for a person to judge
-- (待人工判断): in neither numerator nor denominator, listed so a person sees them.
alter table findings add column if not exists status varchar default 'finding';
