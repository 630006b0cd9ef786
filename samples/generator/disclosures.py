"""The health duties and the pages' own hazards planted in the samples (issue 26): the monthly
法定传染病疫情概况 of the national and provincial commissions (one month missing, one late, one
titled without its month and late, one not yet due), the yearly 重大行政决策事项目录 (late,
missing, titled without its year), and personal data on published pages (a 身份证号 whose check character
is right and a mobile number; elsewhere an ID-like number whose check character is wrong), the
yearly 部门预算 and 部门决算 (missing, late, after the usual bound, without 三公经费, titled
without the year, not yet due), the replies to suggestions and proposals, and the yearly
双随机一公开 抽查结果 (a year without any, one published after its year, a plan that is not one),
letters to the commission and their replies (slow, late, unanswered) and mailbox statistics.

Planted after every other case (samples/generator/planted.py), so the earlier documents and the
random draws that made them stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from html import escape

from samples.generator import calendar
from samples.generator.plan import Planner
from samples.generator.specs import AS_OF, HISTORY_START, PLACES, SUBJECTS

D = dt.date
# national and provincial sites publish a report each month; per site the months it leaves
# out, the months it publishes late (month -> day), and the months titled without a month
EPIDEMIC = {
    "nhc": {"missing": (), "late": {}, "untitled_month": (), "area": "全国"},
    "jiangan": {"missing": ((2025, 6),), "late": {}, "untitled_month": (), "area": "全省"},
    "lingnan": {
        "missing": (),
        # 2025-09 is titled without its month and published in November: only the month its
        # body states tells it from October's
        "late": {(2026, 3): D(2026, 5, 8), (2025, 9): D(2025, 11, 6)},
        "untitled_month": ((2025, 9),),
        "area": "全省",
    },
}
# the month after which a site has not yet published (its latest report not due on AS_OF)
EPIDEMIC_UNTIL = {"nhc": (2026, 10), "jiangan": (2026, 9), "lingnan": (2026, 9)}
# site -> catalogue year -> publication day (a year not listed: none); a title without its year
CATALOGUES = {
    "nhc": {2024: D(2024, 11, 20), 2025: D(2025, 2, 20), 2026: D(2026, 3, 10)},
    "jiangan": {2024: D(2024, 12, 5), 2025: D(2026, 1, 20), 2026: D(2026, 5, 12)},
    "quanyang": {2026: D(2026, 1, 15)},
    "qianxi": {2024: D(2024, 12, 18), 2025: D(2025, 3, 31), 2026: D(2026, 2, 10)},
}
CATALOGUE_WITHOUT_YEAR = {("qianxi", 2026)}
# site -> (budget or final accounts, year) -> publication day, None: not published; the rest on
# usual days (a budget in February or March of its year, final accounts in July to September
# of the year after)
BUDGET_DAYS = {
    "jiangan": {("department_budget", 2025): D(2025, 6, 18)},  # after the usual bound (April)
    "quanyang": {
        ("department_final_accounts", 2024): None,
        ("department_final_accounts", 2025): None,
    },
    "shiling": {("department_budget", 2025): D(2026, 1, 15)},  # after its year: late
    "lingnan": {("department_budget", 2026): None},  # not yet due
}
BUDGET_WITHOUT_THREE_PUBLIC = {("qianxi", "department_budget", 2026)}
BUDGET_WITHOUT_YEAR = {("qianxi", "department_budget", 2026)}
# a title broken over two lines, which extraction reads with a space (高平's `建议的答 复` shape)
BUDGET_SPACED = {("jiangan", "department_budget", 2026)}
# the periods planted: budgets of these years, final accounts of these years (the first ones
# published before the samples' history, as a real site's older items are: their deadline,
# the end of 2024, falls in a window of the whole history)
BUDGET_YEARS = {
    "department_budget": (2024, 2025, 2026),
    "department_final_accounts": (2023, 2024, 2025),
}
BUDGET_NAMES = {"department_budget": "部门预算", "department_final_accounts": "部门决算"}
# 双随机一公开 抽查结果 beyond the 双随机 column's own (whose results are drawn at its rate):
# site -> (title, day, column); the first ones published before the samples' history, a year's
# results titled with its year but published after it (late), a result titled without a year,
# and a plan (计划) that is not a result
RANDOM_RESULTS = {
    "jiangan": [("{year}年第1批“双随机、一公开”抽查结果公示", D(2024, 9, 20), "random")],
    "quanyang": [
        ("{year}年第3批“双随机、一公开”抽查结果公示", D(2024, 10, 15), "random"),
        ("{short}2026年度“双随机、一公开”抽查计划", D(2026, 2, 27), "notice"),
    ],
    "qianxi": [
        ("{year}年国家随机监督抽查结果公示", D(2024, 8, 1), "random"),
        ("关于“双随机、一公开”抽查结果的公示", D(2026, 3, 5), "random"),
    ],
    # the county's 双随机 column is blank: its 2025 results come in January 2026 as a notice,
    # 2024's never, 2026's not yet
    "shiling": [("{short}2025年度“双随机、一公开”监督抽查结果汇总", D(2026, 1, 22), "notice")],
}
# 规范性文件清理结果, due every two years from 2018 (2024–2025 by the end of 2025): site ->
# (title, day, column); a result titled without a year (its publication's year places it), one
# titled with 2025 and published in 2026 (late), a 废止 decision, a call to clean up (not a
# result) and a site that publishes none for 2024–2025
CLEANUP_RESULTS = {
    "nhc": [("国家卫生健康委关于废止和修改部分规范性文件的决定", D(2025, 11, 20), "notice")],
    "jiangan": [("{short}关于公布规范性文件清理结果的通知", D(2025, 6, 18), "notice")],
    "quanyang": [("关于开展规范性文件清理工作的通知", D(2025, 9, 1), "notice")],
    "qianxi": [("{short}2025年规范性文件清理结果", D(2026, 2, 10), "notice")],
    "shiling": [("关于废止和宣布失效部分规范性文件的决定", D(2026, 4, 8), "notice")],
    "lingnan": [("{short}关于2024年度规范性文件清理结果的公告", D(2024, 12, 2), "notice")],
}
CLEANUP_FIRST_YEAR, CLEANUP_YEARS = 2018, 2  # the default rule's periods
# replies to deputies' suggestions and members' proposals: site -> (title, day, body, with an
# attachment, full text); the columns' other replies carry their full text
PROPOSAL_REPLIES = {
    "quanyang": [(
        "对市政协十届三次会议第58号提案的答复", D(2026, 7, 14),
        "<p>该提案已办理完毕，答复内容已函复提案委员本人。</p>", False, False,
    )],
    "jiangan": [(
        "关于省十四届人大三次会议第0123号建议的答复", D(2026, 6, 30),
        "<p>答复全文见附件。</p>", True, True,
    )],
    "nhc": [(
        "关于十四届全国人大三次会议第1234号建议答复的摘要", D(2025, 9, 12), None, False, True,
    )],
    # 高平's shape: the title broken before 答 复, a real reply of a few lines (tests/files/disclosures)
    "qianxi": [(
        "关于对州十五届人大四次会议第36号建议的答 复", D(2026, 8, 4),
        "<p>尊敬的代表：</p><p>您所提的关于改善乡镇卫生院就医环境的建议已收悉，现答复如下：</p>"
        "<p>一、乡镇卫生院改造项目已列入今年计划，目前正在办理用地手续。</p>"
        "<p>以上答复您是否满意，如有意见，敬请反馈。</p>",
        False, True,
    )],
}  # fmt: skip
# the people named on the planted 公示 pages (invented): name, ID number's first 17 digits
PEOPLE = (("王某某", "52270119800512301"), ("李某某", "52270119761103202"))
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_with_check(first17: str, *, right: bool = True) -> str:
    """An 18-character ID number; its check character right (GB 11643-1999) or wrong."""
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]
    if not right:
        check = "10X98765432"[("10X98765432".index(check) + 1) % 11]
    return first17 + check


def _months(first: tuple[int, int], last: tuple[int, int]):
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _after(p: Planner, day: dt.date) -> dt.date:
    while p.silent(day):
        day += dt.timedelta(1)
    return day


def _monthly_series(
    p: Planner, case: str, plan: dict, first: tuple, until: tuple, days: tuple[int, int]
):
    """The months of a site's monthly series from `first` to `until`: a month in plan["missing"]
    planted as missing and skipped; the others as (year, month, day published): in the next
    month, `days` after its start, or on plan["late"]'s day; none after AS_OF."""
    for year, month in _months(first, until):
        if (year, month) in plan["missing"]:
            p.plant(f"{case}_missing", year=year, month=month)
            continue
        nxt = D(year + (month == 12), month % 12 + 1, 1)
        day = plan["late"].get((year, month)) or nxt + dt.timedelta(p.rng.randint(*days))
        day = _after(p, max(day, HISTORY_START))
        if day <= AS_OF:
            yield year, month, day


