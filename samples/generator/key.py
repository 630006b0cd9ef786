"""The answer key: expected documents, pairs, columns, dead links and indicator values.

Computed here from the generator's own records with its own working-day code; it shares nothing
with `analysis/`, so a bug there cannot hide behind the same bug here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from samples.generator import calendar
from samples.generator.key_assessment import assessment
from samples.generator.plan import Doc, SitePlan
from samples.generator.render_base import SiteFiles
from samples.generator.specs import AS_OF, HISTORY_START

# Stale-column periods the national checklist states (国办秘函〔2019〕19号, from the 2015 普查评分表),
# by column kind: 动态要闻 2 weeks, 通知公告 / 政策文件 6 months (the veto of 5), 人事 / 规划计划 1 year
# (only in 应更新但长期未更新, with the blank columns: the veto of 10). Other kinds state none.
STALE_MONTHS = {"news": None, "notice": 6, "policy": 6, "personnel": 12, "planning": 12}
FREQUENT_KINDS = ("news", "notice", "policy")
STALE_NEWS_DAYS = 14
WEEKLY_MINIMUM = 2  # updates (days with a new item) a week: 黔南 2017 每周更新不少于2次
INTERP_MAX_WORKDAYS = 3
DISCLOSURE_MAX_WORKDAYS = 20

DOCUMENT_FIELDS = (
    "site_id",
    "url",
    "title",
    "column_name",
    "column_kind",
    "doc_type",
    "published_date",
    "written_date",
    "index_no",
    "index_no_raw",
    "doc_no",
    "doc_no_raw",
    "issuer",
    "topic",
    "validity",
    "disclosure_attr",
    "disclosure_raw",
    "interpretation_form",
    "attachment_count",
    "image_count",
    "expected_warnings",
    "duplicate_of",
)


def doc_type(doc: Doc) -> str:
    """What the generator meant the document to be, whatever column it was filed under."""
    return doc.doc_type


def document_row(doc: Doc, docs: list[Doc]) -> dict:
    return {
        "site_id": doc.site_id,
        "url": doc.path,
        "title": doc.title,
        "column_name": doc.column.name,
        "column_kind": doc.column.kind,
        "doc_type": doc_type(doc),
        "published_date": doc.published.isoformat(),
        "written_date": doc.written.isoformat() if doc.written else "",
        "index_no": doc.index_no or "",
        "index_no_raw": doc.index_no_raw or "",
        "doc_no": doc.doc_no or "",
        "doc_no_raw": doc.doc_no_raw or "",
        "issuer": doc.issuer or "",
        "topic": doc.topic or "",
        "validity": doc.validity or "",
        "disclosure_attr": doc.disclosure_attr or "",
        "disclosure_raw": doc.disclosure_raw or "",
        "interpretation_form": doc.interp_form or "",
        "attachment_count": len(doc.attachments),
        "image_count": len(doc.images),
        "expected_warnings": ";".join(doc.expected_warnings),
        "duplicate_of": docs[doc.duplicate_of].path if doc.duplicate_of is not None else "",
    }


def months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = [
        31,
        29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return dt.date(y, m + 1, min(day.day, last_day[m]))


def stale_limit(kind: str) -> tuple[dt.date, str] | None:
    """The oldest acceptable last-update date for a column of this kind and the rule's words;
    None for a kind the checklist states no period for."""
    if kind == "news":
        return AS_OF - dt.timedelta(STALE_NEWS_DAYS), "2周"
    if kind not in STALE_MONTHS:
        return None
    months = STALE_MONTHS[kind]
    return months_before(AS_OF, months), "6个月" if months == 6 else "1年"


def official_document(doc: Doc) -> bool:
    """A 公文 (中卫 2020 (三)): a policy, or any document but an interpretation with a 文号."""
    return doc_type(doc) != "interpretation" and (doc_type(doc) == "policy" or bool(doc.doc_no))


def publishable(doc: Doc) -> bool:
    """注明可以公开发布的文件 (黔南 2017 (五)3): a 公文 not marked 依申请公开 or 不予公开."""
    return official_document(doc) and doc.disclosure_attr not in ("依申请公开", "不予公开")


def pairs(plan: SitePlan) -> list[dict]:
    rows = []
    for doc in plan.docs:
        if doc.interprets is None or not doc.has_page:
            continue
        policy = plan.docs[doc.interprets]
        lag = calendar.workdays_between(policy.published, doc.published)
        rows.append(
            {
                "site_id": plan.spec.site_id,
                "policy_url": policy.path,
                "interpretation_url": doc.path,
                "policy_published": policy.published.isoformat(),
                "interpretation_published": doc.published.isoformat(),
                "working_days": lag,
                "late": lag > INTERP_MAX_WORKDAYS,
                "interpretation_form": doc.interp_form,
                # the pages link each other (相关解读 / 相关文件); False: the interpretation only
                # names its policy in its title
                "linked": policy.seq in doc.related,
            }
        )
    return rows


def linkage(plan: SitePlan, site_pairs: list[dict], related_on: tuple[str, ...]) -> dict:
    """济南 2021: each pair's pages published linked to each other, as this family prints them."""
    by_path = {d.path: d for d in plan.docs}
    unlinked = []
    for pair in site_pairs:
        policy, interp = by_path[pair["policy_url"]], by_path[pair["interpretation_url"]]
        forward = "policy" in related_on and interp.seq in policy.related
        backward = "interpretation" in related_on and policy.seq in interp.related
        if not (forward and backward):
            missing = (
                "both" if not (forward or backward) else ("forward" if not forward else "backward")
            )
            unlinked.append(
                {**{k: pair[k] for k in ("policy_url", "interpretation_url")}, "missing": missing}
            )
    return {
        "pairs": len(site_pairs),
        "linked": len(site_pairs) - len(unlinked),
        "share": round((len(site_pairs) - len(unlinked)) / len(site_pairs), 4)
        if site_pairs
        else None,
        "unlinked": sorted(unlinked, key=lambda r: (r["policy_url"], r["interpretation_url"])),
    }


