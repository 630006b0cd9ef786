"""The words sites use: 信息公开 table labels, entry links, column names. Data, not mechanism."""

from __future__ import annotations

import re

# field -> label spellings (compared with spaces, full-width spaces and colons removed)
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "索取号", "信息索引号"),
    "topic": ("主题分类", "分类", "信息分类", "所属主题", "主题类别", "主题"),
    # the page's column or genre: evidence for `doc_type`, never the topic
    "doc_type_hint": ("组配分类", "信息类别", "体裁分类", "文种", "文种分类", "信息类型"),
    "issuer": ("发文机关", "发布机构", "发文单位", "发布单位", "发文机构", "制发机关", "发布部门"),
    "written_date": ("成文日期", "发文日期", "生成日期", "产生日期", "成文时间", "印发日期"),
    "doc_no": ("发文字号", "文号", "文件编号", "发文文号", "文件字号"),
    "published_date": ("发布日期", "公开日期", "发布时间", "公开时间"),
    "validity": ("有效性", "时效性", "效力状态", "是否有效"),
    "disclosure": ("公开方式", "公开属性", "公开形式", "公开类型"),
    "title": ("标题", "名称", "文件名称", "信息名称"),
    "keywords": ("主题词", "关键词"),
    # a letter to the commission (领导信箱, 咨询投诉, 留言办理) and its reply, read into the body
    # fact `letter` (crawlers/extract/body_facts.py): never a publication date
    "letter_received": (
        "来信时间",
        "来信日期",
        "留言时间",
        "留言日期",
        "提问时间",
        "咨询时间",
        "写信时间",
        "发信时间",
        "投诉时间",
        "信件时间",
    ),
    "letter_replied": (
        "回复时间",
        "回复日期",
        "答复时间",
        "答复日期",
        "办结时间",
        "办结日期",
        "反馈时间",
    ),
    "letter_status": ("办理状态", "处理状态", "回复状态", "信件状态", "办结状态"),
    # the day an enforcement decision (行政处罚, 行政许可) was made, as 双公示 pages label it:
    # read into the body fact `decision`, never a publication date
    "decision_date": (
        "处罚决定日期",
        "作出处罚决定日期",
        "作出行政处罚决定日期",
        "处罚日期",
        "许可决定日期",
        "作出许可决定日期",
        "决定日期",
        "作出决定日期",
        "决定作出日期",
    ),
}

# dated lines under the title (时间: 2017-07-17 …): a published date only where a date follows
BYLINE_DATE_LABELS = ("发稿时间", "发表时间", "编稿时间", "时间", "日期")
# dates a page shows that are not its publication: an 归档时间 (when the page was filed in the
# archive, often years before or after) never fills 发布日期, and ends the value before it
NOT_PUBLISHED_DATE_LABELS = ("归档时间", "归档日期", "废止日期", "失效日期", "有效期至")
# the fields a letter's page fills (read into the body fact `letter`, no column of their own)
LETTER_FIELDS = ("letter_received", "letter_replied", "letter_status")
# the fields read into body facts, not columns (a letter; an enforcement decision's day)
FACT_FIELDS = (*LETTER_FIELDS, "decision_date")
# fields whose labels count in the article body's paragraphs too, not only in its table cells:
# a letter's or a decision's page is its body, and many write `<p>来信时间：…</p>` (other labels
# in a paragraph, `时间：`, are prose)
BODY_FIELDS = frozenset(FACT_FIELDS)
# labels of a date that is not the page's publication: a bare date after one is that date
OTHER_DATE_LABELS = (
    *NOT_PUBLISHED_DATE_LABELS,
    *FIELD_LABELS["letter_received"],
    *FIELD_LABELS["letter_replied"],
    *FIELD_LABELS["decision_date"],
)
LABEL_TO_FIELD = {label: field for field, labels in FIELD_LABELS.items() for label in labels}
LABEL_TO_FIELD.update({label: "published_date" for label in BYLINE_DATE_LABELS})
# labels that fill no field but end the value before them (发布时间：… 来源：… 浏览次数：)
STOP_LABELS = (
    "来源",
    "信息来源",
    "文章来源",
    "浏览次数",
    "访问次数",
    "阅读次数",
    "点击数",
    "点击量",
    "访问量",
    "作者",
    "字号",
    "责任编辑",
    "编辑",
    "打印",
    "关闭",
    "分享",
    "更新时间",
    "发布人",
    "审核",
    *NOT_PUBLISHED_DATE_LABELS,
)

