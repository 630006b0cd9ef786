"""What a page's body says that an indicator needs beyond its fields: a yearly report's parts and
application table, a consultation's period, the leader giving an interpretation, a letter's days.

Each reader returns plain data (stored as JSON in `document_fields`, source `body:<fact>`) or
None when the page is not that kind of page. A value that cannot be read is left out and the
reason said (`table: image`), never guessed: the analysis turns each into a finding.
"""

from __future__ import annotations

import re

from crawlers.dates import cn_number, month_day
from crawlers.extract.labels import GUIDE_ELEMENTS, PLACEHOLDERS, label_key, simplified
from crawlers.extract.report_words import (
    ANNUAL_REPORT_PARTS,
    ANNUAL_REPORT_TITLE,
    CONSULTATION_DAYS,
    CONSULTATION_DEADLINE,
    CONSULTATION_RANGE,
    CONSULTATION_TITLE,
    FEEDBACK_TITLE,
    HEADING_LEVELS,
    HEADING_MAX_CHARS,
    LEADER_FORMS,
    LEADER_ROLE,
    LEADER_TITLE_WORDS,
    ROW_NAMES,
    TABLE_COLUMNS,
    TABLE_ROWS,
)

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "br"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SPACES = re.compile(r"[\s\u3000\xa0]+")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
PART_PATTERNS = {name: re.compile(words) for name, words in ANNUAL_REPORT_PARTS.items()}
ROW_PATTERNS = {key: re.compile(words) for key, words in TABLE_ROWS.items()}
ATTACHMENT = re.compile(r"\.(?:pdf|docx?|wps|ofd)(?:$|[?#])", re.I)


def _lines(body) -> list[tuple[str, bool]]:
    """The body's lines outside tables: (text, set in a heading tag or opening in bold)."""
    lines: list[tuple[str, bool]] = []
    current: list[str] = []
    strong = False

    def close() -> None:
        nonlocal strong
        text = "".join(current).strip()
        if text:
            lines.append((SPACES.sub(" ", text), strong))
        current.clear()
        strong = False

    def walk(el) -> None:
        nonlocal strong
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style"):
            return
        if tag == "table":
            close()
            return  # tables are read as tables
        if tag in BLOCK_TAGS:
            close()
        opens_bold = tag in ("strong", "b") and el.text and not "".join(current).strip()
        if tag in HEADING_TAGS or opens_bold:
            strong = True
        if el.text and tag:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if tag in BLOCK_TAGS:
            close()

    walk(body)
    close()
    return lines


def _headings(body) -> list[str]:
    """Lines that read as headings: short, and numbered or set as a heading (simplified)."""
    return [
        simplified(text)
        for text, strong in _lines(body)
        if len(label_key(text)) <= HEADING_MAX_CHARS and (strong or _level(text) is not None)
    ]


def _level(heading: str) -> int | None:
    """A heading's level by its numbering (0 the highest); None for an unnumbered one."""
    return next((i for i, p in enumerate(HEADING_LEVELS) if p.match(heading)), None)


def _top_headings(headings: list[str]) -> list[str]:
    """The headings of the report's top level: the highest numbering it uses (unnumbered headings
    set in bold or as a heading count with them); all of them when none is numbered."""
    levels = [lv for h in headings if (lv := _level(h)) is not None]
    if not levels:
        return headings
    top = min(levels)
    return [h for h in headings if _level(h) in (top, None)]


def _rows(table) -> list[list[str]]:
    return [
        [
            simplified(label_key("".join(cell.itertext())))
            for cell in row
            if cell.tag in ("td", "th")
        ]
        for row in table.iter("tr")
    ]


def _row_values(cells: list[str]) -> list[int | float] | None:
    """The value cells of a row: those after its last label cell, a blank or a placeholder (—, /,
    无) counting 0 as the national format means it; None when the row has no value cell."""
    values = []
    for cell in reversed(cells):
        if cell and cell not in PLACEHOLDERS and not NUMBER.match(cell):
            break  # the row's last label
        values.append(float(cell) if "." in cell else int(cell) if NUMBER.match(cell) else 0)
    return values[::-1] or None


