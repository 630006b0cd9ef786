"""The key for the rest of the assessment: yearly reports, consultations, leader interviews and
required columns, from the generator's own records (samples/generator/assessment.py). The rules
it assumes are the default rules', written out here in the generator's own words."""

from __future__ import annotations

import datetime as dt
import re

from samples.generator import calendar
from samples.generator.disclosures import CLEANUP_FIRST_YEAR, CLEANUP_YEARS
from samples.generator.plan import Doc, SitePlan
from samples.generator.specs import AS_OF, HISTORY_START

REPORT_DEADLINE = (1, 31)  # the report on year Y is due by 31 January of Y + 1
CONSULTATION_MIN_DAYS = 30
FEEDBACK_MAX_DAYS = 30
LEADER_MIN_PER_YEAR = 2
# the default rules' required columns, per level: one regular expression per requirement
REQUIRED_COLUMNS = {
    "national": ("预决算|财政信息", "建议提案|提案办理", "解读|图解", "公开指南", "公开制度", "年报|年度报告", "依申请公开"),
    "provincial": ("预决算|财政信息", "权责清单", "双随机", "建议提案|提案办理", "解读|图解", "公开指南", "公开制度", "年报|年度报告", "依申请公开"),
}  # fmt: skip
REQUIRED_COLUMNS["prefecture"] = REQUIRED_COLUMNS["county"] = REQUIRED_COLUMNS["provincial"]


def annual_reports(plan: SitePlan) -> dict:
    reports = [d for d in plan.docs if d.report]
    due = []
    for year in range(HISTORY_START.year - 1, AS_OF.year):
        deadline = dt.date(year + 1, *REPORT_DEADLINE)
        if not HISTORY_START <= deadline <= AS_OF:
            continue
        doc = next((d for d in reports if d.report["year"] == year), None)
        due.append(
            {
                "year": year,
                "deadline": deadline.isoformat(),
                "url": doc.path if doc else None,
                "days_late": (doc.published - deadline).days if doc else None,
            }
        )
    read = []
    for d in sorted(reports, key=lambda d: d.report["year"]):
        r = d.report
        new, carried, handled, forward = r["figures"]
        read.append(
            {
                "year": r["year"],
                "url": d.path,
                "published": d.published.isoformat(),
                "missing_parts": [p for p in PARTS if p not in r["parts"]],
                "table": "read" if r["table"] == "html" else r["table"],
                "figures": r["figures"] if r["table"] == "html" else None,
                "adds_up": r["table"] == "html" and new + carried == handled + forward,
            }
        )
    return {"due": due, "reports": read}


PARTS = (
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)


def consultations(plan: SitePlan) -> list[dict]:
    rows = []
    for d in plan.docs:
        c = d.consultation
        if not c or "feedback_for" in c:
            continue
        opens, closes = c["opens"], c["closes"]
        period = (closes - opens).days + 1 if closes else None
        feedback = c.get("feedback")
        due = (closes or opens + dt.timedelta(CONSULTATION_MIN_DAYS - 1)) + dt.timedelta(
            FEEDBACK_MAX_DAYS
        )
        rows.append(
            {
                "url": d.path,
                "title": d.title,
                "period_days": period,
                "period_ok": period is not None and period >= CONSULTATION_MIN_DAYS,
                "feedback_url": feedback.path if feedback else None,
                "feedback_published": feedback.published.isoformat() if feedback else None,
                "feedback_due": due.isoformat(),
                "feedback_counted": due <= AS_OF,
                "feedback_ok": bool(feedback and feedback.published <= due),
            }
        )
    return sorted(rows, key=lambda r: r["url"])


def leader_interpretations(plan: SitePlan) -> dict:
    since = AS_OF.replace(year=AS_OF.year - 1)
    counted = sorted(
        d.path
        for d in plan.docs
        if d.leader and not d.leader.startswith("副") and since < d.published <= AS_OF
    )
    return {"minimum": LEADER_MIN_PER_YEAR, "last_12_months": len(counted), "urls": counted}


def required_columns(plan: SitePlan) -> dict:
    used = {d.column.key for d in plan.docs}
    missing, blank = [], []
    for wanted in REQUIRED_COLUMNS.get(plan.spec.level, ()):
        matches = [c for c in plan.spec.columns if re.search(wanted, c.name)]
        if not matches:
            missing.append(wanted)
        elif not any(c.key in used for c in matches):
            blank.append(max(matches, key=lambda c: c.key).name)
    return {"missing": missing, "blank": blank}