def _plant_monthly(p: Planner, doc, kind: str, plan: dict, year: int, month: int) -> None:
    doc.disclosure = {"kind": kind, "year": year, "month": month}
    p.plant(f"{kind}_late" if (year, month) in plan["late"] else kind, doc, year=year, month=month)


def plant_epidemic_reports(p: Planner) -> None:
    site = p.spec.site_id
    plan = EPIDEMIC.get(site)
    if plan is None:
        return
    series = _monthly_series(p, "epidemic_report", plan, (2024, 10), EPIDEMIC_UNTIL[site], (14, 24))
    for year, month, day in series:
        area = plan["area"]
        title = (
            f"{area}法定传染病疫情概况"
            if (year, month) in plan["untitled_month"]
            else f"{year}年{month}月{area}法定传染病疫情概况"
        )
        doc = p.new_doc("notice", "notice", title, day, SUBJECTS[1])
        doc.body_html = (
            f"<p>{year}年{month}月（{month}月1日0时至月末24时），{escape(area)}共报告法定传染病"
            f"{p.rng.randint(20000, 90000)}例，死亡{p.rng.randint(0, 40)}人。</p>"
            f"<p>其中，甲类传染病无发病、死亡报告；乙类传染病共报告发病{p.rng.randint(5000, 30000)}例。</p>"
        )
        _plant_monthly(p, doc, "epidemic_report", plan, year, month)