def read_application_table(body) -> dict:
    """The 收到和处理政府信息公开申请情况 table: its four rows' values per column, and each column
    whose 一 + 二 is not 三（七）总计 + 四. `table` says how it was read: read / image (no table,
    an image where it stands) / attachment (the report is a file) / missing / unreadable."""
    for table in body.iter("table"):
        rows = _rows(table)
        if not any(any("本年新收" in c for c in row) for row in rows):
            continue
        found: dict[str, list] = {}
        for cells in rows:
            labels = [c for c in cells if c and c not in PLACEHOLDERS and not NUMBER.match(c)]
            for key, pattern in ROW_PATTERNS.items():
                if key in found:
                    continue
                if any(pattern.search(label) for label in labels[-2:] or labels):
                    values = _row_values(cells)
                    if values:
                        found[key] = values
                    break
        if set(found) != set(TABLE_ROWS):
            missing = [ROW_NAMES[k] for k in TABLE_ROWS if k not in found]
            return {"table": "unreadable", "missing_rows": missing}
        width = min(len(v) for v in found.values())
        names = TABLE_COLUMNS[-width:] if width <= len(TABLE_COLUMNS) else ()
        columns = {}
        unbalanced = []
        for j in range(width, 0, -1):  # counted from the right: 总计 is the last of every row
            name = names[-j] if names else f"倒数第{j}列"
            new, carried, handled, forward = (found[k][-j] for k in TABLE_ROWS)
            columns[name] = [new, carried, handled, forward]
            if new + carried != handled + forward:
                unbalanced.append(name)
        total = columns[names[-1] if names else "倒数第1列"]
        return {
            "table": "read",
            "figures": dict(zip(TABLE_ROWS, total, strict=True)),
            "columns": columns,
            "unbalanced": unbalanced,
        }
    if any(True for _ in body.iter("img")):
        return {"table": "image"}
    if any(ATTACHMENT.search(a.get("href") or "") for a in body.iter("a")):
        return {"table": "attachment"}
    return {"table": "missing"}


def read_annual_report(body, titles: list[str]) -> dict | None:
    """A 政府信息公开工作年度报告: its year, the required parts its headings name and those they
    do not, and its application table."""
    year = next(
        (int(m[1]) for t in titles if (m := ANNUAL_REPORT_TITLE.search(simplified(t).strip()))),
        None,
    )
    if year is None or body is None:
        return None
    headings = _top_headings(_headings(body))
    found = [
        name for name, pattern in PART_PATTERNS.items() if any(pattern.search(h) for h in headings)
    ]
    return {
        "year": year,
        "parts": found,
        "missing_parts": [name for name in ANNUAL_REPORT_PARTS if name not in found],
        **read_application_table(body),
    }


def read_consultation(text: str, titles: list[str]) -> dict | None:
    """A consultation (its stated period: opens, closes or a number of days) or the account of
    its feedback (采纳情况); both name the draft in 《》 where they can."""
    title = next(
        (t for t in titles if FEEDBACK_TITLE.search(t) or CONSULTATION_TITLE.search(t)), None
    )
    if title is None:
        return None
    draft = re.search(r"《([^》]{2,80})》", title) or re.search(r"《([^》]{2,80})》", text)
    name = draft[1] if draft else None
    if FEEDBACK_TITLE.search(title):
        return {"role": "feedback", "draft": name}
    fact: dict = {"role": "consultation", "draft": name}
    flat = label_key(text)
    m = CONSULTATION_RANGE.search(flat)
    if m:
        opens = month_day(m[1])
        closes = month_day(m[2], opens.year if opens else None)
        if opens and closes and closes >= opens:
            fact["opens"], fact["closes"] = opens.isoformat(), closes.isoformat()
    if "closes" not in fact:
        m = CONSULTATION_DEADLINE.search(flat)
        if m and (closes := month_day(m[1] or m[2])):
            fact["closes"] = closes.isoformat()
    m = CONSULTATION_DAYS.search(flat)
    if m:
        fact["days"] = cn_number(m[1]) or 0
    return fact