EPIDEMIC_LEVELS = ("national", "provincial")  # the default rules' levels (突发事件's too)
CATALOGUE_DUE_MONTHS = 12  # the catalogue of year Y within year Y
# the default rules' 部门预算 (within its year; after April listed) and 部门决算 (within the year
# after; after September of it listed): kind -> due_months, expected once the year is over,
# review_after_months
BUDGET_DUTIES = {
    "department_budget": (12, False, 4),
    "department_final_accounts": (24, True, 21),
}


def disclosed(plan: SitePlan, kind: str) -> list[Doc]:
    """The site's documents the generator planted as a disclosure of this kind."""
    return [d for d in plan.docs if d.disclosure and d.disclosure["kind"] == kind]


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(1)


def epidemic_reports(plan: SitePlan) -> dict | None:
    """法定传染病疫情概况, monthly, at the levels the default rule names."""
    return monthly_duty(plan, "epidemic_report")


def emergency_events(plan: SitePlan) -> dict | None:
    """突发公共卫生事件 reports, monthly, judged only where the site has published one."""
    return monthly_duty(plan, "emergency_event", where_published=True)


def monthly_duty(plan: SitePlan, kind: str, *, where_published: bool = False) -> dict | None:
    """Each month whose report is due (the end of the next month) in the window: the report for
    it, if any, and whether it is late; the months ended whose report is not due yet (None: a
    level the rule does not name, or, `where_published`, a site that never published one; the
    months before its first are not judged)."""
    if plan.spec.level not in EPIDEMIC_LEVELS:
        return None
    reports = {(d.disclosure["year"], d.disclosure["month"]): d for d in disclosed(plan, kind)}
    if where_published and not reports:
        return None
    first = min(reports) if where_published else (0, 0)  # the series began: judged from then
    due, pending = [], []
    year, month = HISTORY_START.year - 1, 1
    while dt.date(year, month, 1) < AS_OF.replace(day=1):
        nxt = (year + (month == 12), month % 12 + 1)
        deadline = _month_end(*nxt)
        doc = reports.get((year, month))
        if (year, month) < first:
            pass
        elif HISTORY_START <= deadline <= AS_OF:
            due.append({
                "month": f"{year}-{month:02d}",
                "url": doc.path if doc else None,
                "days_late": (doc.published - deadline).days if doc else None,
                "missing_or_late": doc is None or doc.published > deadline,
            })  # fmt: skip
        elif deadline > AS_OF and doc is None:
            pending.append(f"{year}-{month:02d}")
        year, month = nxt
    return {"due": due, "pending": pending}


