"""The words of yearly reports, consultations and leaders' interpretations. Data, not mechanism:
each list grows with the real pages that need it (tests/files/annual_reports/ shows where each
came from)."""

from __future__ import annotations

import re

from crawlers.extract.labels import INTERVIEW_WORDS

# 国家卫生健康委2024年政府信息公开工作年度报告, …2023年度政府信息公开工作年度报告,
# …2025年政府信息公开年度报告, …2024年度政府信息公开工作报告, …2019年政府信息公开年报,
# 云南省卫生健康委关于2022年政府信息公开工作的年度报告, …2021政府信息公开工作年度报告 (no 年),
# …2020年信息公开年报 (no 政府); the title must end there (a 关于做好…年度报告编制工作的通知 is a
# notice about reports). Traditional characters are read as simplified first (labels.simplified).
ANNUAL_REPORT_TITLE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年?度?\s*(?:[^\s，。]{0,12})?(?:政府)?信息公开(?:工作)?的?"
    r"(?:年度)?(?:工作)?(?:报告|年报)\s*(?:[（(][^（）()]{0,20}[）)])?\s*$"
)

# the parts the 条例 (art. 50) and the national format (国办公开办函〔2019〕60号, 〔2021〕30号: 一、总体情况
# first) require, in their order, with the heading words that name each (a heading naming several
# counts for each). Only headings of the report's top level name a part: a （一）主动公开情况 under
# 一、总体情况 is not part 二.
ANNUAL_REPORT_PARTS: dict[str, str] = {
    "总体情况": r"总体情况|总体概况",
    "主动公开政府信息情况": r"主动公开",
    "收到和处理政府信息公开申请情况": r"收到和处理|依申请公开|公开申请",
    "政府信息公开行政复议、行政诉讼情况": r"行政复议|行政诉讼|复议|诉讼",
    "存在的主要问题及改进情况": r"主要问题|存在的?问题|改进(?:情况|措施)|问题(?:及|和|与)改进",
    "其他需要报告的事项": r"其他需要报告|其他事项|其他需报告",
}

# how a heading is numbered, by level, the highest first: 第一部分 / 第一章 above 一、 above （一）
# above （1） 1. 一是 第一节 (a report numbering its parts 第一部分 numbers what is under them 一、).
# A line numbered any of these ways, or set in bold or as a heading, reads as a heading.
HEADING_LEVELS = (
    re.compile(r"^\s*第[一二三四五六七八九十]+(?:部分|章)"),
    re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．,，]"),
    re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]"),
    re.compile(
        r"^\s*(?:[（(]\s*\d+\s*[）)]|\d+\s*[、.．](?!\d)|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+节)"
    ),
)
HEADING_MAX_CHARS = (
    40  # a longer line is a paragraph (an introduction listing the parts is not them)
)

# the application table's rows (国办公开办函〔2021〕30号 三、收到和处理政府信息公开申请情况): the
# checked sum is 一 + 二 = 三（七）总计 + 四
TABLE_ROWS: dict[str, str] = {
    "new": r"本年新收",
    "carried_over": r"上年结转",
    "handled": r"^[（(]?\s*[七7]?\s*[）)]?\s*总计$",
    "carried_forward": r"结转下年度",
}
# the table's value columns, left to right, as the national format names them
TABLE_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
ROW_NAMES = {
    "new": "本年新收",
    "carried_over": "上年结转",
    "handled": "办理结果总计",
    "carried_forward": "结转下年度继续办理",
}

# a consultation on a draft, and the account of what was adopted from it
CONSULTATION_TITLE = re.compile(r"征求.{0,60}意见|意见征集|公开征集.{0,30}(?:意见|建议)")
FEEDBACK_TITLE = re.compile(
    r"(?:意见|建议)(?:的)?(?:采纳|采用|吸收|反馈|收集)|采纳情况|征求意见(?:情况|结果)的?(?:说明|反馈|公告|公示)"
)
# 征求意见时间为2024年3月1日至3月31日 / 反馈截止时间：2024年3月31日 / 为期30天 / 截至…止
CONSULTATION_DATE = (
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
)
CONSULTATION_RANGE = re.compile(
    rf"({CONSULTATION_DATE})\s*(?:[（(][^）)]{{0,6}}[）)])?\s*(?:至|到|—|－|-|~|～)\s*"
    rf"((?:(?:19|20)\d{{2}}\s*年\s*)?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{CONSULTATION_DATE})"
)
CONSULTATION_DEADLINE = re.compile(
    rf"(?:截止|截至|反馈)(?:时间|日期)?(?:为|是|至)?\s*[:：]?\s*({CONSULTATION_DATE})"
    rf"|({CONSULTATION_DATE})\s*(?:[（(][^）)]{{0,6}}[）)])?\s*(?:前|止)"
)
CONSULTATION_DAYS = re.compile(
    r"(?:为期|期限为?|时间为)\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:个)?(?:日|天|工作日)"
)

# the principal leader: the commission's 主任 / the bureau's 局长 / the department's 厅长 (not a
# 副主任), or its 党组书记; named in an interpretation's title or text
LEADER_HEADS = ("主任", "局长", "厅长")
LEADER_SECRETARIES = ("党组书记", "党委书记")
LEADER_ROLE = re.compile(
    rf"(?:委员会|卫健委|卫生健康委|卫计委|委|局|厅)(?:(?:{'|'.join(LEADER_SECRETARIES)})、)?"
    rf"(?<!副)({'|'.join(LEADER_HEADS)})|(?<!副)({'|'.join(LEADER_SECRETARIES)})"
)
LEADER_TITLE_WORDS = (*LEADER_HEADS, "书记")  # a page without one of these names no leader
# the interview words of an interpretation's form (labels.py), and a signed article's
LEADER_FORMS = re.compile(
    "|".join((*INTERVIEW_WORDS, r"接受.{0,12}采访", "署名文章", "撰文", "解读", "做客"))
)