# 突发公共卫生事件 monthly reports, a series a site keeps of its own accord (the other sites
# publish none and are not judged): 岭南's from October 2024 with a month missing and one late;
# the national commission's begins in July 2025 (the months before it are not judged)
EMERGENCY = {
    "lingnan": {"from": (2024, 10), "missing": ((2025, 11),), "late": {(2026, 2): D(2026, 4, 20)}},
    "nhc": {"from": (2025, 7), "missing": (), "late": {}},
}
EMERGENCY_AREA = {"national": "全国", "provincial": "全省"}


def plant_emergency_events(p: Planner) -> None:
    plan = EMERGENCY.get(p.spec.site_id)
    if plan is None:
        return
    area = EMERGENCY_AREA[p.spec.level]
    for year, month, day in _monthly_series(
        p, "emergency_event", plan, plan["from"], (2026, 9), (5, 12)
    ):
        title = f"{year}年{month}月{area}突发公共卫生事件报告情况"
        doc = p.new_doc("notice", "notice", title, day, SUBJECTS[1])
        doc.body_html = (
            f"<p>{year}年{month}月，{area}共报告突发公共卫生事件{p.rng.randint(1, 9)}起，"
            f"均为一般级别，无较大及以上级别事件报告。</p>"
        )
        _plant_monthly(p, doc, "emergency_event", plan, year, month)


def plant_decision_catalogues(p: Planner) -> None:
    site = p.spec.site_id
    for year, day in CATALOGUES.get(site, {}).items():
        day = _after(p, day)
        named = "" if (site, year) in CATALOGUE_WITHOUT_YEAR else f"{year}年度"
        title = f"{p.spec.short}{named}重大行政决策事项目录"
        doc = p.new_doc("notice", "notice", title, day, SUBJECTS[0])
        items = "".join(
            f"<tr><td>{i}</td><td>{escape(p.spec.region)}{escape(s)}实施方案</td><td>相关处室</td>"
            f"<td>{year}年{3 * i}月</td></tr>"
            for i, s in enumerate(SUBJECTS[2:5], 1)
        )
        doc.body_html = (
            f"<p>根据《重大行政决策程序暂行条例》，现将{escape(p.spec.short)}{year}年度重大行政决策事项目录予以公布。</p>"
            f"<table><tr><th>序号</th><th>决策事项</th><th>承办单位</th><th>计划完成时间</th></tr>{items}</table>"
        )
        doc.disclosure = {"kind": "decision_catalogue", "year": year}
        p.plant("decision_catalogue", doc, year=year)


def _budget_body(p: Planner, name: str, year: int, three_public: bool) -> str:
    short = escape(p.spec.short)
    kind = "预算" if name == "部门预算" else "决算"
    parts = [
        f"<p>根据预算法和财政部门有关要求，现将{short}{year}年{name}公开如下：</p>",
        "<p>第一部分 部门概况：一、主要职责；二、机构设置。</p>",
        f"<p>第二部分 {year}年{name}情况说明：一、收支{kind}总体情况；二、一般公共预算财政拨款支出情况；"
        "三、政府性基金预算支出情况；四、机关运行经费情况；五、政府采购情况；六、国有资产占用情况；"
        "七、绩效目标设置情况。</p>",
    ]
    if three_public:
        parts.append(
            f"<p>{year}年一般公共预算财政拨款“三公”经费{kind}{p.rng.randint(20, 300)}.{p.rng.randint(10, 99)}万元，"
            "其中因公出国（境）费0万元，公务用车购置及运行费、公务接待费详见附表。</p>"
        )
    parts.append(f"<p>附件：{short}{year}年{name}公开表.xls</p>")
    return "".join(parts)


def plant_budgets(p: Planner) -> None:
    site = p.spec.site_id
    plan = BUDGET_DAYS.get(site, {})
    for kind, years in BUDGET_YEARS.items():
        name = BUDGET_NAMES[kind]
        for year in years:
            if (kind, year) in plan:
                day = plan[kind, year]
                if day is None:
                    continue
            elif kind == "department_budget":
                day = D(year, 2, 10) + dt.timedelta(p.rng.randint(0, 45))
            else:
                day = D(year + 1, 7, 1) + dt.timedelta(p.rng.randint(0, 80))
            day = _after(p, day)
            if day > AS_OF:
                continue
            case = (site, kind, year)
            title = (
                f"{p.spec.short}{name}公开"
                if case in BUDGET_WITHOUT_YEAR
                else f"{p.spec.short}{year}年{name}公开"
            )
            if case in BUDGET_SPACED:
                title = title.replace(name, f"{name[:2]} {name[2:]}")
            three_public = case not in BUDGET_WITHOUT_THREE_PUBLIC
            doc = p.new_doc("budget", "other", title, day, SUBJECTS[0])
            doc.body_html = _budget_body(p, name, year, three_public)
            doc.disclosure = {"kind": kind, "year": year, "three_public": three_public}
            p.plant(kind, doc, year=year)


