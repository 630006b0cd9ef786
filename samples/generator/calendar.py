"""Working days for the generator and the answer key, from the official calendar.

Deliberately separate from the product's own working-day code (analysis/): the key must not be
computed by the code it checks.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar


@cache
def is_workday(day: dt.date) -> bool:
    return chinese_calendar.is_workday(day)


def add_workdays(day: dt.date, n: int) -> dt.date:
    """The date n working days after `day` (n=0: the same day)."""
    while n > 0:
        day += dt.timedelta(1)
        if is_workday(day):
            n -= 1
    return day


def sub_workdays(day: dt.date, n: int) -> dt.date:
    """The date n working days before `day`."""
    while n > 0:
        day -= dt.timedelta(1)
        if is_workday(day):
            n -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: 0 for the same day, negative when end is before start."""
    if end < start:
        return -workdays_between(end, start)
    return sum(1 for i in range(1, (end - start).days + 1) if is_workday(start + dt.timedelta(i)))


def mon_fri_between(start: dt.date, end: dt.date) -> int:
    """The naive Monday–Friday count, kept only to prove which planted cases need the calendar."""
    return sum(
        1 for i in range(1, (end - start).days + 1) if (start + dt.timedelta(i)).weekday() < 5
    )