# a list laid out as a table: the header cells that name no field but mark a header row
LIST_HEADER_EXTRA = ("序号", "编号", "附件", "操作", "状态", "浏览次数")
# link texts of a list row that are no item (a title may be as short as 通知, so the length alone
# cannot tell)
NOT_ITEM_TEXTS = frozenset(
    {
        "更多",
        "详情",
        "详细",
        "查看",
        "下载",
        "首页",
        "上一页",
        "下一页",
        "尾页",
        "末页",
        "返回",
        "打印",
        "关闭",
    }
)

# what sites print where a value is absent (文号：无): no value, not a value
PLACEHOLDERS = frozenset(
    {"无", "-", "--", "—", "——", "/", "\\", "暂无", "空", "null", "NULL", "无文号"}
)

_LABEL_NOISE = re.compile(r"[\s\u3000\xa0:：\[\]【】]+")  # 重庆 sites write `[ 索引号 ]`


def label_key(text: str) -> str:
    return _LABEL_NOISE.sub("", text)


# traditional characters of the words the readers look for, as mirrors and some county sites print
# them (a 新荣区 report: 政府信息公開工作年度報告, 總體情況, 主動公開, 依法申請公開): read as simplified.
# Data that grows with the pages that need it; a character outside it stays as written.
TRADITIONAL = str.maketrans(
    "開報況動請處復議訟訴題進項與資總體結轉辦關於衛會當達問門務計劃規範則單變這個為來"
    "時間數據編製說員機構號類統應採納見徵詢饋實際戶網絡發佈檢測審覽區縣鎮鄉廳屬職責權"
    "圍錄條詳細們頁",
    "开报况动请处复议讼诉题进项与资总体结转办关于卫会当达问门务计划规范则单变这个为来"
    "时间数据编制说员机构号类统应采纳见征询馈实际户网络发布检测审览区县镇乡厅属职责权"
    "围录条详细们页",
)


def simplified(text: str) -> str:
    """Text with the traditional characters TRADITIONAL knows read as simplified."""
    return text.translate(TRADITIONAL)


RELATED_HEADINGS = {
    "相关解读": "interpretation",
    "政策解读": "interpretation",
    "解读材料": "interpretation",
    "解读文件": "interpretation",
    "图文解读": "interpretation",
    "相关文件": "policy",
    "政策原文": "policy",
    "原文链接": "policy",
    "相关政策": "policy",
    "关联文件": "policy",
    "文件原文": "policy",
    "原文": "policy",
    "相关文章": "related",  # decided by the target (pipelines/normalize.py)
    "政策文件": "policy",  # only as `政策文件：<a>…` (a column name otherwise): COLON_HEADINGS
    "相关链接": "related",
    "相关信息": "related",
}
# headings that are also column names: a heading only when a colon follows (政策文件：<a>)
COLON_HEADINGS = frozenset({"政策文件"})
# automatic recommendation blocks: their links are no relation of the document
NOT_RELATED_HEADINGS = (
    "相关阅读",
    "相关推荐",
    "热点信息",
    "猜你喜欢",
    "热门文章",
    "推荐阅读",
    "最新信息",
)

ENTRY_WORDS = (
    "政务公开",
    "政府信息公开",
    "信息公开",
    "公开目录",
    "信息公开目录",
    "政府信息公开目录",
)