# a reply as real commissions publish it: the member addressed, the suggestion named, what has
# been done and what comes next, point by point (a full reply runs to a thousand characters)
REPLY_POINTS = (
    "近年来，我们认真落实国家和省有关部署，将{subject}纳入年度重点工作，制定实施方案，明确责任分工，"
    "建立工作台账，定期调度推进，取得了阶段性成效。",
    "在资金保障方面，积极争取各级财政支持，统筹用好中央和省级转移支付资金，重点向基层和薄弱环节倾斜，"
    "推动{subject}相关项目落地实施。",
    "在人才队伍方面，通过公开招聘、定向培养、对口支援等方式充实基层力量，组织开展业务培训，"
    "提升从业人员能力水平。",
    "在制度建设方面，研究完善配套政策措施，健全考核评价机制，将{subject}情况纳入年度绩效考核内容，"
    "对工作推进缓慢的地区进行通报并督促整改。",
    "在信息化支撑方面，依托全民健康信息平台推进数据互联互通，优化服务流程，减少群众跑腿次数，"
    "提升{subject}服务的便捷性和可及性。",
    "在宣传引导方面，通过政府网站、政务新媒体和基层医疗卫生机构广泛宣传相关政策，及时回应群众关切，"
    "营造全社会关心支持{subject}的良好氛围。",
    "下一步，我们将认真研究吸纳您的意见建议，会同有关部门进一步完善政策措施，加强督促指导，"
    "推动{subject}工作取得更大成效。",
)


def _reply_body(title: str, subject: str, site: str) -> str:
    rng = random.Random(f"reply:{site}:{title}")
    who = "委员" if "提案" in title else "代表"
    points = "".join(
        f"<p>{'一二三四五'[i]}、{escape(text.format(subject=subject))}</p>"
        for i, text in enumerate(rng.sample(REPLY_POINTS[:-1], 4) + [REPLY_POINTS[-1]])
    )
    return (
        f"<p>尊敬的{who}：</p><p>您提出的关于加强{escape(subject)}的{'提案' if who == '委员' else '建议'}收悉。"
        "经认真研究，现答复如下：</p>"
        f"{points}<p>感谢您对卫生健康工作的关心和支持。</p>"
    )


def plant_proposal_replies(p: Planner) -> None:
    # the column's replies get a reply's body (before, the family's short news body)
    for doc in p.docs:
        if doc.column.key == "proposals" and "答复" in doc.title and doc.body_html is None:
            doc.body_html = _reply_body(doc.title, doc.subject, p.spec.site_id)
    for title, day, body, attached, full in PROPOSAL_REPLIES.get(p.spec.site_id, ()):
        doc = p.new_doc("proposals", "other", title, _after(p, day), SUBJECTS[2])
        doc.body_html = body or _reply_body(title, doc.subject, p.spec.site_id)
        doc.bare_body = body is not None
        if attached:
            p.add_attachments(doc, 1)
        doc.disclosure = {"kind": "proposal_reply", "full": full}
        p.plant("proposal_reply" if full else "proposal_reply_without_text", doc)


def plant_personal_data(p: Planner) -> None:
    site = p.spec.site_id
    if site == "qianxi":
        name, first17 = PEOPLE[0]
        number, mobile = id_with_check(first17), "13985012345"
        doc = p.new_doc(
            "notice",
            "notice",
            "关于2026年乡村医生执业再注册人员名单的公示",
            D(2026, 6, 9),
            SUBJECTS[3],
        )
        doc.body_html = (
            "<p>根据《乡村医生从业管理条例》，现将2026年乡村医生执业再注册人员名单公示如下：</p>"
            f"<table><tr><th>姓名</th><th>身份证号</th><th>联系电话</th></tr>"
            f"<tr><td>{name}</td><td>{number}</td><td>{mobile}</td></tr></table>"
            "<p>公示期5个工作日。</p>"
        )
        doc.disclosure = {"kind": "personal_data", "id_card": number, "mobile": mobile}
        p.plant("personal_data_exposed", doc)
    if site == "shiling":
        name, first17 = PEOPLE[1]
        number = id_with_check(first17, right=False)
        doc = p.new_doc(
            "notice",
            "notice",
            "关于2026年计划生育家庭特别扶助对象的公示",
            D(2026, 5, 19),
            SUBJECTS[3],
        )
        doc.body_html = (
            "<p>现将2026年计划生育家庭特别扶助对象公示如下：</p>"
            f"<p>{name}，证件号码{number}，石岭县城关镇。</p><p>公示期7天。</p>"
        )
        doc.disclosure = {"kind": "personal_data", "id_like": number}
        p.plant("id_like_number_wrong_check", doc)


RESULT_BODY = (
    "<p>现将{short}“双随机、一公开”抽查结果公示如下：</p>"
    "<table><tr><th>被检查单位</th><th>检查事项</th><th>检查结果</th></tr>"
    "<tr><td>某某诊所</td><td>医疗机构依法执业</td><td>未发现问题</td></tr></table>"
)
PLAN_BODY = "<p>根据“双随机、一公开”监管工作要求，现将{short}本年度随机抽查计划公布如下。</p>"