def indicators(plan: SitePlan, files: SiteFiles, related_on: tuple[str, ...]) -> dict:
    docs = [d for d in plan.docs if d.has_page]
    site_pairs = pairs(plan)
    # update frequency: complete Monday–Sunday weeks before the as-of week
    # update frequency: complete Monday–Sunday weeks before the as-of week; an update is a day
    # with new items (two items one afternoon are one update)
    per_week = Counter(d.published - dt.timedelta(d.published.weekday()) for d in docs)
    days_per_week = Counter(
        day - dt.timedelta(day.weekday()) for day in {d.published for d in docs}
    )
    weeks = []
    week = HISTORY_START
    while week + dt.timedelta(6) < AS_OF:
        weeks.append(
            {
                "week_start": week.isoformat(),
                "count": days_per_week.get(week, 0),
                "items": per_week.get(week, 0),
            }
        )
        week += dt.timedelta(7)
    below = [w for w in weeks if w["count"] < WEEKLY_MINIMUM]

    policies = [d for d in docs if doc_type(d) == "policy"]
    first_interp: dict[str, dict] = {}
    for pair in site_pairs:
        seen = first_interp.get(pair["policy_url"])
        if seen is None or pair["interpretation_published"] < seen["interpretation_published"]:
            first_interp[pair["policy_url"]] = pair
    # a policy still inside its interpretation time limit without an interpretation (or, for
    # 图解占比, without a 图解) is not yet due (未到期): in neither numerator nor denominator
    with_graphic = {
        pair["policy_url"] for pair in site_pairs if pair["interpretation_form"] == "graphic"
    }
    in_limit = {
        p.path
        for p in policies
        if calendar.workdays_between(p.published, AS_OF) <= INTERP_MAX_WORKDAYS
    }
    pending = [p for p in policies if p.path not in first_interp and p.path in in_limit]
    due = [p for p in policies if p not in pending]
    # 图解占比: of the policies due, those with a graphic interpretation (中卫 2020 (十五) 其中)
    graphic_due = [p for p in policies if p.path in with_graphic or p.path not in in_limit]
    graphic = [p for p in graphic_due if p.path in with_graphic]
    late = sorted(
        (
            {
                "policy_url": p["policy_url"],
                "interpretation_url": p["interpretation_url"],
                "working_days": p["working_days"],
            }
            for p in first_interp.values()
            if p["late"]
        ),
        key=lambda r: r["policy_url"],
    )

    over_20, written_after = [], []
    with_written = [d for d in docs if d.written]
    for d in with_written:
        lag = calendar.workdays_between(d.written, d.published)
        if lag < 0:
            written_after.append(d.path)
        elif lag > DISCLOSURE_MAX_WORKDAYS:
            over_20.append({"url": d.path, "working_days": lag})

    stale, blank = [], []
    for col in plan.spec.columns:
        listed = [d for d in plan.docs if d.column.key == col.key]
        if not listed:
            blank.append(col.name)
            continue
        last = max(d.published for d in listed)
        limit = stale_limit(col.kind)
        if limit and last < limit[0]:
            stale.append(
                {
                    "column": col.name,
                    "kind": col.kind,
                    "last_published": last.isoformat(),
                    "rule": limit[1],
                    "counted_in_veto_of_5": col.kind in FREQUENT_KINDS,
                }
            )

    homepage_last = max(plan.docs[s].published for s in files.homepage_items)
    counts = Counter(doc_type(d) for d in docs)
    return {
        "site_id": plan.spec.site_id,
        "as_of": AS_OF.isoformat(),
        "documents": len(docs),
        "documents_by_type": dict(sorted(counts.items())),
        "weekly_updates": {
            "minimum_per_week": WEEKLY_MINIMUM,
            "complete_weeks": len(weeks),
            "weeks_below_minimum": len(below),
            "weeks": weeks,
        },
        "interpretation_rate": {
            "policies": len(due),
            "interpreted": sum(1 for p in due if p.path in first_interp),
            "rate": round(sum(1 for p in due if p.path in first_interp) / len(due), 4)
            if due
            else None,
            "missing": sorted(p.path for p in due if p.path not in first_interp),
            "pending": sorted(p.path for p in pending),
        },
        "graphic_share": {
            "policies": len(graphic_due),
            "graphic": len(graphic),
            "share": round(len(graphic) / len(graphic_due), 4) if graphic_due else None,
            "without_graphic": sorted(p.path for p in graphic_due if p.path not in with_graphic),
            "pending": sorted(p.path for p in policies if p not in graphic_due),
        },
        "interpretation_timeliness": {
            "max_working_days": INTERP_MAX_WORKDAYS,
            "policies_with_interpretation": len(first_interp),
            "late_count": len(late),
            "late": late,
        },
        "policy_linkage": linkage(plan, site_pairs, related_on),
        "disclosure_timeliness": {
            "max_working_days": DISCLOSURE_MAX_WORKDAYS,
            "with_written_date": len(with_written),
            "over_limit_count": len(over_20),
            "over_limit": sorted(over_20, key=lambda r: r["url"]),
            "written_after_published": sorted(written_after),
        },
        "stale_columns": [c for c in stale if c["counted_in_veto_of_5"]],
        # 应更新但长期未更新: blank columns and every stale column of a kind with a stated period
        "should_update_columns": sorted(blank + [c["column"] for c in stale]),
        "blank_columns": blank,
        "dead_links": len(files.dead_links),
        "homepage": {
            "last_update": homepage_last.isoformat(),
            "days_since": (AS_OF - homepage_last).days,
            "not_updated_2_weeks": (AS_OF - homepage_last).days > 14,
        },
        # every 公文 shows its 公开属性; every publishable one its 有效性
        "official_documents": sum(1 for d in docs if official_document(d)),
        "missing_disclosure_attr": sorted(
            d.path for d in docs if official_document(d) and not d.disclosure_attr
        ),
        "publishable_documents": sum(1 for d in docs if publishable(d)),
        "missing_validity": sorted(d.path for d in docs if publishable(d) and not d.validity),
        "posted_in_several_columns": sorted(d.path for d in docs if d.duplicate_of is not None),
        # a false 发布日期: proven only by two crawls (samples/generator/weeks.py plants one a week
        # later); one crawl's page numbers suggest it (a page numbered after newer ones)
        "backdated": sorted(d.path for d in docs if "backdated" in d.flags),
        **assessment(plan),
    }