def read_leader(text: str, titles: list[str]) -> dict | None:
    """The principal leader named in an interview, a press conference, an answer to reporters or
    a signed article: the role as written and the words around it."""
    for source in (*titles, text[:3000]):
        if not any(word in source for word in LEADER_TITLE_WORDS):
            continue  # most pages name no leader: no squashing and no regex for them
        flat = label_key(source)
        m = LEADER_ROLE.search(flat)
        if m and LEADER_FORMS.search(flat):
            start = max(0, m.start() - 16)
            return {"role": m[1] or m[2], "words": flat[start : m.end() + 8]}
    return None


# a month's statistics state their month and its span: 2023年1月（2023年1月1日0时至1月31日24时）,
# 2020年10月1日00:00--31日24:00 (疫情概况, 信箱 statistics): the month they are of
STATED_MONTH = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月份?\s*[（(]?\s*(?:(?:19|20)\d{2}\s*年)?\s*"
    r"(?:\d{1,2}\s*月)?\s*1\s*日\s*(?:0{1,2}\s*时|00:00)"
)


def read_stated_month(text: str) -> dict | None:
    """The month a page of monthly statistics says it covers, from the opening of its body."""
    m = STATED_MONTH.search(text[:300])
    if m and 1 <= int(m[2]) <= 12:
        return {"year": int(m[1]), "month": int(m[2])}
    return None


# the parts a 部门预算 / 部门决算 page names, in its text or its attachments' names (枣庄 2016 三(六):
# 本单位职责、机构设置、一般公共预算收支、政府性基金预算收支、机关运行经费; 三公经费 with them):
# part -> words (the sites write “三公”经费 with quotes, 三公经费 without)
BUDGET_PARTS = {
    "三公经费": re.compile(r"三公"),
    "机关运行经费": re.compile(r"机关运行经费"),
    "一般公共预算": re.compile(r"一般公共预算"),
    "政府性基金预算": re.compile(r"政府性基金"),
    "政府采购": re.compile(r"政府采购"),
    "国有资产": re.compile(r"国有资产"),
    "绩效": re.compile(r"绩效"),
}
BUDGET_TITLE = re.compile(r"预算|决算")


def read_budget_parts(text: str, titles: list[str]) -> dict | None:
    """The parts a budget or final-accounts page names (BUDGET_PARTS), where a title says it is
    one; an empty list where it names none (its tables may all be in attachments)."""
    if not any(BUDGET_TITLE.search(t) for t in titles):
        return None
    return {"parts": [part for part, words in BUDGET_PARTS.items() if words.search(text)]}


# a reply to a deputy's suggestion or a member's proposal speaks to them and answers: 尊敬的王某代表,
# 您提出的…收悉, 现答复如下 (a real reply can be a few lines long: its words, not its length,
# tell it from a title with a note)
# a title naming a suggestion or a proposal and an answer or its handling (not every 意见建议)
REPLY_TITLE = re.compile(r"(?=.*(?:建议|提案))(?=.*(?:答|复|办理))")
REPLY_WORDS = re.compile(
    r"尊敬的.{0,12}(?:代表|委员)|(?:代表|委员)[：:，,]?\s*您(?:好|提出|所提)|收悉|(?:现|特)?(?:将.{0,8})?答复如下|办理情况如下"
)


def read_reply(text: str, titles: list[str]) -> dict | None:
    """Whether a page titled as a suggestion's or a proposal's reply holds a reply's own words."""
    if not any(REPLY_TITLE.search(t) for t in titles):
        return None
    m = REPLY_WORDS.search(text[:2000])
    return {"answers": bool(m), "words": m[0] if m else ""}


# what a letter's page says of a letter not yet answered (办理状态：办理中)
NOT_ANSWERED = re.compile(
    r"未回复|未答复|待回复|待答复|待处理|办理中|处理中|正在办理|未办结|受理中"
)


# a reply the page shows (回复内容：您好…, 办理结果：…), whether or not it is dated
REPLY_SHOWN = re.compile(
    r"(?:回复|答复|办理|处理)(?:内容|结果|意见)\s*[:：]\s*(?!暂无|无\s|待|办理中)\S{2}"
)