def _inspection_year(title: str, published: dt.date) -> int:
    named = re.search(r"(20\d\d)年", title)
    return int(named.group(1)) if named else published.year


def plant_random_inspections(p: Planner) -> None:
    for title, day, column in RANDOM_RESULTS.get(p.spec.site_id, ()):
        day = _after(p, day)
        title = title.format(year=day.year, short=p.spec.short)
        doc = p.new_doc(
            column, "notice" if column == "notice" else "other", title, day, SUBJECTS[3]
        )
        body = PLAN_BODY if "计划" in title else RESULT_BODY
        doc.body_html = body.format(short=escape(p.spec.short))
        if "计划" in title:
            p.plant("random_inspection_plan", doc)
        else:
            doc.disclosure = {"kind": "random_inspection", "year": _inspection_year(title, day)}
            p.plant("random_inspection_result", doc, year=doc.disclosure["year"])
    # the 双随机 column's own results, drawn at its rate: the year each is of, for the key
    for doc in p.docs:
        if doc.column.key == "random" and "结果" in doc.title and doc.disclosure is None:
            doc.disclosure = {
                "kind": "random_inspection",
                "year": _inspection_year(doc.title, doc.published),
            }


CLEANUP_BODY = (
    "<p>根据规范性文件定期清理制度，{short}对现行规范性文件进行了全面清理。经清理，继续有效的"
    "规范性文件12件，废止3件，宣布失效2件，现将清理结果公布如下。</p>"
)
CLEANUP_CALL = "<p>为做好规范性文件定期清理工作，现就开展清理有关事项通知如下。</p>"


def _cleanup_period(title: str, published: dt.date) -> int:
    """The first year of the two-year period a cleanup result is of (its title's year, else its
    publication's)."""
    year = _inspection_year(title, published)
    return year - (year - CLEANUP_FIRST_YEAR) % CLEANUP_YEARS


def plant_cleanup_results(p: Planner) -> None:
    for title, day, column in CLEANUP_RESULTS.get(p.spec.site_id, ()):
        day = _after(p, day)
        title = title.format(short=p.spec.short)
        doc = p.new_doc(column, "notice", title, day, SUBJECTS[0])
        if "开展" in title:
            doc.body_html = CLEANUP_CALL
            p.plant("normative_cleanup_call", doc)
            continue
        doc.body_html = CLEANUP_BODY.format(short=escape(p.spec.short))
        doc.disclosure = {"kind": "normative_cleanup", "year": _cleanup_period(title, day)}
        p.plant("normative_cleanup_result", doc, period=doc.disclosure["year"])


# 办事指南 in a 办事服务 column: site -> (service, day, the elements it leaves out, handed to the
# 政务服务网); 岭南 writes a table of elements, 黔溪 headed paragraphs (一、事项名称)
GUIDE_ELEMENT_TEXT = (
    ("事项名称", "{service}"),
    ("设定依据", "《医疗机构管理条例》《中华人民共和国基本医疗卫生与健康促进法》"),
    ("受理机构", "{short}"),
    ("申请条件", "符合医疗机构设置规划和基本标准，具备相应的场所、设备和卫生技术人员"),
    ("申请材料", "1.申请书；2.法定代表人身份证明；3.场所使用证明；4.卫生技术人员资格证明"),
    ("办理流程", "申请—受理—审查—决定—送达"),
    ("承诺时限", "15个工作日"),
    ("收费标准", "不收费"),
    ("办理地点", "政务服务中心卫生健康窗口"),
    ("办理时间", "工作日上午9:00—12:00，下午14:00—17:00"),
    ("咨询电话", "0851-8221234"),
    ("监督投诉", "12345政务服务便民热线"),
)
GUIDES = {
    "lingnan": [
        ("医疗机构执业登记", D(2025, 3, 12), (), False),
        ("医师执业注册", D(2025, 3, 12), (), False),
        ("母婴保健技术服务执业许可", D(2025, 5, 20), (), False),
        ("放射诊疗许可", D(2025, 8, 6), ("收费标准", "监督投诉"), False),  # two left out
        ("公共场所卫生许可", D(2026, 2, 3), (), False),
    ],
    "qianxi": [
        ("医疗机构执业登记", D(2025, 4, 9), (), False),
        ("护士执业注册", D(2025, 4, 9), (), False),
        ("出生医学证明补发", D(2025, 9, 17), ("申请材料",), False),  # its materials left out
        # only the words handing it to the 政务服务网: complete by the rule
        (
            "饮用水供水单位卫生许可",
            D(2026, 1, 14),
            tuple(n for n, _ in GUIDE_ELEMENT_TEXT[1:]),
            True,
        ),
    ],
}
GUIDE_HEADINGS = {"qianxi"}
# the default rule's required elements, by the words the samples write them with
GUIDE_REQUIRED = {
    "事项名称": "事项名称", "设定依据": "办理依据", "申请条件": "办理条件", "申请材料": "申请材料",
    "办理流程": "办理流程", "承诺时限": "办理时限", "收费标准": "收费", "办理地点": "办理地点",
    "办理时间": "办理时间", "咨询电话": "咨询方式", "监督投诉": "监督投诉",
}  # fmt: skip
NUMERALS = "一二三四五六七八九十"