# column kind -> names; exact names first, then the `contains` rules in order (解读 before 文件…)
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "interpretation": (
        "政策解读",
        "解读材料",
        "文件解读",
        "图解政策",
        "一图读懂",
        "解读回应",
        "政策图解",
    ),
    "policy": (
        "政策文件",
        "规范性文件",
        "文件发布",
        "政府文件",
        "委文件",
        "通知文件",
        "政策法规",
        "部门文件",
        "局文件",
        "法规文件",
        "其他文件",
    ),
    "notice": ("通知公告", "公告公示", "通知通告", "公示公告"),
    "news": (
        "工作动态",
        "卫健要闻",
        "新闻动态",
        "卫生要闻",
        "要闻动态",
        "部门动态",
        "基层动态",
        "新闻中心",
    ),
    "personnel": ("人事信息", "人事任免", "人事招聘", "招录信息"),
    "planning": ("规划计划", "发展规划", "计划总结"),
    "budget": ("预决算公开", "预决算", "财政预决算", "部门预决算", "财政信息"),
    "other": (
        "权责清单",
        "双随机一公开",
        "建议提案办理",
        "建议提案",
        "信息公开指南",
        "信息公开制度",
        "信息公开年报",
        "依申请公开",
        "政府信息公开年报",
        "政府信息公开指南",
        "政府信息公开制度",
        "年度报告",
        "政府信息公开年度报告",
        "意见征集",
        "征求意见",
        "公开征求意见",
        "民意征集",
        "重大决策预公开",
    ),
}
COLUMN_CONTAINS: tuple[tuple[str, str], ...] = (
    ("解读", "interpretation"),
    ("一图", "interpretation"),
    ("图解", "interpretation"),
    ("规范性文件", "policy"),
    ("政策法规", "policy"),
    ("文件", "policy"),
    ("通知", "notice"),
    ("公告", "notice"),
    ("公示", "notice"),
    ("动态", "news"),
    ("要闻", "news"),
    ("新闻", "news"),
    ("人事", "personnel"),
    ("规划", "planning"),
    ("计划", "planning"),
    ("预算", "budget"),
    ("决算", "budget"),
    ("清单", "other"),
    ("双随机", "other"),
    ("提案", "other"),
    ("建议", "other"),
    ("年报", "other"),
    ("年度报告", "other"),
    ("意见征集", "other"),
    ("征求意见", "other"),
    ("指南", "other"),
)
_EXACT = {name: kind for kind, names in COLUMN_NAMES.items() for name in names}
NOT_COLUMNS = (
    "首页",
    "搜索",
    "站内搜索",
    "返回",
    "更多",
    "登录",
    "English",
    "无障碍",
    "旧版",
    "日历",
    "网站地图",
    "联系我们",
    "关于我们",
    "帮助",
    "隐私",
    "纠错",
)


# the words a document's name ends in (…管理办法, …实施方案, 中医药法): a policy's form. 法 is also the
# end of 方法 / 做法 / 办法 …: the regexes built from this list look behind it
DOCUMENT_FORMS = (
    "条例",
    "办法",
    "规定",
    "细则",
    "规范",
    "规程",
    "程序",
    "意见",
    "方案",
    "规划",
    "计划",
    "纲要",
    "决定",
    "要点",
    "措施",
    "法",
)
DOCUMENT_FORM_WORDS = "|".join(w if w != "法" else "(?<![方做说看用])法" for w in DOCUMENT_FORMS)

# the verbs of a work notice's title (关于开展 / 做好 / 举办…的通知): a notice, even with a 文号
WORK_NOTICE_VERBS = (
    "开展",
    "做好",
    "举办",
    "召开",
    "组织",
    "公布",
    "征求",
    "征集",
    "申报",
    "报送",
    "推荐",
    "启用",
    "调整",
)
# titles of official documents that need no interpretation although they carry a 文号, by class
# (documents.official_class); regular-expression alternatives, as real titles word them
EXEMPT_TITLE_WORDS = {
    "personnel": ("任免", "任职", "免职", "聘任", "职务任命", "干部任前公示", "拟任", "聘用人员"),
    "award": (
        "表彰",
        "嘉奖",
        "通报表扬",
        "获奖",
        "(?:评选|遴选|评估|考核|检查|评审|抽检|抽查|验收)结果",
        "结果的?(?:公示|公告|通报|通知)",
        "名单的?(?:通知|公告|公示)",
    ),
    "budget": ("(?:预算|决算)(?:公开|信息|报告|说明|草案|表)", "三公经费"),
    "proposal_reply": (
        "(?:建议|提案)的?(?:答复|办理)",
        "答复.{0,12}(?:建议|提案)",
        r"第\d+号(?:建议|提案)",
    ),
    "meeting": ("召开.{0,60}会议的通知", "会议的通知$", "参加.{0,40}(?:会议|培训班)的通知"),
}

# a document's title, not a column's name: 关于…的通知, 《…》
DOCUMENT_TITLE = re.compile(r"^关于|《|的(?:通知|公告|意见|决定|批复|函|报告)$")


def column_kind(link_text: str) -> str | None:
    """The kind of disclosure column a link text names, or None if it names none."""
    text = label_key(link_text)
    if (
        not text
        or len(text) > 14
        or any(w in text for w in NOT_COLUMNS)
        or DOCUMENT_TITLE.search(text)
    ):
        return None
    if text in _EXACT:
        return _EXACT[text]
    for word, kind in COLUMN_CONTAINS:
        if word in text:
            return kind
    return None


