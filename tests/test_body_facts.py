"""Consultations and leaders' interpretations read from a page's title and text, as real notices
and interviews word them."""

from __future__ import annotations

import pytest

from crawlers.extract.body_facts import (
    read_consultation,
    read_decision,
    read_guide,
    read_leader,
    read_letter,
    read_letter_stats,
)

# title, body text, what is read
CONSULTATIONS = [
    (
        "关于公开征求《江安省院前医疗急救管理办法（征求意见稿）》意见的通知",
        "公众可通过电子邮件提出意见。征求意见时间为2025年3月3日至2025年4月1日。",
        {"role": "consultation", "draft": "江安省院前医疗急救管理办法（征求意见稿）",
         "opens": "2025-03-03", "closes": "2025-04-01"},
    ),
    (
        "关于征求《托育机构管理办法（征求意见稿）》意见的公告",
        "公示期间，请于2026年4月30日前将意见反馈至本委办公室。",
        {"role": "consultation", "draft": "托育机构管理办法（征求意见稿）", "closes": "2026-04-30"},
    ),
    (
        "关于公开征求《X条例（草案）》意见的通知",
        "反馈截止时间：2025-06-04。",
        {"role": "consultation", "draft": "X条例（草案）", "closes": "2025-06-04"},
    ),
    (
        "市卫生健康委关于公开征求意见的公告",
        "征求意见期限为三十天，自发布之日起计算。",
        {"role": "consultation", "draft": None, "days": 30},
    ),
    (
        "关于《托育机构管理办法（征求意见稿）》征求意见采纳情况的说明",
        "现将意见采纳情况说明如下。",
        {"role": "feedback", "draft": "托育机构管理办法（征求意见稿）"},
    ),
    (
        "2025年度意见建议采纳情况反馈",
        "",
        {"role": "feedback", "draft": None},
    ),
    ("关于做好2025年家庭医生签约服务工作的通知", "请于2025年3月31日前报送。", None),
]  # fmt: skip


@pytest.mark.parametrize(("title", "text", "expected"), CONSULTATIONS)
def test_a_consultation_and_its_feedback_are_read(title, text, expected):
    assert read_consultation(text, [title]) == expected


def test_a_period_running_into_the_next_month_keeps_its_year():
    fact = read_consultation(
        "征求意见时间为2025年12月15日至2026年1月14日。", ["关于征求意见的通知"]
    )
    assert (fact["opens"], fact["closes"]) == ("2025-12-15", "2026-01-14")


LEADERS = [
    ("在线访谈：家庭医生签约服务政策答记者问", "今天我们邀请到国家卫生健康委党组书记、主任张建国，解读《…》。", "主任"),
    ("市卫生健康委主任做客“民生热线”解读医改新政", "", "主任"),
    ("县卫生健康局局长接受本报专访 解读健康县城建设", "", "局长"),
    ("在线访谈：托育服务政策答记者问", "今天我们邀请到江安省卫生健康委员会副主任赵敏，解读《…》。", None),
    ("在线访谈：托育服务政策答记者问", "今天我们邀请到江安省卫生健康委员会负责同志。", None),
    ("医院办公室主任出席座谈会", "医院办公室主任就门诊流程作了解读。", None),
    ("省卫生健康委主任出席全省卫生健康工作会议", "会议部署全年工作。", None),  # no interpretation form
]  # fmt: skip


@pytest.mark.parametrize(("title", "text", "role"), LEADERS)
def test_the_principal_leader_is_named_not_a_deputy(title, text, role):
    assert (read_leader(text, [title]) or {}).get("role") == role


# a letter's labels as its page shows them (crawlers.extract.labels.LETTER_FIELDS), what is read
LETTERS = [
    ({"letter_received": "2026-03-02 10:15", "letter_replied": "2026-03-05"},
     {"received": "2026-03-02", "replied": "2026-03-05", "status": ""}),
    ({"letter_received": "2025年12月30日", "letter_replied": "2026年1月4日", "letter_status": "已办结"},
     {"received": "2025-12-30", "replied": "2026-01-04", "status": "已办结"}),
    # a page that says it is still being handled has no reply, whatever day it shows
    ({"letter_received": "2026-06-10", "letter_replied": "2026-06-11", "letter_status": "办理中"},
     {"received": "2026-06-10", "replied": None, "status": "办理中"}),
    # a reply dated before the letter is no reply: said, not guessed
    ({"letter_received": "2026-06-10", "letter_replied": "2026-06-01"},
     {"received": "2026-06-10", "replied": None, "status": "", "problem": "回复时间早于来信时间"}),
    # no day received (or one without its year): no letter to judge
    ({"letter_replied": "2026-06-01"}, None),
    ({"letter_received": "6月10日", "letter_replied": "2026-06-11"}, None),
]  # fmt: skip


@pytest.mark.parametrize("labelled, read", LETTERS)
def test_a_letter_is_read_from_its_labels(labelled, read):
    assert read_letter(labelled) == read


