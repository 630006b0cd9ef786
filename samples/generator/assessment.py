"""The rest of the assessment planted in the samples: yearly reports (one late, one missing a part,
one whose table does not add up, one whose table is an image, a missing year), consultations (a
short period, an unstated one, one without feedback, one answered late, one still open), leader
interviews (a deputy's does not count) and the required columns' own pages (one left blank).

Planted after every other case, so the earlier documents and the random draws that made them
stay as they were.
"""

from __future__ import annotations

import datetime as dt

from samples.generator.plan import Doc, Image, Planner
from samples.generator.specs import AS_OF, SUBJECTS

D = dt.date
# site -> report year -> (variant, published); variants: ok, late, missing_part, unbalanced,
# image, numbered (parts numbered 第一部分 …). A year not listed has no report.
REPORTS: dict[str, dict[int, tuple[str, dt.date]]] = {
    "nhc": {2024: ("ok", D(2025, 1, 24)), 2025: ("ok", D(2026, 1, 23))},
    "jiangan": {2024: ("ok", D(2025, 1, 20)), 2025: ("late", D(2026, 2, 10))},
    "lingnan": {2024: ("ok", D(2025, 1, 27)), 2025: ("missing_part", D(2026, 1, 22))},
    "quanyang": {2024: ("unbalanced", D(2025, 1, 15)), 2025: ("ok", D(2026, 1, 29))},
    "qianxi": {2025: ("image", D(2026, 1, 21))},
    "shiling": {2024: ("numbered", D(2025, 1, 23)), 2025: ("numbered", D(2026, 1, 30))},
}
REPORT_PARTS = (
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)

# site -> consultations: (opens, closes, how the period is written, days from closing to the
# feedback; None: no feedback). Styles: range (A至B), deadline (截止时间：B), before (B前),
# days (为期N天), none (no period written)
CONSULTATIONS: dict[str, tuple[tuple, ...]] = {
    "nhc": ((D(2025, 3, 3), D(2025, 4, 1), "range", 20), (D(2025, 6, 3), D(2025, 6, 17), "range", 10)),
    "jiangan": ((D(2025, 5, 6), D(2025, 6, 4), "deadline", 25), (D(2026, 3, 2), D(2026, 4, 1), "range", None)),
    "lingnan": ((D(2025, 9, 1), None, "none", 40), (D(2026, 4, 1), D(2026, 4, 30), "before", 15)),
    "quanyang": ((D(2025, 7, 1), D(2025, 7, 30), "days", 75), (D(2026, 5, 11), D(2026, 6, 10), "range", 10)),
    "qianxi": ((D(2025, 10, 13), D(2025, 11, 11), "range", 30), (D(2026, 6, 1), D(2026, 6, 20), "range", 5)),
    "shiling": ((D(2025, 12, 1), D(2025, 12, 31), "deadline", 28), (D(2026, 10, 20), D(2026, 11, 18), "range", None)),
}  # fmt: skip

# site -> interviews: (day, principal?); the principal leader's title per site
LEADER_TITLES = {
    "nhc": ("党组书记、主任张建国", "副主任李卫东"),
    "jiangan": ("党组书记、主任王立新", "副主任赵敏"),
    "lingnan": ("党组书记、主任陈志远", "副主任林海"),
    "quanyang": ("党组书记、主任刘长春", "副主任周静"),
    "qianxi": ("党组书记、局长吴德明", "副局长杨帆"),
    "shiling": ("党组书记、局长孙伟", "副局长钱锋"),
}
INTERVIEWS: dict[str, tuple[tuple[dt.date, bool], ...]] = {
    "nhc": ((D(2026, 3, 5), True), (D(2026, 7, 9), True)),
    "jiangan": ((D(2025, 12, 10), True), (D(2026, 4, 14), True), (D(2026, 9, 8), True)),
    "lingnan": ((D(2026, 5, 20), True), (D(2026, 8, 18), False)),
    "quanyang": ((D(2025, 6, 12), True), (D(2026, 2, 26), True), (D(2026, 10, 15), True)),
    "qianxi": ((D(2026, 6, 16), False),),
    "shiling": ((D(2026, 1, 13), True), (D(2026, 6, 23), True), (D(2026, 9, 15), False)),
}

# one page for each column of the rules' required list the site has (guide, rules, apply), except
# shiling's 依申请公开: a required column left blank
COLUMN_PAGES = {
    "guide": ("{short}政府信息公开指南（2026年修订）", D(2026, 3, 16)),
    "rules": ("{short}政府信息公开工作制度", D(2026, 4, 13)),
    "apply": ("{short}政府信息公开申请表及办理流程", D(2026, 5, 18)),
}
BLANK_BY_DESIGN = {("shiling", "apply")}


