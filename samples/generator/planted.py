"""The planted cases: the warts of real sites, placed on purpose and recorded in the key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from samples.generator import calendar
from samples.generator.assessment import plant_assessment
from samples.generator.disclosures import plant_disclosures
from samples.generator.plan import Attachment, Doc, Image, Planner
from samples.generator.specs import AS_OF, SUBJECTS

# (site, policy date, interpretation date, case): dates chosen around 国庆 2025 and 春节 2026
WORKING_DAY_CASES = (
    ("nhc", dt.date(2025, 9, 25), dt.date(2025, 9, 30), "interp_late_only_in_working_days"),
    ("lingnan", dt.date(2026, 2, 25), dt.date(2026, 3, 2), "interp_late_only_in_working_days"),
    ("quanyang", dt.date(2025, 9, 30), dt.date(2025, 10, 9), "interp_on_time_across_holiday"),
    ("jiangan", dt.date(2026, 2, 13), dt.date(2026, 2, 25), "interp_on_time_across_holiday"),
)


def pick(planner: Planner, pred: Callable[[Doc], bool]) -> Doc:
    candidates = [d for d in planner.docs if pred(d) and not d.flags]
    if not candidates:
        raise RuntimeError(f"{planner.spec.site_id}: no document fits a planted case")
    return planner.rng.choice(candidates)


def in_year(doc: Doc, year: int) -> bool:
    return doc.published.year == year


def plant_cases(p: Planner) -> None:
    site = p.spec.site_id
    for case_site, policy_day, interp_day, case in WORKING_DAY_CASES:
        if case_site == site:
            subject = SUBJECTS[len(p.docs) % len(SUBJECTS)]
            title = p.unique_title(
                lambda s=subject: f"关于印发《{p.spec.region}{s}专项行动方案》的通知"
            )
            policy = p.new_doc("policy", "policy", title, policy_day, subject)
            p.fill_official(policy, with_doc_no=True, with_written=True)
            interp = p.interpretation_for(policy, interp_day, "graphic")
            p.plant(
                case,
                interp,
                policy_published=policy_day.isoformat(),
                interp_published=interp_day.isoformat(),
                working_days=calendar.workdays_between(policy_day, interp_day),
                mon_fri_days=calendar.mon_fri_between(policy_day, interp_day),
                calendar_days=(interp_day - policy_day).days,
            )
    if p.spec.silent:
        start, end = p.spec.silent
        p.plant("site_silent_3_weeks", start=start.isoformat(), end=end.isoformat())
    for col in p.spec.columns:
        if col.last_item:
            p.plant("stale_column", column=col.name, last_item=col.last_item.isoformat())

    if site == "nhc":
        doc = pick(p, lambda d: d.doc_type == "news" and in_year(d, 2026))
        doc.title = "<img src=x onerror=alert(1)>" + doc.title
        p.plant("xss_img_title", doc)
        doc = pick(p, lambda d: d.interp_form == "graphic" and in_year(d, 2026))
        doc.images[-1].exists = False
        p.plant("broken_image", doc)
    if site == "jiangan":
        doc = pick(p, lambda d: d.doc_type == "notice" and in_year(d, 2026))
        doc.title = doc.title.replace("关于", "关于<script>alert(1)</script>", 1)
        p.plant("xss_script_title", doc)
        doc = pick(p, lambda d: d.doc_type == "notice" and in_year(d, 2026))
        doc.has_page = False
        p.plant("dead_detail_page", doc)
        # a real title of two characters: still an item of its list (issue 15)
        doc = pick(p, lambda d: d.doc_type == "notice" and not d.doc_no and in_year(d, 2026))
        doc.title = "通知"
        p.plant("two_character_title", doc)
        for shift in (1, -2):
            doc = pick(p, lambda d: d.doc_type in ("policy", "notice") and in_year(d, 2025))
            doc.meta_pubdate = doc.published + dt.timedelta(shift)
            p.plant("meta_pubdate_mismatch", doc, meta=doc.meta_pubdate.isoformat())
    if site == "lingnan":
        doc = pick(p, lambda d: d.doc_type == "policy" and in_year(d, 2026))
        doc.written = calendar.add_workdays(doc.published, 3)
        doc.signing = f"{doc.written.year}年{doc.written.month}月{doc.written.day}日"
        p.plant("written_after_published", doc, written=doc.written.isoformat())
        doc = pick(p, lambda d: d.doc_type == "news" and in_year(d, 2025))
        doc.meta_pubdate = doc.published - dt.timedelta(30)
        p.plant("meta_pubdate_mismatch", doc, meta=doc.meta_pubdate.isoformat())
    if site == "quanyang":
        doc = pick(p, lambda d: d.doc_type == "policy" and d.attachments and in_year(d, 2026))
        doc.attachments[0].exists = False
        p.plant("missing_attachment", doc)
        doc = pick(p, lambda d: d.doc_type == "policy" and in_year(d, 2025))
        doc.disclosure_attr = doc.disclosure_raw = None
        doc.validity = None
        p.plant("missing_disclosure_and_validity", doc)
        doc = pick(p, lambda d: d.doc_type == "policy" and in_year(d, 2025) and d.written)
        doc.written = calendar.add_workdays(doc.published, 2)
        doc.signing = f"{doc.written.year}年{doc.written.month}月{doc.written.day}日"
        p.plant("written_after_published", doc, written=doc.written.isoformat())
        original = pick(p, lambda d: d.doc_type == "notice" and in_year(d, 2026))
        twin = p.new_doc(
            "news", original.doc_type, original.title, original.published, original.subject
        )
        for name in (
            "index_no",
            "index_no_raw",
            "issuer",
            "topic",
            "written",
            "signing",
            "doc_no",
            "doc_no_raw",
            "validity",
            "disclosure_attr",
            "disclosure_raw",
            "disclosure_in_body",
            "show_table",
            "time",
        ):
            setattr(twin, name, getattr(original, name))
        twin.attachments = [Attachment(a.name, a.ext) for a in original.attachments]
        twin.duplicate_of = original.seq
        p.plant("posted_in_two_columns", twin, columns=[original.column.name, twin.column.name])
        original.flags.append("posted_in_two_columns")
        policy = pick(p, lambda d: d.doc_type == "policy" and d.related and in_year(d, 2026))
        news = pick(p, lambda d: d.doc_type == "news" and d.published <= policy.published)
        policy.related.append(news.seq)
        p.plant("related_block_links_news", policy, news=news)
    if site == "qianxi":
        doc = pick(p, lambda d: d.interp_form == "graphic" and d.interprets is not None)
        policy = p.docs[doc.interprets]
        quoted = (
            policy.title[policy.title.index("《") + 1 : policy.title.rindex("》")]
            if "《" in policy.title
            else policy.title
        )
        doc.title = f"《{quoted}》政策解读"
        p.plant("graphic_by_body_only", doc)
        # a decree page: the body's signing date is the decree's own, years before 成文日期
        doc = pick(p, lambda d: d.doc_type == "policy" and d.signing and in_year(d, 2025))
        decree = doc.written - dt.timedelta(days=3 * 365 + 17)
        doc.signing = f"{decree.year}年{decree.month}月{decree.day}日"
        p.plant("decree_signing_date", doc, signing=doc.signing, written=doc.written.isoformat())
        # the list's counter states more items than it lists (withdrawn items still counted)
        p.plant("stated_count_exceeds_listed", column="工作动态", extra=3)
    if site == "shiling":
        p.plant("calendar_trap", path="/calendar.asp")
        p.plant("redirect_loop", path="/old/")
        for doc in p.docs:
            if doc.seq % 9 == 4:
                doc.wrong_charset_header = True
        p.plant("wrong_charset_header", count=sum(d.wrong_charset_header for d in p.docs))
        doc = pick(p, lambda d: d.doc_type == "news" and in_year(d, 2026))
        doc.images = [Image(), Image(exists=False)]
        p.plant("broken_image", doc)

    if site in MISFILED_SITES:
        plant_misfiled_documents(p, **MISFILED_SITES[site])
    plant_assessment(p)
    plant_disclosures(p)
    if site in MISFILED_SITES:  # after the others: their random draws stay as they were
        plant_doc_no_citation(p, MISFILED_SITES[site]["form"])
    record_generated_cases(p)
    used = {d.column.key for d in p.docs}
    for col in p.spec.columns:
        if col.key not in used:  # blank by design (rate 0) or because nothing was drawn
            p.plant("blank_column", column=col.name, by_design=col.rate == 0)


# Real portals file documents carelessly (DOMAIN.md §4, issue 15): per site, the columns the traps
# go into and the name its general office issues under, in two families (.shtml and Hanweb)
MISFILED_SITES = {
    "nhc": {
        "news": "news",
        "planning": "planning",
        "personnel": "personnel",
        "office": "国家卫生健康委办公厅",
        "form": "text",
    },
    "qianxi": {
        "news": "news",
        "planning": "planning",
        "personnel": "appoint",
        "office": "黔溪布依族苗族自治州人民政府办公室",
        "form": "graphic",  # the site interprets by 图解
    },
}


def _unlinked(policy: Doc, interp: Doc) -> Doc:
    """An interpretation that names its policy only in its title: no related link either way."""
    interp.related = []
    policy.related = [s for s in policy.related if s != interp.seq]
    return interp


def plant_misfiled_documents(
    p: Planner, *, news: str, planning: str, personnel: str, office: str, form: str
) -> None:
    """Policies with 文号 under 工作动态 and 规划计划, a 任免 notice with 文号, interpretations that quote
    the inner title of a 印发 wrapper or an edition without its years, one that explains a national
    document the site does not host, and a similarity near miss (another year's edition)."""
    region, short = p.spec.region, p.spec.short
    subjects = [s for s in SUBJECTS if not any(s in d.title for d in p.docs)] or list(SUBJECTS)
    first, second, third = subjects[0], subjects[1 % len(subjects)], subjects[2 % len(subjects)]

    def official(column: str, doc_type: str, title: str, day: dt.date, subject: str) -> Doc:
        doc = p.new_doc(column, doc_type, title, day, subject)
        p.fill_official(doc, with_doc_no=True, with_written=True)
        doc.issuer = office if doc_type == "policy" else short
        return doc

    # 1. the general office's 文件 under 工作动态; its interpretation quotes the inner title
    inner = f"{region}{first}实施管理办法"  # no generated title has this form
    policy = official(news, "policy", f"{office}关于印发{inner}的通知", dt.date(2026, 9, 8), first)
    interp = _unlinked(
        policy, p.interpretation_for(policy, calendar.add_workdays(policy.published, 1), form)
    )
    interp.title = f"解读《{inner}》" if form == "text" else f"一图读懂《{inner}》"
    p.plant("policy_filed_under_news", policy, column=policy.column.name, interpretation=interp)
    # 2. a plan with 文号 under 规划计划; its 图解 quotes it without the years
    plan_name = f"{region}{second}三年行动计划"
    plan = official(planning, "policy", f"{plan_name}（2026—2028年）", dt.date(2026, 9, 22), second)
    interp = _unlinked(
        plan, p.interpretation_for(plan, calendar.add_workdays(plan.published, 2), "graphic")
    )
    interp.title = f"图解：《{plan_name}》"
    p.plant("plan_filed_under_planning", plan, column=plan.column.name, interpretation=interp)
    # 3. a 任免 notice with 文号: an official document that needs no interpretation
    appoint = official(
        personnel, "other", f"{short}关于张某某等同志职务任免的通知", dt.date(2026, 10, 13), third
    )
    appoint.validity = None
    p.plant("personnel_notice_with_doc_no", appoint, doc_no=appoint.doc_no)
    # 4. an interpretation of a national document the site does not host
    national = f"国务院办公厅关于推进{third}高质量发展的意见"
    outside = p.new_doc(
        "interp",
        "interpretation",
        f"解读《{national}》" if form == "text" else f"图解：《{national}》",
        dt.date(2026, 10, 20),
        third,
    )
    outside.interp_form = form
    if form == "graphic":
        outside.images = [Image(), Image()]
    outside.index_no, outside.index_no_raw = p.next_index(2026)
    outside.issuer, outside.topic, outside.show_table = short, p.spec.topic, True
    p.plant("interprets_outside_document", outside)
    # 5. a similarity near miss: this year's 工作要点 has its interpretation; last year's is
    # interpreted by an answer to the press that names no document, and must not pair with it
    points = f"{region}{third}专项工作要点"
    edition = official(
        "policy", "policy", f"关于印发《{points}（2026年）》的通知", dt.date(2026, 10, 27), third
    )
    edition.issuer = short
    p.interpretation_for(edition, calendar.add_workdays(edition.published, 1), "graphic")
    near = p.new_doc(
        "interp", "interpretation", f"{points}（2025年）答记者问", dt.date(2026, 10, 29), third
    )
    near.interp_form = "interview"
    near.index_no, near.index_no_raw = p.next_index(2026)
    near.issuer, near.topic, near.show_table = short, p.spec.topic, True
    p.plant("similarity_near_miss", near, policy=edition)


def plant_doc_no_citation(p: Planner, form: str) -> None:
    """An interpretation that names its policy by 文号 alone, after words that are no part of it
    (一图读懂黔卫健发〔2025〕12号; 关于黔卫健发〔2025〕12号的政策解读), and links nowhere: only
    the 文号 pairs it (analysis/titles.py `cited_doc_nos`)."""
    subject = SUBJECTS[3]
    policy = p.new_doc(
        "policy",
        "policy",
        f"{p.spec.short}关于进一步规范{subject}服务管理的通知",
        dt.date(2026, 11, 4),
        subject,
    )
    p.fill_official(policy, with_doc_no=True, with_written=True)
    interp = _unlinked(
        policy,
        p.interpretation_for(policy, calendar.add_workdays(policy.published, 2), form),
    )
    interp.title = (
        f"一图读懂{policy.doc_no}" if form == "graphic" else f"关于{policy.doc_no}的政策解读"
    )
    p.plant("interpretation_cites_doc_no", interp, policy=policy, doc_no=policy.doc_no)


def record_generated_cases(p: Planner) -> None:
    """Cases that arise from the generated dates themselves; recorded so the key can be checked."""
    policies = [d for d in p.docs if d.doc_type == "policy"]
    interps_of: dict[int, list[Doc]] = {}
    for d in p.docs:
        if d.interprets is not None:
            interps_of.setdefault(d.interprets, []).append(d)
    for policy in policies:
        interps = interps_of.get(policy.seq, [])
        if not interps:
            p.plant("interp_missing", policy)
            continue
        first = min(interps, key=lambda d: d.published)
        lag = calendar.workdays_between(policy.published, first.published)
        if not any(c.startswith("interp_") for c in first.flags):
            p.plant("interp_late" if lag > 3 else "interp_on_time", first, working_days=lag)
    for d in p.docs:
        if d.signing and "〇" in d.signing:
            p.plant("chinese_numeral_signing_date", d, signing=d.signing)
        if d.written and d.written <= d.published:
            lag = calendar.workdays_between(d.written, d.published)
            if lag > 20:
                p.plant("disclosure_over_20_working_days", d, working_days=lag)
    assert all(d.published <= AS_OF for d in p.docs)
