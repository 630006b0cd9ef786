-- Each consultation of the window with the day its feedback falls due: its closing day (none
-- stated: the rule's least period from its opening) plus the rule's days for feedback; and
-- whether that day has come by the as-of date.
with final as (
    select *,
           coalesce(closes, opens + getvariable('consultation_period__min_days')::int - 1)
               + getvariable('consultation_feedback__max_days')::int as feedback_due,
           feedback_due <= getvariable('as_of') as feedback_counted,
           feedback_date <= feedback_due as answered_in_time
    from int_consultations
    where in_window
)

select * from final