def report_figures(p: Planner, variant: str) -> list[int]:
    """new, carried over, handled, carried forward (the last wrong when unbalanced)."""
    new, carried = p.rng.randint(3, 60), p.rng.randint(0, 4)
    forward = p.rng.randint(0, min(3, new))
    handled = new + carried - forward
    return [new, carried, handled, forward + (1 if variant == "unbalanced" else 0)]


def plant_reports(p: Planner) -> None:
    site = p.spec.site_id
    for year, (variant, day) in REPORTS.get(site, {}).items():
        assert not p.silent(day), (site, day)
        title = f"{p.spec.short}{year}年政府信息公开工作年度报告"
        doc = p.new_doc("annual", "other", title, day, SUBJECTS[0])
        p.platform_table(doc)
        parts = [
            x for x in REPORT_PARTS if not (variant == "missing_part" and x == REPORT_PARTS[4])
        ]
        doc.report = {
            "year": year,
            "variant": variant,
            "parts": parts,
            "figures": report_figures(p, variant),
            "table": "image" if variant == "image" else "html",
        }
        if variant == "image":
            doc.images = [Image()]
        p.plant(f"annual_report_{variant}", doc, year=year)
    for year in (2024, 2025):
        if year not in REPORTS.get(site, {}):
            p.plant("annual_report_missing", year=year)


def plant_consultations(p: Planner) -> None:
    site, region = p.spec.site_id, p.spec.region
    for i, (opens, closes, style, feedback_after) in enumerate(CONSULTATIONS.get(site, ())):
        subject = SUBJECTS[(i * 7 + len(site)) % len(SUBJECTS)]
        draft = f"{region}{subject}管理办法（征求意见稿）"
        assert not p.silent(opens), (site, opens)
        doc = p.new_doc("consult", "other", f"关于公开征求《{draft}》意见的通知", opens, subject)
        p.platform_table(doc)
        doc.consultation = {"draft": draft, "opens": opens, "closes": closes, "style": style}
        case = "consultation"
        if feedback_after is not None:
            due_from = closes or opens + dt.timedelta(29)
            day = due_from + dt.timedelta(feedback_after)
            assert not p.silent(day), (site, day)
            feedback = p.new_doc(
                "consult", "other", f"关于《{draft}》征求意见采纳情况的说明", day, subject
            )
            p.platform_table(feedback)
            feedback.consultation = {"draft": draft, "feedback_for": doc}
            doc.consultation["feedback"] = feedback
        p.plant(case, doc, style=style)


def plant_notice_consultations(p: Planner) -> None:
    """The 通知公告 column's 关于征求《…》意见的公告 are consultations too: each states a 30-day
    period; about two in three get their feedback 10–25 days after closing."""
    for doc in [
        d for d in p.docs if d.column.kind == "notice" and d.title.startswith("关于征求《")
    ]:
        draft = doc.title[doc.title.index("《") + 1 : doc.title.rindex("》")]
        closes = doc.published + dt.timedelta(29)
        doc.consultation = {
            "draft": draft,
            "opens": doc.published,
            "closes": closes,
            "style": "range",
        }
        day = closes + dt.timedelta(p.rng.randint(10, 25))
        if p.rng.random() < 0.67 and day <= AS_OF and not p.silent(day):
            title = p.unique_title(lambda d=draft: f"关于《{d}》征求意见采纳情况的说明")
            feedback = p.new_doc(doc.column.key, "notice", title, day, doc.subject)
            feedback.consultation = {"draft": draft, "feedback_for": doc}
            doc.consultation["feedback"] = feedback


def plant_interviews(p: Planner) -> None:
    site = p.spec.site_id
    principal, deputy = LEADER_TITLES[site]
    interps: dict[int, Doc] = {}
    for d in p.docs:
        if d.interprets is not None:
            seen = interps.get(d.interprets)
            if seen is None or d.published < seen.published:
                interps[d.interprets] = d
    for day, is_principal in INTERVIEWS.get(site, ()):
        assert not p.silent(day), (site, day)
        # a policy already interpreted before the day: the interview adds to it, changes no lag
        policy = next(
            p.docs[seq]
            for seq, first in sorted(interps.items(), key=lambda kv: kv[1].published, reverse=True)
            if first.published <= day and p.docs[seq].published <= day
        )
        doc = p.interpretation_for(policy, day, "interview")
        doc.leader = principal if is_principal else deputy
        p.plant("leader_interview" if is_principal else "deputy_interview", doc)


def plant_column_pages(p: Planner) -> None:
    site = p.spec.site_id
    for key, (title, day) in COLUMN_PAGES.items():
        col = p.cols.get(key)
        if col is None or col.rate > 0 or (site, key) in BLANK_BY_DESIGN:
            continue
        doc = p.new_doc(key, "other", title.format(short=p.spec.short), day, SUBJECTS[0])
        p.platform_table(doc)


def plant_assessment(p: Planner) -> None:
    plant_reports(p)
    plant_consultations(p)
    plant_notice_consultations(p)
    plant_interviews(p)
    plant_column_pages(p)