def is_entry_link(link_text: str) -> bool:
    text = label_key(link_text)
    return text in ENTRY_WORDS or (
        len(text) <= 10 and text.endswith(("信息公开", "政务公开", "公开目录"))
    )


def is_navigation(link_text: str) -> bool:
    """A link text that names a place on the site (首页, 更多, 政务公开, a column), not a document."""
    text = label_key(link_text)
    return (
        not text
        or any(w == text for w in NOT_COLUMNS)
        or text in _EXACT
        or text in ENTRY_WORDS
        or text in ("更多", "更多>>", ">>", "more")
    )


# the words an interpretation's title opens with before the name it explains (图解：X, 一图读懂X,
# 【图解】X, 解读：X): the graphic ones, then the others. The pairing reads the name after them
# (analysis/titles.py); a title with one is an interpretation's (INTERPRETATION_TITLE)
GRAPHIC_INTRODUCERS = ("图解", "一图读懂", "一图看懂", "一图了解", "图说")
TEXT_INTRODUCERS = ("视频解读", "政策解读", "权威解读", "解读")
# a title that says it is an interpretation (pipelines/doc_type.py; a related link's anchor
# text, pipelines/normalize.py): an introducing word anywhere but 图说, which only counts before
# a 《name》 (图说卫健 is a news column); the question-and-answer words; a press conference only
# on a named document
SAID_ANYWHERE = (
    *(w for w in GRAPHIC_INTRODUCERS if w != "图说"),
    *TEXT_INTRODUCERS,
    "答记者问",
    "政策问答",
)
INTERPRETATION_TITLE = re.compile(
    "|".join((*map(re.escape, SAID_ANYWHERE), "图说《", "新闻发布会.*《"))
)

# an interpretation's form, by the words of its title: 图解 first, then these (the store keeps the
# code; pipelines/attributes.py says each in Chinese); report_words.LEADER_FORMS reads the
# interview words
GRAPHIC_WORDS = (
    *GRAPHIC_INTRODUCERS,
    "长图",
    "漫画",
    "动漫",
    "图文解读",
    "海报",
)
FORM_WORDS = (
    ("video", ("视频解读", "视频", "微视频")),
    ("audio", ("音频解读", "音频", "广播")),
    ("interview", ("在线访谈", "访谈", "答记者问", "新闻发布会", "发布会", "答问")),
    ("h5", ("H5", "h5")),
)
INTERVIEW_WORDS = dict(FORM_WORDS)["interview"]


# a 办事指南's elements (卫生健康领域基层政务公开标准目录: 办事指南，包括适用范围……办理依据、受理机构……
# 办理条件、申请材料……办理基本流程、办理方式、审批时限、审批收费依据及标准……咨询途径、监督和投诉渠道、
# 办公地址和时间): element -> the words a guide's page heads it with. Read into the body fact
# `guide` (crawlers/extract/body_facts.py); which are required is the rules' (service_guides)
GUIDE_ELEMENTS: dict[str, tuple[str, ...]] = {
    "事项名称": ("事项名称", "项目名称", "服务事项", "办理事项", "事项全称"),
    "办理依据": ("设定依据", "办理依据", "实施依据", "法律依据", "法定依据", "政策依据"),
    "受理机构": ("受理机构", "实施机构", "实施主体", "受理单位", "办理机构", "决定机构"),
    "办理条件": ("申请条件", "办理条件", "受理条件", "准予条件", "申办条件"),
    "申请材料": ("申请材料", "办理材料", "所需材料", "提交材料", "材料清单", "申报材料"),
    "办理流程": ("办理流程", "办理程序", "办事流程", "基本流程", "审批流程", "办理步骤"),
    "办理时限": ("办理时限", "审批时限", "承诺时限", "法定时限", "承诺办结时限", "办结时限"),
    "收费": ("收费标准", "收费依据", "是否收费", "收费情况", "收费"),
    "办理地点": ("办理地点", "受理地点", "办公地址", "办理地址", "办事地点"),
    "办理时间": ("办理时间", "办公时间", "受理时间", "工作时间"),
    "咨询方式": ("咨询电话", "咨询方式", "咨询途径", "联系电话", "联系方式"),
    "监督投诉": ("监督投诉", "投诉电话", "监督电话", "监督和投诉渠道", "投诉渠道", "投诉方式"),
}