def read_letter(labelled: dict[str, str], page_text: str = "") -> dict | None:
    """A letter to the commission and its reply, from the page's labels (来信时间, 回复时间,
    办理状态: crawlers.extract.labels.LETTER_FIELDS): the day it was received, the day it was
    answered (None where the page shows no reply, or a reply dated before the letter: said in
    `problem`), the status as written; `reply_undated` where the page shows a reply
    (REPLY_SHOWN in its text) but no day for it: answered, when unknown, never unanswered. None
    when the page names no day received (a date without its year is none)."""
    received = month_day(labelled.get("letter_received") or "")
    if received is None:
        return None
    replied = month_day(labelled.get("letter_replied") or "")
    status = (labelled.get("letter_status") or "").strip()
    fact: dict = {"received": received.isoformat(), "replied": None, "status": status}
    if NOT_ANSWERED.search(status):
        return fact
    if replied is not None and replied < received:
        fact["problem"] = "回复时间早于来信时间"
    elif replied is not None:
        fact["replied"] = replied.isoformat()
    elif REPLY_SHOWN.search(page_text):
        fact["reply_undated"] = True
    return fact


# an enforcement decision made public (行政执法公示, 双公示): a 行政处罚 or 行政许可 decision's
# page, known by its title or by a decision day's label (处罚决定日期 …); a rule about them, a
# list of 裁量基准 or of 事项, a scheme, an explanation is none
DECISION_TITLE = re.compile(
    r"行政处罚|处罚决定|处罚信息|行政许可|许可决定|许可信息|执法决定|双公示"
)
NOT_DECISION_TITLE = re.compile(r"裁量|清单|程序|办法|规定|规范|解读|事项|目录|方案|细则|通知|意见")


def read_decision(labelled: dict[str, str], titles: list[str]) -> dict | None:
    """An enforcement decision's page: its kind (处罚 or 许可, None when the title says neither)
    and the day it was made, from the page's decision-day label (crawlers.extract.labels:
    decision_date); `decided` None where the page is a decision's by its title but shows no day
    (a date without its year is none)."""
    raw = labelled.get("decision_date")
    title = next((t for t in titles if DECISION_TITLE.search(t)), None)
    if raw is None and (title is None or NOT_DECISION_TITLE.search(title)):
        return None
    words = title or next(iter(titles), "")
    kind = "处罚" if "处罚" in words else "许可" if "许可" in words else None
    decided = month_day(raw or "")
    return {"kind": kind, "decided": decided.isoformat() if decided else None}


# a 办事指南 (服务指南) page: its title says so; the 政府信息公开指南 is another document
GUIDE_TITLE = re.compile(r"办事指南|服务指南|办理指南|办事须知")
NOT_GUIDE_TITLE = re.compile(r"信息公开.{0,4}指南|依申请公开.{0,4}指南|目录|标准|通知|解读")
# where a page hands its services to the province's 政务服务网 (a link, or the words)
SERVICE_PORTAL = re.compile(r"政务服务网|政务服务平台|zwfw|一网通办|网上办事大厅", re.I)


def read_guide(body, text: str, titles: list[str]) -> dict | None:
    """A 办事指南 page: the elements it heads (crawlers.extract.labels.GUIDE_ELEMENTS, by the words
    of its text without spaces and colons: label_key) and whether it hands the service to a 政务服务网 (a link's
    address or words, or its text)."""
    title = next((t for t in titles if GUIDE_TITLE.search(t)), None)
    if title is None or NOT_GUIDE_TITLE.search(title):
        return None
    flat = label_key(text)
    elements = [name for name, words in GUIDE_ELEMENTS.items() if any(w in flat for w in words)]
    links = [] if body is None else body.iter("a")
    linked = bool(SERVICE_PORTAL.search(flat)) or any(
        SERVICE_PORTAL.search(f"{a.get('href') or ''} {a.text_content()}") for a in links
    )
    return {"elements": elements, "service_portal": linked}


