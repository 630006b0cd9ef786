"""The fictional commissions: who they are, which CMS family builds their site, their columns.

Everything here is data. Names, levels and column synonyms follow DOMAIN.md §1 and §3; the
commissions and places are invented (江安省, 岭南省, 泉阳市, 黔溪州, 石岭县).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SEED = 20261120
AS_OF = dt.date(2026, 11, 20)
# 107 full weeks (Monday 2024-11-04 .. Sunday 2026-11-15) plus the partial week of AS_OF.
HISTORY_START = dt.date(2024, 11, 4)


@dataclass(frozen=True)
class ColumnSpec:
    key: str  # stable identifier inside the generator
    name: str  # the name shown on the site
    kind: str  # policy / interpretation / notice / news / personnel / planning / budget / other
    rate: float  # mean new items a week (0 = blank column)
    slug: str  # used to build the column's URL
    last_item: dt.date | None = None  # the column stops receiving items after this date
    department: str = ""  # the directory heading the column is listed under, if grouped


@dataclass(frozen=True)
class SiteSpec:
    site_id: str
    name: str
    short: str  # how the site names itself in bylines and 发文机关
    level: str
    region: str
    family: str  # hanweb / trs / shtml / legacy / gkmlpt
    doc_prefixes: tuple[str, ...]  # 发文字号 agency codes
    index_code: str  # 索引号 organisation code
    topic: str  # 主题分类 used on policies
    graphic_share: float  # probability an interpretation is graphic
    missing_interp: float  # probability a policy gets no interpretation
    late_interp: float  # probability an interpretation is late (>3 working days)
    columns: tuple[ColumnSpec, ...] = field(default_factory=tuple)
    silent: tuple[dt.date, dt.date] | None = None  # no new items in this window (inclusive)
    # real-site habits (../shared/LAYOUTS.md §6): items posted on non-working days, backfill
    # bursts, issuer-first titles, interpretation pages without a table, long noisy bodies
    realistic: bool = False


def _cols(*specs: tuple) -> tuple[ColumnSpec, ...]:
    return tuple(ColumnSpec(*s) for s in specs)


SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        site_id="nhc",
        name="国家卫生健康委员会（样例站）",
        short="国家卫生健康委",
        level="national",
        region="全国",
        family="shtml",
        doc_prefixes=("国卫办医发", "国卫规划发", "国卫疾控发", "国卫基层发"),
        index_code="000013610",
        topic="卫生、体育\\卫生",
        graphic_share=0.85,
        missing_interp=0.04,
        late_interp=0.08,
        columns=_cols(
            ("policy", "政策文件", "policy", 0.45, "zcwj"),
            ("interp", "政策解读", "interpretation", 0.0, "zcjd"),
            ("notice", "通知公告", "notice", 0.9, "tzgg"),
            ("news", "工作动态", "news", 3.1, "gzdt"),
            ("personnel", "人事信息", "personnel", 0.2, "rsxx"),
            ("planning", "规划计划", "planning", 0.06, "ghjh"),
            ("budget", "预决算公开", "budget", 0.04, "yjsgk"),
            ("powers", "权责清单", "other", 0.02, "qzqd"),
            ("random", "双随机一公开", "other", 0.0, "ssjygk"),
            ("proposals", "建议提案办理", "other", 0.08, "jyta"),
            ("guide", "信息公开指南", "other", 0.01, "xxgkzn"),
            ("rules", "信息公开制度", "other", 0.0, "xxgkzd"),
            ("apply", "依申请公开", "other", 0.0, "ysqgk"),
            ("annual", "政府信息公开年报", "other", 0.0, "ndbg"),
            ("consult", "意见征集", "other", 0.0, "yjzj"),
        ),
    ),
    SiteSpec(
        site_id="jiangan",
        name="江安省卫生健康委员会",
        short="江安省卫生健康委员会",
        level="provincial",
        region="江安省",
        family="trs",
        doc_prefixes=("江卫发", "江卫办发", "江卫规"),
        index_code="11360000MB1C2345X7",
        topic="卫生、体育",
        graphic_share=0.6,
        missing_interp=0.1,
        late_interp=0.15,
        columns=_cols(
            ("policy", "规范性文件", "policy", 0.35, "gfxwj"),
            ("interp", "文件解读", "interpretation", 0.0, "wjjd"),
            ("notice", "通知公告", "notice", 0.8, "tzgg"),
            ("news", "卫健要闻", "news", 3.2, "wjyw"),
            ("personnel", "人事信息", "personnel", 0.15, "rsxx"),
            ("budget", "预决算公开", "budget", 0.04, "yjsgk"),
            ("powers", "权责清单", "other", 0.0, "qzqd"),
            ("random", "双随机一公开", "other", 0.1, "ssjygk"),
            ("proposals", "建议提案办理", "other", 0.06, "jyta"),
            ("guide", "政府信息公开指南", "other", 0.0, "xxgkzn"),
            ("rules", "政府信息公开制度", "other", 0.0, "xxgkzd"),
            ("apply", "依申请公开", "other", 0.0, "ysqgk"),
            ("annual", "信息公开年报", "other", 0.0, "xxgknb"),
            ("consult", "征求意见", "other", 0.0, "zqyj"),
            ("letters", "主任信箱", "other", 0.0, "zrxx"),
            ("enforcement", "行政处罚公示", "notice", 0.0, "xzcfgs"),  # 公示: a notice
            ("concerns", "热点回应", "other", 0.0, "rdhy"),  # nothing in it: no response shown
        ),
    ),
    SiteSpec(
        site_id="lingnan",
        name="岭南省卫生健康委员会",
        short="岭南省卫生健康委员会",
        level="provincial",
        region="岭南省",
        family="gkmlpt",
        doc_prefixes=("岭卫规", "岭卫函", "岭卫医"),
        index_code="006940060",
        topic="卫生",
        graphic_share=0.9,
        missing_interp=0.05,
        late_interp=0.1,
        columns=_cols(
            ("policy", "政策法规", "policy", 0.4, "2"),
            ("interp", "解读回应", "interpretation", 0.0, "3"),
            ("notice", "通知公告", "notice", 0.9, "4"),
            ("news", "新闻动态", "news", 3.3, "5"),
            ("planning", "规划计划", "planning", 0.05, "6"),
            ("budget", "预决算公开", "budget", 0.04, "7"),
            ("powers", "权责清单", "other", 0.03, "8"),
            ("random", "双随机一公开", "other", 0.0, "9"),
            ("proposals", "建议提案办理", "other", 0.0, "10"),
            ("guide", "政府信息公开指南", "other", 0.0, "20"),
            ("rules", "政府信息公开制度", "other", 0.0, "21"),
            ("apply", "依申请公开", "other", 0.0, "22"),
            ("annual", "政府信息公开年报", "other", 0.0, "23"),
            ("consult", "意见征集", "other", 0.0, "24"),
            ("services", "办事指南", "other", 0.0, "25"),
            ("concerns", "回应关切", "other", 0.0, "26"),
        ),
    ),
    SiteSpec(
        site_id="quanyang",
        name="泉阳市卫生健康委员会",
        short="泉阳市卫生健康委员会",
        level="prefecture",
        region="江安省泉阳市",
        family="hanweb",
        doc_prefixes=("泉卫字", "泉卫发"),
        index_code="113703000043827451",
        topic="卫生健康",
        graphic_share=0.8,
        missing_interp=0.08,
        late_interp=0.12,
        columns=_cols(
            ("policy", "委文件", "policy", 0.35, "50360"),
            ("interp", "政策解读", "interpretation", 0.0, "50361"),
            ("notice", "通知公告", "notice", 0.9, "50362"),
            ("news", "卫健要闻", "news", 3.2, "50363"),
            ("personnel", "人事信息", "personnel", 0.2, "50364", dt.date(2025, 6, 30)),
            ("budget", "预决算公开", "budget", 0.04, "50365"),
            ("powers", "权责清单", "other", 0.02, "50366"),
            ("random", "双随机一公开", "other", 0.1, "50367"),
            ("proposals", "建议提案办理", "other", 0.06, "50368"),
            ("guide", "政府信息公开指南", "other", 0.0, "50369"),
            ("rules", "政府信息公开制度", "other", 0.0, "50370"),
            ("apply", "依申请公开", "other", 0.0, "50371"),
            ("annual", "年度报告", "other", 0.0, "50372"),
            ("consult", "公开征求意见", "other", 0.0, "50373"),
            ("letters", "局长信箱", "other", 0.0, "50374"),
        ),
    ),
    SiteSpec(
        site_id="qianxi",
        name="黔溪州卫生健康局",
        short="黔溪州卫生健康局",
        level="prefecture",
        region="黔溪布依族苗族自治州",
        family="hanweb",
        doc_prefixes=("黔溪卫发", "黔溪卫通"),
        index_code="11522700MB0F83921K",
        topic="医疗卫生",
        graphic_share=0.95,
        missing_interp=0.06,
        late_interp=0.1,
        silent=(dt.date(2025, 7, 7), dt.date(2025, 7, 27)),
        realistic=True,
        columns=_cols(
            ("policy", "文件发布", "policy", 0.3, "61200", None, "黔溪州卫生健康局"),
            ("interp", "图解政策", "interpretation", 0.0, "61201", None, "黔溪州卫生健康局"),
            ("notice", "通知公告", "notice", 0.7, "61202", None, "黔溪州卫生健康局"),
            ("news", "工作动态", "news", 3.0, "61203", None, "黔溪州卫生健康局"),
            ("planning", "规划计划", "planning", 0.05, "61204", None, "黔溪州卫生健康局"),
            ("budget", "预决算公开", "budget", 0.0, "61205", None, "黔溪州卫生健康局"),
            ("powers", "权责清单", "other", 0.02, "61206", None, "黔溪州卫生健康局"),
            ("random", "双随机一公开", "other", 0.08, "61207", None, "黔溪州卫生健康局"),
            ("proposals", "建议提案办理", "other", 0.05, "61208", None, "黔溪州卫生健康局"),
            ("guide", "政府信息公开指南", "other", 0.0, "61211", None, "黔溪州卫生健康局"),
            ("annual", "政府信息公开年报", "other", 0.0, "61212", None, "黔溪州卫生健康局"),
            ("consult", "意见征集", "other", 0.0, "61213", None, "黔溪州卫生健康局"),
            ("services", "办事服务", "other", 0.0, "61214", None, "黔溪州卫生健康局"),
            # names outside the crawler's word lists, under a second department
            ("appoint", "领导干部任免", "other", 0.1, "61209", None, "州卫生健康综合监督执法局"),
            ("foodcheck", "食品抽检信息", "other", 0.15, "61210", None, "州卫生健康综合监督执法局"),
        ),
    ),
    SiteSpec(
        site_id="shiling",
        name="石岭县卫生健康局",
        short="石岭县卫生健康局",
        level="county",
        region="岭南省石岭县",
        family="legacy",
        doc_prefixes=("石卫字", "石卫发"),
        index_code="SLXWJ",
        topic="卫生",
        graphic_share=0.3,
        missing_interp=0.15,
        late_interp=0.2,
        silent=(dt.date(2026, 10, 31), AS_OF),
        columns=_cols(
            ("policy", "通知文件", "policy", 0.25, "11"),
            ("interp", "解读材料", "interpretation", 0.0, "12"),
            ("notice", "通知公告", "notice", 0.6, "13"),
            ("news", "新闻动态", "news", 2.8, "14"),
            ("personnel", "人事信息", "personnel", 0.1, "15"),
            ("budget", "预决算公开", "budget", 0.04, "16"),
            ("powers", "权责清单", "other", 0.0, "17"),
            ("random", "双随机一公开", "other", 0.0, "18"),
            ("proposals", "建议提案办理", "other", 0.0, "19"),
            ("guide", "信息公开指南", "other", 0.0, "30"),
            ("apply", "依申请公开", "other", 0.0, "31"),
            ("annual", "信息公开年报", "other", 0.0, "32"),
            ("consult", "征求意见", "other", 0.0, "33"),
            ("letters", "咨询投诉", "other", 0.0, "35"),
            ("enforcement", "执法公示", "notice", 0.0, "36"),
        ),
    ),
)

# Title vocabulary: real-sounding subjects of health-commission documents.
SUBJECTS = (
    "基层医疗卫生服务能力提升",
    "家庭医生签约服务",
    "医疗机构依法执业自查",
    "重点传染病防控",
    "医养结合机构服务质量提升",
    "妇幼健康服务",
    "中医药传承创新发展",
    "公立医院高质量发展",
    "职业病防治",
    "健康乡村建设",
    "适龄儿童疫苗接种",
    "卫生应急能力建设",
    "院前医疗急救服务",
    "医疗质量安全改进",
    "智慧医院建设",
    "爱国卫生运动",
    "社会心理服务体系建设",
    "老年健康服务",
    "3岁以下婴幼儿照护服务",
    "无偿献血工作",
    "公共场所控烟",
    "县域医共体建设",
    "药品耗材集中带量采购",
    "全民健康信息化",
    "血液安全管理",
    "出生缺陷综合防治",
    "慢性病综合防控示范区建设",
    "护理服务能力提升",
    "临床重点专科建设",
    "医疗废物规范化管理",
    "卫生健康行政执法",
    "病媒生物防制",
    "学校卫生工作",
    "食品安全标准跟踪评价",
    "饮用水卫生监测",
    "改善就医感受提升患者体验",
)
POLICY_FORMS = ("实施方案", "管理办法", "工作方案", "行动计划", "暂行规定", "考核办法", "工作要点")
NEWS_PATTERNS = (
    "{short}召开{subject}工作推进会",
    "{short}开展{subject}专项督导",
    "{region}{subject}工作取得阶段性成效",
    "{short}举办{subject}业务培训班",
    "{short}赴{place}调研{subject}工作",
    "{region}启动{subject}宣传月活动",
    "{short}部署{subject}重点任务",
    "{place}扎实推进{subject}",
    "{place}{subject}试点工作通过评估验收",
    "{short}召开{subject}专题会议",
    "{place}举办{subject}现场观摩会",
    "{short}主要负责同志到{place}督导{subject}工作",
    "{place}探索{subject}新模式",
    "{short}组织开展{subject}“回头看”",
)
PLACES = (
    "东城区",
    "西湖区",
    "南山县",
    "北塘区",
    "清河镇",
    "白沙县",
    "新城区",
    "青石乡",
    "临江市",
    "高新区",
)
NOTICE_PATTERNS = (
    "关于开展{year}年度{subject}工作的通知",
    "关于做好{subject}有关工作的通知",
    "关于公布{year}年{subject}评估结果的公告",
    "关于征求《{subject}{form}（征求意见稿）》意见的公告",
    "关于举办{subject}培训班的通知",
)
OTHER_TITLES = {
    "personnel": (
        "{short}{year}年第{n}批公开招聘工作人员公告",
        "{short}{year}年第{n}批干部任前公示",
        "关于{place}卫生院拟聘用人员的公示（{year}年第{n}号）",
        "{short}{year}年所属事业单位公开招聘第{n}号公告",
    ),
    "planning": (
        "{region}“十五五”卫生健康事业发展规划（{year}年第{n}稿）",
        "{short}{year}年第{n}季度重点工作计划",
        "{place}医疗卫生服务体系规划（{year}—{year2}年）",
    ),
    # the department's own 部门预算 / 部门决算 are planted (samples/generator/disclosures.py):
    # the column's other items are what real 预决算 columns also hold
    "budget": (
        "{short}{year}年政府采购意向公开（第{n}号）",
        "{short}所属{place}事业单位{year}年决算公开",
        "{short}所属{place}事业单位{year}年预算公开",
    ),
    "powers": ("{short}权责清单（{year}年版）", "{short}权责清单动态调整公告"),
    "random": ("{year}年第{n}批“双随机、一公开”抽查结果公示", "“双随机、一公开”抽查事项清单"),
    "proposals": (
        "对市人大代表第{n}号建议的答复",
        "对政协委员第{n}号提案的答复",
        "{year}年建议提案办理情况总结",
    ),
    "guide": ("{short}政府信息公开指南（{year}年修订）",),
    "appoint": (
        "{short}关于{place}卫生院院长任免的通知（{year}年第{n}号）",
        "{short}领导干部任前公示（{year}年第{n}批）",
    ),
    "foodcheck": (
        "{year}年第{n}期食品安全监督抽检信息公告",
        "{place}{year}年第{n}批食品抽检结果公示",
    ),
}
# Bodies of real length (LAYOUTS §6): sentences for 1,500–3,000 characters, no dates, no labels.
FILLER = (
    "各地各单位要充分认识{subject}工作的重要意义，切实把思想和行动统一到决策部署上来。",
    "坚持以人民健康为中心，聚焦群众反映强烈的突出问题，补短板、强弱项、堵漏洞。",
    "进一步健全工作机制，明确责任分工，细化工作措施，确保各项任务落地见效。",
    "加强部门协同，形成工作合力，定期会商研判，及时协调解决工作中遇到的困难和问题。",
    "强化督导检查，对工作推进不力、问题整改不到位的，予以通报并督促限期整改。",
    "注重总结推广典型经验和做法，发挥示范引领作用，营造全社会共同参与的良好氛围。",
    "加大经费保障力度，统筹用好各类资金，提高资金使用效益，保障{subject}工作顺利开展。",
    "加强人才队伍建设，开展分层分类培训，提升基层人员业务能力和服务水平。",
)