def _month_end_after(year: int, months: int) -> dt.date:
    """The last day of the `months`-th month counted from January of `year`."""
    return _month_end(year + (months - 1) // 12, (months - 1) % 12 + 1)


def yearly_duty(
    plan: SitePlan,
    kind: str,
    *,
    due_months: int,
    expected_end: bool,
    review_after: int | None,
    years: int = 1,
    first_year: int = 2000,
) -> dict:
    """A document due once a year (the default rules' periodic duties): each year whose deadline
    falls in the window (the document, days late, missing or late), the years expected but not
    yet due and not published, and the documents published after the usual bound but within
    the deadline (listed for a person), with those whose page names no 三公经费."""
    docs: dict[int, Doc] = {}  # the first one published for each year
    for d in sorted(disclosed(plan, kind), key=lambda d: (d.published, d.path)):
        docs.setdefault(d.disclosure["year"], d)
    due, pending, late_usual, without = [], [], [], []
    start = HISTORY_START.year - 2 - years
    for year in range(start - (start - first_year) % years, AS_OF.year + 1, years):
        deadline = _month_end_after(year, due_months)
        expected = dt.date(year + expected_end * years, 1, 1)
        doc = docs.get(year)
        if HISTORY_START <= deadline <= AS_OF:
            due.append({
                "year": year,
                "url": doc.path if doc else None,
                "days_late": (doc.published - deadline).days if doc else None,
                "missing_or_late": doc is None or doc.published > deadline,
            })  # fmt: skip
        elif deadline > AS_OF and doc is None and expected <= AS_OF:
            pending.append(year)
        if doc and deadline >= HISTORY_START:
            if review_after and _month_end_after(year, review_after) < doc.published <= deadline:
                late_usual.append({"year": year, "url": doc.path})
            if not doc.disclosure.get("three_public", True):
                without.append({"year": year, "url": doc.path})
    return {
        "due": due,
        "pending": pending,
        "after_usual_bound": late_usual,
        "without_three_public": without,
    }


RANDOM_INSPECTION_LEVELS = ("provincial", "prefecture", "county")  # the default rules' levels


def normative_cleanups(plan: SitePlan) -> dict:
    """规范性文件清理结果: one every two years from 2018, within the period (its first year keys
    each period)."""
    return yearly_duty(
        plan, "normative_cleanup", due_months=24, expected_end=False, review_after=None,
        years=CLEANUP_YEARS, first_year=CLEANUP_FIRST_YEAR,
    )  # fmt: skip


def random_inspections(plan: SitePlan) -> dict | None:
    """双随机一公开 抽查结果: at least one a year, within the year, of the levels the rule names."""
    if plan.spec.level not in RANDOM_INSPECTION_LEVELS:
        return None
    return yearly_duty(
        plan, "random_inspection", due_months=12, expected_end=False, review_after=None
    )


def guides(plan: SitePlan) -> dict | None:
    """The 办事指南 a site shows (None: none): how many, and those without some element the
    default rule requires (the elements they lack, in the rule's order)."""
    shown = disclosed(plan, "guide")
    if not shown:
        return None
    incomplete = [{"url": d.path, "missing": d.disclosure["missing"]}
                  for d in shown if d.disclosure["missing"]]  # fmt: skip
    return {"seen": len(shown), "incomplete": sorted(incomplete, key=lambda g: g["url"])}


# the default rule's 回应关切 columns (regular expressions, any one) and its least number
CONCERN_COLUMNS = ("回应关切", "热点回应", "舆情回应", "回应社会关切", "政务舆情")
CONCERN_MIN = 1


def concern_responses(plan: SitePlan) -> dict | None:
    """The responses a site's 回应关切 columns published in the window (None: no such column)."""
    columns = {
        c.key for c in plan.spec.columns if any(re.search(w, c.name) for w in CONCERN_COLUMNS)
    }
    if not columns:
        return None
    shown = sorted(d.path for d in plan.docs
                   if d.column.key in columns and HISTORY_START <= d.published <= AS_OF)  # fmt: skip
    return {"in_window": len(shown), "urls": shown, "below_minimum": len(shown) < CONCERN_MIN}


# the default rules' enforcement decisions: published within 20 working days of the decision
# (after 7 listed), a county's within 7
DECISION_WORKDAYS, DECISION_COUNTY_WORKDAYS = 20, 7


def decisions(plan: SitePlan) -> dict | None:
    """The enforcement decisions a site shows (None: it shows none): those published in the
    window more than 20 working days after they were made (a county's: 7), those after 7 at
    the other levels (listed), those whose
    page shows no day (listed), and how many were counted (published in the window, dated)."""
    shown = disclosed(plan, "decision")
    if not shown:
        return None
    in_window = [d for d in shown if HISTORY_START <= d.published <= AS_OF]
    dated = [d for d in in_window if d.disclosure["decided"]]
    county = plan.spec.level == "county"
    limit = DECISION_COUNTY_WORKDAYS if county else DECISION_WORKDAYS
    lag = {d.path: calendar.workdays_between(dt.date.fromisoformat(d.disclosure["decided"]),
                                            d.published) for d in dated}  # fmt: skip
    return {
        "counted": len(dated),
        "late": sorted(p for p, n in lag.items() if n > limit),
        "slow": sorted(
            p for p, n in lag.items() if not county and DECISION_COUNTY_WORKDAYS < n <= limit
        ),
        "undated": sorted(d.path for d in in_window if not d.disclosure["decided"]),
    }


# the default rules' letters: answered within 60 days (after 5 working days listed), and
# unanswered for more than 3 months among those of the last 12 (the veto)
LETTER_REPLY_DAYS, LETTER_USUAL_WORKDAYS = 60, 5
UNANSWERED_MONTHS, LOOKBACK_MONTHS = 3, 12


def _months_before(day: dt.date, months: int) -> dt.date:
    """The day `months` before, clamped to the month's end (as DuckDB's date - interval)."""
    month = day.month - months
    year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
    return min(day.replace(day=1, year=year, month=month) + dt.timedelta(day.day - 1),
               _month_end(year, month))  # fmt: skip


def letters(plan: SitePlan) -> dict | None:
    """The letters the site shows (a site showing none: its statistics, or None): those due
    in the window (their day within it) answered late or not at all, those not yet due, those
    answered in the window within their day but after the usual working days, those whose
    reply the page shows without its day (listed, in no figure), and those unanswered for more
    than 3 months among the last 12 months' (the veto)."""
    shown = disclosed(plan, "letter")
    if not shown:
        return letter_stats(plan)
    late, pending, slow, undated, unanswered = [], [], [], [], []
    due = lookback = 0
    since, long_ago = (
        _months_before(AS_OF, LOOKBACK_MONTHS),
        _months_before(AS_OF, UNANSWERED_MONTHS),
    )
    for d in shown:
        received = dt.date.fromisoformat(d.disclosure["received"])
        replied = d.disclosure["replied"] and dt.date.fromisoformat(d.disclosure["replied"])
        deadline = received + dt.timedelta(LETTER_REPLY_DAYS)
        in_window = HISTORY_START <= deadline <= AS_OF
        if d.disclosure["reply_undated"]:
            if in_window:
                undated.append(d.path)
        elif in_window:
            due += 1
            if not replied or replied > deadline:
                late.append(d.path)
        elif not replied and deadline > AS_OF:
            pending.append(d.path)
        if (
            replied
            and HISTORY_START <= replied <= AS_OF
            and replied <= deadline
            and calendar.workdays_between(received, replied) > LETTER_USUAL_WORKDAYS
        ):
            slow.append(d.path)
        if received > since:
            lookback += 1
            if not replied and not d.disclosure["reply_undated"] and received <= long_ago:
                unanswered.append(d.path)
    return {
        "due": due,
        "late_or_missing": sorted(late),
        "pending": sorted(pending),
        "listed": sorted(slow + undated),
        "unanswered": sorted(unanswered),
        "lookback": lookback,
    }


def letter_stats(plan: SitePlan) -> dict | None:
    """A site showing no letter, scored on the mailbox statistics it published in the window:
    overdue over received, each statement of overdue letters a finding, one not stating them
    listed for a person (None: it published none either)."""
    stats = [d for d in disclosed(plan, "letter_stats") if HISTORY_START <= d.published <= AS_OF]
    if not stats:
        return None
    return {
        "statistics": True,
        "due": sum(d.disclosure["received"] for d in stats),
        "overdue": sum(d.disclosure["overdue"] or 0 for d in stats),
        "late_or_missing": sorted(d.path for d in stats if d.disclosure["overdue"]),
        "pending": [],
        "listed": sorted(d.path for d in stats if d.disclosure["overdue"] is None),
    }


def decision_catalogues(plan: SitePlan) -> dict:
    return yearly_duty(
        plan,
        "decision_catalogue",
        due_months=CATALOGUE_DUE_MONTHS,
        expected_end=False,
        review_after=None,
    )


def proposal_replies(plan: SitePlan) -> dict:
    """The replies to suggestions and proposals (the column's replies, as the generator titles
    them, and the planted ones) published in the window: those without their full text, and
    the summaries (摘要) listed for a person."""
    replies = [
        d
        for d in plan.docs
        if HISTORY_START <= d.published <= AS_OF
        and (
            (d.disclosure and d.disclosure["kind"] == "proposal_reply")
            or (d.column.key == "proposals" and "答复" in d.title)
        )
    ]
    full = {d.path: not d.disclosure or d.disclosure["full"] for d in replies}
    return {
        "replies": len(replies),
        "without_text": sorted(path for path, ok in full.items() if not ok),
        "summaries": sorted(d.path for d in replies if "摘要" in d.title and full[d.path]),
    }


def personal_data(plan: SitePlan) -> dict:
    """The pages that show a valid ID number or a mobile number (counted, listed), and the
    numbers masked as the scorecard must show them; an ID-like number with a wrong check
    character is on no list."""
    found: dict[str, list] = {"id_card": [], "mobile": [], "numbers": [], "not_personal": []}
    for d in plan.docs:
        pd = d.disclosure if d.disclosure and d.disclosure["kind"] == "personal_data" else None
        if pd is None:
            continue
        if "id_card" in pd:
            found["id_card"].append(
                {"url": d.path, "masked": pd["id_card"][:6] + "*" * 8 + pd["id_card"][-4:]}
            )
            found["numbers"].append(pd["id_card"])
        if "mobile" in pd:
            found["mobile"].append(
                {"url": d.path, "masked": pd["mobile"][:3] + "****" + pd["mobile"][-4:]}
            )
            found["numbers"].append(pd["mobile"])
        if "id_like" in pd:
            found["not_personal"].append({"url": d.path, "number": pd["id_like"]})
    return found


def assessment(plan: SitePlan) -> dict:
    return {
        "epidemic_reports": epidemic_reports(plan),
        "emergency_events": emergency_events(plan),
        "decision_catalogues": decision_catalogues(plan),
        "personal_data": personal_data(plan),
        "proposal_replies": proposal_replies(plan),
        "random_inspection": random_inspections(plan),
        "normative_cleanup": normative_cleanups(plan),
        "letters": letters(plan),
        "decisions": decisions(plan),
        "guides": guides(plan),
        "concern_responses": concern_responses(plan),
        **{
            kind: yearly_duty(plan, kind, due_months=due, expected_end=end, review_after=review)
            for kind, (due, end, review) in BUDGET_DUTIES.items()
        },
        "annual_reports": annual_reports(plan),
        "consultations": consultations(plan),
        "leader_interpretations": leader_interpretations(plan),
        "required_columns": required_columns(plan),
    }