def _guide_body(p: Planner, service: str, left_out: tuple, portal: bool, headings: bool) -> str:
    pairs = [
        (label, text.format(service=service, short=p.spec.short))
        for label, text in GUIDE_ELEMENT_TEXT
        if label not in left_out
    ]
    extra = (
        f"<p>本事项已纳入{escape(p.spec.region)}政务服务网统一办理，请登录政务服务网在线申报。</p>"
        if portal
        else ""
    )
    if headings:
        return extra + "".join(
            f"<p><strong>{NUMERALS[i % 10]}、{label}</strong></p><p>{escape(text)}</p>"
            for i, (label, text) in enumerate(pairs)
        )
    cells = "".join(f"<tr><td>{label}</td><td>{escape(text)}</td></tr>" for label, text in pairs)
    return f"{extra}<table>{cells}</table>"


def plant_guides(p: Planner) -> None:
    for service, day, left_out, portal in GUIDES.get(p.spec.site_id, ()):
        title = f"{service}办事指南"
        doc = p.new_doc("services", "other", title, _after(p, day), SUBJECTS[3])
        doc.body_html = _guide_body(p, service, left_out, portal, p.spec.site_id in GUIDE_HEADINGS)
        missing = [] if portal else [GUIDE_REQUIRED[x] for x in left_out if x in GUIDE_REQUIRED]
        doc.disclosure = {"kind": "guide", "missing": missing}
        if left_out:
            p.plant("guide_on_portal" if portal else "guide_incomplete", doc, missing=missing)


UNDATED = "undated"  # a reply, or a decision, the page shows without its day
# enforcement decisions made public in a 行政处罚公示 column (行政执法公示): a decision every few
# weeks published 2–6 working days after it was made, and the site's planted cases: (the day it
# was made, working days to its publication or UNDATED, kind); the default rule counts one
# published after 20 working days and lists one after 7, and one whose page shows no day
DECISION_CASES = {
    "jiangan": [
        (D(2026, 5, 11), 12, "处罚"),  # after 7 working days: listed
        (D(2026, 8, 3), 31, "处罚"),  # after 20: counted
        (D(2026, 9, 14), UNDATED, "处罚"),  # no day shown: listed
        (D(2026, 6, 8), 4, "许可"),
    ],
    # a county: its 基层政务公开标准目录's 7 working days count
    "shiling": [(D(2025, 12, 1), 25, "处罚"), (D(2026, 6, 15), 10, "处罚")],
}
DECISION_LINES = {"shiling"}  # `<p>处罚决定日期：…</p>`, the others a table of labels and values
DECISION_SUBJECTS = (
    ("某某诊所", "未取得《医疗机构执业许可证》擅自执业", "警告，罚款人民币5000元"),
    ("某某口腔门诊部", "使用非卫生技术人员从事医疗卫生技术工作", "罚款人民币3000元"),
    ("某某宾馆", "公共场所卫生检测不合格", "警告"),
    ("某某游泳馆", "未按规定进行卫生检测", "警告，罚款人民币1000元"),
)


def _decision_body(p: Planner, n: int, decided, kind: str, lines: bool) -> str:
    party, fact, penalty = DECISION_SUBJECTS[n % len(DECISION_SUBJECTS)]
    pairs = [("行政相对人名称", party)]
    if kind == "处罚":
        pairs += [("违法事实", fact), ("处罚内容", penalty)]
        label = "处罚决定日期"
    else:
        pairs += [("许可事项", "医疗机构执业登记"), ("许可内容", "准予登记")]
        label = "许可决定日期"
    if decided != UNDATED:
        pairs.append((label, f"{decided.year}年{decided.month}月{decided.day}日"))
    pairs.append(("作出决定机关", p.spec.short))
    if lines:
        return "".join(f"<p>{label}：{escape(value)}</p>" for label, value in pairs)
    cells = "".join(f"<tr><td>{label}</td><td>{escape(value)}</td></tr>" for label, value in pairs)
    return f"<table>{cells}</table>"


def _every_few_weeks(
    rng: random.Random, start: tuple[int, int], gap: tuple[int, int], lag: tuple[int, int]
) -> list[tuple[dt.date, int]]:
    """Working days from a few days into the history to a month before AS_OF, `gap` days apart
    (drawn), each with a lag in working days (drawn): when letters come, decisions are made."""
    days = []
    day = HISTORY_START + dt.timedelta(rng.randint(*start))
    while day < AS_OF - dt.timedelta(30):
        if calendar.is_workday(day):
            days.append((day, rng.randint(*lag)))
        day += dt.timedelta(rng.randint(*gap))
    return days


