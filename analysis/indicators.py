"""The indicators: each declared once — its name, its Chinese names, its definition and the numbers
its rule needs — and read by the rules loader, the scorecard, the terminal table and the data
tests. Its SQL is a CTE of `sql/marts/mart_indicators.sql` and `mart_findings.sql`, its
threshold and source a table of `rules.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    label: str  # the scorecard's name
    short: str  # the terminal table's column
    definition: str  # the methodology's sentence
    keys: tuple[str, ...]  # the numbers its rule needs, besides weight / counts / source

    @property
    def is_share(self) -> bool:
        """A share with a least `required` fraction (else a count with a most)."""
        return "required" in self.keys


SPECS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        "update_frequency",
        "每周更新",
        "每周更新",
        "窗口内每个完整自然周（周一至周日）新发布信息不少于规定条数的周数占比",
        ("min_per_week", "required"),
    ),
    IndicatorSpec(
        "interpretation_rate",
        "政策解读率",
        "解读率",
        "窗口内发布、须解读的政策文件（规则所列文件类别，及被解读引用或链接的文件）中，已有解读（截至评估日）的比例",
        ("required", "classes"),
    ),
    IndicatorSpec(
        "graphic_share",
        "图解占比",
        "图解占比",
        "窗口内发布的政策解读中，图解（图解、一图读懂、以图片为主的解读）所占比例",
        ("required",),
    ),
    IndicatorSpec(
        "interpretation_timeliness",
        "解读及时性",
        "解读及时",
        "有解读的政策文件中，首个解读在文件发布后规定工作日内发布的比例（按国务院公布的节假日安排计算工作日）",
        ("max_workdays", "required"),
    ),
    IndicatorSpec(
        "policy_linkage",
        "文件与解读关联",
        "相互关联",
        "已配对的政策文件与解读中，政策页面链接了解读、解读页面也链接回政策文件的比例",
        ("required",),
    ),
    IndicatorSpec(
        "disclosure_timeliness",
        "公开及时性",
        "公开及时",
        "标注成文日期的信息中，自成文之日起规定工作日内发布的比例",
        ("max_workdays", "required"),
    ),
    IndicatorSpec(
        "attribute_labelled",
        "公开属性标注",
        "公开属性",
        "政策文件中标注公开属性（主动公开、依申请公开、不予公开）的比例",
        ("required",),
    ),
    IndicatorSpec(
        "validity_labelled",
        "有效性标注",
        "有效性",
        "政策文件中标注有效性（有效、失效、废止）的比例",
        ("required",),
    ),
    IndicatorSpec(
        "stale_columns",
        "不更新栏目",
        "不更新栏目",
        "最新信息早于规定期限的栏目数：动态类2周，通知公告、政策文件6个月，其他1年",
        ("news_days", "notice_months", "policy_months", "other_months", "max_count"),
    ),
    IndicatorSpec("blank_columns", "空白栏目", "空白栏目", "没有任何信息的栏目数", ("max_count",)),
    IndicatorSpec(
        "dead_links",
        "不可用链接",
        "死链",
        "抓取时打不开的页面、附件和图片链接数",
        ("max_count",),
    ),
    IndicatorSpec(
        "homepage_updated",
        "首页更新",
        "首页天数",
        "首页最新一条带日期信息距评估日的天数",
        ("max_days",),
    ),
    IndicatorSpec(
        "backdated_dates",
        "发稿日期真实",
        "倒填日期",
        "标注的发布日期早于此前一次已读到其所在位置、却未见该信息的抓取（伪造发稿日期）的信息条数；"
        "仅凭一次抓取中页面编号先后得出的“疑似倒填”列出备查，不计入",
        ("max_count", "min_days", "sequence_min_days", "batch_min"),
    ),
    IndicatorSpec(
        "duplicate_posting",
        "重复发布",
        "重复发布",
        "同一标题信息在多个栏目重复发布的条数",
        ("max_count",),
    ),
)
BY_NAME = {spec.name: spec for spec in SPECS}
INDICATORS = tuple(spec.name for spec in SPECS)
REQUIRED_KEYS = {spec.name: spec.keys for spec in SPECS}
SHARES = frozenset(spec.name for spec in SPECS if spec.is_share)