# a page showing its reply without the reply's day: answered, when unknown (never unanswered);
# one saying it is still being handled, or showing an empty reply, is not answered
REPLY_TEXTS = [
    ("来信时间：2026-05-06 回复单位：某县卫生健康局 回复内容：您好！您反映的问题已收悉。", True),
    ("留言时间：2026-05-06 办理结果：已转相关科室办理并电话答复来信人。", True),
    ("来信时间：2026-05-06 回复内容：暂无", False),
    ("来信时间：2026-05-06 来信内容：请问疫苗接种门诊几点开门？", False),
]


@pytest.mark.parametrize("page_text, undated", REPLY_TEXTS)
def test_a_reply_shown_without_its_day_is_no_unanswered_letter(page_text, undated):
    read = read_letter({"letter_received": "2026-05-06"}, page_text)
    assert read["replied"] is None
    assert read.get("reply_undated", False) is undated


# an enforcement decision's page: its labels (crawlers.extract.labels: decision_date) and title,
# what is read (None: not a decision's page)
DECISIONS = [
    ({"decision_date": "2026-03-02"}, "某县卫生健康局行政处罚决定公示（县卫医罚〔2026〕12号）",
     {"kind": "处罚", "decided": "2026-03-02"}),
    ({"decision_date": "2026年6月8日"}, "医疗机构执业登记行政许可决定公示",
     {"kind": "许可", "decided": "2026-06-08"}),
    # the label makes the page a decision's whatever its title says
    ({"decision_date": "2025/12/01"}, "双公示信息（某某诊所）", {"kind": None, "decided": "2025-12-01"}),
    # a decision's page by its title, without the day: read, the day left empty (listed)
    ({}, "行政处罚信息公示（某某宾馆）", {"kind": "处罚", "decided": None}),
    # a rule about decisions, a list, an explanation: no decision
    ({}, "医疗机构监督管理行政处罚程序", None),
    ({}, "关于公布行政处罚四项清单的通知", None),
    ({}, "卫生健康行政处罚裁量基准解读", None),
    ({}, "关于开展医疗机构依法执业自查的通知", None),
]  # fmt: skip


@pytest.mark.parametrize("labelled, title, read", DECISIONS)
def test_an_enforcement_decision_is_read_from_its_label_and_title(labelled, title, read):
    assert read_decision(labelled, [title]) == read


# a 办事指南 page: its title, its text, the elements read and whether it hands the service to a
# 政务服务网 (None: not a guide; the 政府信息公开指南 is another document)
GUIDE_TEXT = (
    "一、事项名称 医疗机构执业登记 二、设定依据 《医疗机构管理条例》 三、申请条件 … 四、申请材料 … "
    "五、办理流程 … 六、承诺时限 15个工作日 七、收费标准 不收费 八、办理地点 … 九、办理时间 … "
    "十、咨询电话 … 十一、监督投诉 12345"
)
GUIDES = [
    ("医疗机构执业登记办事指南", GUIDE_TEXT,
     {"elements": ["事项名称", "办理依据", "办理条件", "申请材料", "办理流程", "办理时限", "收费",
                   "办理地点", "办理时间", "咨询方式", "监督投诉"], "service_portal": False}),
    ("护士执业注册服务指南", "受理机构：某县卫生健康局 所需材料：… 办理时间：工作日",
     {"elements": ["受理机构", "申请材料", "办理时间"], "service_portal": False}),
    ("饮用水供水单位卫生许可办事指南", "本事项已纳入某省政务服务网统一办理，请登录政务服务网在线申报。",
     {"elements": [], "service_portal": True}),
    ("某县卫生健康局政府信息公开指南", GUIDE_TEXT, None),
    ("某市卫生健康委员会政府信息公开服务指南", GUIDE_TEXT, None),
    ("关于印发政务服务事项办事指南编制规范的通知", GUIDE_TEXT, None),
]  # fmt: skip


@pytest.mark.parametrize("title, text, read", GUIDES)
def test_a_guide_is_read_for_its_elements(title, text, read):
    assert read_guide(None, text, [title]) == read


# a statistics page's title and sentence, the site's own figures read (None: no statistics)
STATS_PROSE = [
    ("2026年第三季度局长信箱来信办理情况", "第三季度，局长信箱共收到群众来信18件，已办结17件，超期1件。",
     {"rows": [{"unit": None, "received": 18, "closed": 17, "overdue": 1}]}),
    # an overdue count the page does not state is left out, never 0
    ("2026年10月领导信箱办理情况统计", "本月共受理来信9件，办结9件。",
     {"rows": [{"unit": None, "received": 9, "closed": 9}]}),
    ("关于开展12345热线业务培训的通知", "共收到报名35件。", None),
]  # fmt: skip


@pytest.mark.parametrize("title, text, read", STATS_PROSE)
def test_a_mailbox_statistic_is_read_from_its_sentence(title, text, read):
    assert read_letter_stats(None, text, [title]) == read