def plant_decisions(p: Planner) -> None:
    """A decision every six to ten weeks of the history and the site's planted cases, each
    published in the site's 行政处罚公示 column some working days after it was made."""
    site = p.spec.site_id
    if site not in DECISION_CASES:
        return
    rng = random.Random(f"decisions:{site}")
    decisions = [
        (day, lag, "处罚", False) for day, lag in _every_few_weeks(rng, (5, 25), (42, 70), (2, 6))
    ]
    decisions += [(d, lag, kind, True) for d, lag, kind in DECISION_CASES[site]]
    for n, (decided, lag, kind, planted) in enumerate(sorted(decisions, key=lambda x: x[0])):
        published = calendar.add_workdays(decided, 5 if lag == UNDATED else lag)
        if published > AS_OF or p.silent(published):
            continue
        abbr = "罚" if kind == "处罚" else "许"
        number = f"〔{decided.year}〕{n + 1}号"
        title = f"{p.spec.short}行政{kind}决定公示（卫{abbr}{number}）"
        doc = p.new_doc("enforcement", "notice", title, published, SUBJECTS[3])  # a 公示
        shown = UNDATED if lag == UNDATED else decided
        doc.body_html = _decision_body(p, n, shown, kind, site in DECISION_LINES)
        doc.disclosure = {
            "kind": "decision",
            "decided": None if lag == UNDATED else decided.isoformat(),
            "workdays": None if lag == UNDATED else lag,
        }
        if planted:
            p.plant("decision_undated" if lag == UNDATED else "decision_published", doc, lag=lag)


# letters to the commission shown in its 信箱 column: the questions people write, and per site the
# labels its letter pages use (来信时间 / 回复时间, or 留言时间 / 答复时间 with a 办理状态)
LETTER_QUESTIONS = (
    "咨询{place}卫生院预约挂号问题",
    "关于{place}社区卫生服务中心收费的咨询",
    "反映{place}诊所夜间无人值班的问题",
    "咨询新生儿出生医学证明办理事宜",
    "关于乡村医生养老待遇的咨询",
    "咨询{place}疫苗接种门诊开放时间",
)
LETTER_LABELS = {
    "jiangan": ("来信时间", "回复时间", None),
    "quanyang": ("来信时间", "回复时间", None),
    "shiling": ("留言时间", "答复时间", "办理状态"),
}
# how a site lays its letter out: label and value in table cells, or one `<p>label：value</p>` a
# line inside the article body (石岭, as many county sites write it)
LETTER_LINES = {"shiling"}
# planted letters per site: (received, working days to the reply; None: not answered; UNDATED)
LETTER_CASES = {
    "jiangan": [(D(2026, 4, 7), 9)],  # answered after the usual 5 working days: listed
    "quanyang": [
        (D(2026, 3, 2), 52),  # answered after the 60 days: late
        (D(2026, 11, 12), None),  # not answered and not yet due
        (D(2026, 5, 6), UNDATED),  # answered, the day not shown: listed, never unanswered
    ],
    # not answered for more than 3 months: past its 60 days, and the checklist's veto
    "shiling": [(D(2026, 6, 10), None), (D(2026, 10, 29), None)],
}
REPLY_TEXT = (
    "您好！您反映的问题已收悉。经了解，我委已责成相关科室和单位核实处理，"
    "具体事宜可向所在地卫生健康部门咨询。感谢您的关注。"
)


def _letter_body(
    p: Planner, question: str, received: dt.date, replied, labels: tuple, lines: bool
) -> str:
    """The letter's labels and values (`replied`: a day, None, or UNDATED), in the site's layout."""
    asked, answered, status = labels
    when = f"{received.isoformat()} {p.rng.randint(8, 21):02d}:{p.rng.randint(0, 59):02d}"
    pairs = [
        ("来信人", f"{p.rng.choice('张王李赵刘陈杨黄')}**"),
        (asked, when),
        ("来信内容", f"您好，{question}，请予答复，谢谢。"),
    ]
    if replied is None:
        if status:
            pairs.append((status, "办理中"))
    else:
        pairs.append(("回复单位", p.spec.short))
        if replied != UNDATED:
            pairs.append((answered, replied.isoformat()))
        if status:
            pairs.append((status, "已办结"))
        pairs.append(("回复内容", REPLY_TEXT))
    if lines:
        return "".join(f"<p>{label}：{escape(value)}</p>" for label, value in pairs)
    cells = "".join(
        f"<tr><td>{label}：</td><td>{escape(value)}</td></tr>" for label, value in pairs
    )
    return f'<table class="letter">{cells}</table>'