# a mailbox's or a 12345 line's statistics of a month or a quarter (信箱办理情况, 来信统计): a table
# with a row per unit (承办单位 | 承办件数 | 办结数 | 在办数 | 超时未办数), or the site's own figures
# in a sentence (共收到来信35件，已办结35件，超期0件)
STATS_TITLE = re.compile(
    r"(?=.*(?:信箱|12345|热线|来信|留言|诉求))(?=.*(?:办理情况|统计|情况通报|数据|分析))"
)
# the health commission's own row among the units (汉中: 市卫生健康委员会)
HEALTH_UNIT = re.compile(r"卫生健康|卫健|卫生和计划生育|卫计|卫生局")
# a column's heading -> the figure it holds, tried in this order (按时办结率 is no count of 办结)
STATS_COLUMNS = (
    ("rate", re.compile(r"率")),
    ("overdue", re.compile(r"超时|超期|逾期")),
    ("open", re.compile(r"在办|办理中")),
    ("closed", re.compile(r"办结")),
    ("received", re.compile(r"承办|受理|来信|收到|转办|件数|总数|总量")),
)
STATS_PROSE = {
    "received": re.compile(r"(?:收到|受理|接收)[^，。；\d]{0,12}?(\d+)\s*[件封条]"),
    "closed": re.compile(r"办结[^，。；\d]{0,6}?(\d+)\s*[件封条]"),
    "overdue": re.compile(r"(?:超时|超期|逾期)[^，。；\d]{0,6}?(\d+)\s*[件封条]"),
}


def _stats_header(cells: list[str]) -> list[str | None] | None:
    named = [next((k for k, words in STATS_COLUMNS if words.search(c)), None) for c in cells]
    if "received" in named and ("closed" in named or "overdue" in named):
        return named
    return None


def read_letter_stats(body, text: str, titles: list[str]) -> dict | None:
    """A page of mailbox or 12345 statistics (STATS_TITLE): the rows of the units that are a
    health commission (HEALTH_UNIT) in a table of units, or the page's own figures in prose
    (unit None: the site's own mailbox; never where a table of units shows no health row, whose
    prose totals are the portal's). A figure the page does not state is left out (never taken
    for 0)."""
    if not any(STATS_TITLE.search(t) for t in titles):
        return None
    rows: list[dict] = []
    units_table = False  # a table of units: its total is the portal's, never the commission's
    for table in body.iter("table") if body is not None else ():
        header = None
        for cells in _rows(table):
            if header is None:
                header = _stats_header(cells)
                units_table = units_table or header is not None
                continue
            if not cells or not HEALTH_UNIT.search(cells[0]):
                continue
            row: dict = {"unit": cells[0]}
            for name, cell in zip(header, cells, strict=False):
                if name and name != "rate" and cell.isdigit():
                    row[name] = int(cell)
            if "received" in row:
                rows.append(row)
    if not units_table:
        prose = {name: words.search(text) for name, words in STATS_PROSE.items()}
        if prose["received"]:
            row = {"unit": None, **{k: int(m[1]) for k, m in prose.items() if m}}
            rows.append(row)
    return {"rows": rows} if rows else None


def read_body_facts(
    body,
    text: str,
    titles: list[str],
    labelled: dict[str, str] | None = None,
    page_text: str = "",
) -> dict[str, dict]:
    """Every fact the page gives, by name (annual_report, consultation, leader, stated_month,
    budget_parts, reply, letter_stats, guide; letter from the page's labels and its whole text; decision
    from its labels and title)."""
    facts = {}
    if letter := read_letter(labelled or {}, page_text):
        facts["letter"] = letter
    if decision := read_decision(labelled or {}, titles):
        facts["decision"] = decision
    for name, fact in (
        ("annual_report", read_annual_report(body, titles) if body is not None else None),
        ("consultation", read_consultation(text, titles)),
        ("leader", read_leader(text, titles)),
        ("stated_month", read_stated_month(text)),
        ("budget_parts", read_budget_parts(text, titles)),
        ("reply", read_reply(text, titles)),
        ("letter_stats", read_letter_stats(body, text, titles)),
        ("guide", read_guide(body, text, titles)),
    ):
        if fact:
            facts[name] = fact
    return facts