def plant_letters(p: Planner) -> None:
    """A letter every few weeks of the history, answered in one to four working days, and the
    site's planted cases; each letter's page is published the day it is answered (the day it
    is received where it is not)."""
    site = p.spec.site_id
    if site not in LETTER_LABELS:
        return
    rng = random.Random(f"letters:{site}")
    letters = [(day, lag, None) for day, lag in _every_few_weeks(rng, (3, 20), (14, 30), (1, 4))]
    letters += [(received, lag, "planted") for received, lag in LETTER_CASES.get(site, ())]
    for n, (received, lag, planted) in enumerate(sorted(letters, key=lambda x: x[0])):
        undated = lag == UNDATED
        replied = (
            calendar.add_workdays(received, 3 if undated else lag) if lag is not None else None
        )
        shown = replied or received
        if shown > AS_OF:
            continue
        question = p.unique_title(
            lambda n=n: LETTER_QUESTIONS[n % len(LETTER_QUESTIONS)].format(place=rng.choice(PLACES))
        )
        doc = p.new_doc("letters", "other", question, shown, SUBJECTS[4])
        doc.body_html = _letter_body(
            p, question, received, UNDATED if undated else replied, LETTER_LABELS[site],
            site in LETTER_LINES,
        )  # fmt: skip
        doc.disclosure = {
            "kind": "letter",
            "received": received.isoformat(),
            "replied": replied.isoformat() if replied and not undated else None,
            "reply_undated": undated,
        }
        if planted:
            case = "letter_unanswered" if replied is None else "letter_slow"
            p.plant("letter_reply_undated" if undated else case, doc)


# sites that show no letter but publish their mailbox's statistics: (title, day, the site's own
# figures: received, closed, overdue (None: not stated), in a table of units or in a sentence)
LETTER_STATS = {
    "qianxi": [
        ("2026年9月州长信箱办理情况", D(2026, 10, 9), (12, 11, 1), "table"),
        ("2026年10月州长信箱办理情况", D(2026, 11, 6), (9, 9, 0), "table"),
    ],
    "lingnan": [
        ("2026年第二季度主任信箱来信办理情况", D(2026, 7, 8), (21, 21, 0), "prose"),
        ("2026年第三季度主任信箱来信办理情况", D(2026, 10, 13), (18, 18, None), "prose"),
    ],
}
# the other units of a portal's table (the commission's row is one of them)
OTHER_UNITS = ("州公安局", "州教育局", "州住房和城乡建设局", "州医疗保障局")


def _stats_body(p: Planner, figures: tuple, form: str) -> str:
    received, closed, overdue = figures
    if form == "prose":
        said = f"，超期{overdue}件" if overdue is not None else ""
        return (
            f"<p>本季度，{escape(p.spec.short)}主任信箱共收到群众来信{received}件，"
            f"已办结{closed}件{said}。</p><p>来信主要涉及医疗服务、疫苗接种和生育政策咨询。</p>"
        )
    rows = [("承办单位", "承办件数", "办结数", "在办数", "超时未办数")]
    for unit in OTHER_UNITS[:2]:
        n = p.rng.randint(5, 40)
        rows.append((unit, str(n), str(n), "0", "0"))
    rows.append(
        (p.spec.short, str(received), str(closed), str(received - closed - overdue), str(overdue))
    )
    for unit in OTHER_UNITS[2:]:
        n = p.rng.randint(5, 40)
        rows.append((unit, str(n), str(n - 1), "1", "0"))
    cells = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    total = sum(int(r[1]) for r in rows[1:])
    return f"<p>本月，州长信箱共收到群众来信{total}件。各承办单位办理情况如下：</p><table>{cells}</table>"


def plant_letter_stats(p: Planner) -> None:
    for title, day, figures, form in LETTER_STATS.get(p.spec.site_id, ()):
        doc = p.new_doc("notice", "notice", title, _after(p, day), SUBJECTS[4])
        doc.body_html = _stats_body(p, figures, form)
        received, _, overdue = figures
        doc.disclosure = {"kind": "letter_stats", "received": received, "overdue": overdue}
        p.plant("letter_stats", doc, overdue=overdue)


# responses to public concern (回应关切) in a column of that name: site -> (day, title, body);
# 江安's 热点回应 column stays empty (a column promising responses with none in the window)
CONCERNS = {
    "lingnan": [
        (
            D(2025, 3, 18),
            "关于网民反映部分医院门诊挂号难问题的回应",
            "近日，有网民反映部分医院门诊挂号难。经核查，我委已督促相关医院增加号源，推行分时段预约。",
        ),
        (
            D(2025, 12, 9),
            "关于“儿童流感疫苗短缺”相关报道的回应",
            "针对近期媒体报道，我委核实：全省流感疫苗供应总体平稳，各接种点已按计划补充。",
        ),
        (
            D(2026, 7, 22),
            "关于网传“某地出现不明原因肺炎”的情况说明",
            "经省疾控中心核查，网传信息不实，为普通季节性呼吸道感染，请勿信谣传谣。",
        ),
    ],
}


def plant_concerns(p: Planner) -> None:
    for day, title, text in CONCERNS.get(p.spec.site_id, ()):
        doc = p.new_doc("concerns", "other", title, _after(p, day), SUBJECTS[0])
        doc.body_html = f"<p>{escape(text)}</p>"
        doc.disclosure = {"kind": "concern_response"}


def plant_disclosures(p: Planner) -> None:
    plant_epidemic_reports(p)
    plant_emergency_events(p)
    plant_decision_catalogues(p)
    plant_personal_data(p)
    plant_budgets(p)
    plant_proposal_replies(p)
    plant_random_inspections(p)
    plant_cleanup_results(p)
    plant_decisions(p)
    plant_guides(p)
    plant_letters(p)
    plant_letter_stats(p)
    plant_concerns(p)
