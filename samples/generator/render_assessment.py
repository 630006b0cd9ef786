"""Bodies of the planted assessment pages: yearly reports in the national format (国办公开办函
〔2021〕30号, as tests/files/annual_reports/ reproduces real ones), consultations and feedback."""

from __future__ import annotations

import datetime as dt
from html import escape

from samples.generator.plan import Doc

RESULT_ROWS = (
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
)
NUMBERS = "一二三四五六"


def _cells(values: list[int]) -> str:
    return "".join(f"<td>{v}</td>" for v in values)


def application_table(new: int, carried: int, handled: int, forward: int) -> str:
    """The national table, every applicant a 自然人 (columns 自然人 … 其他, 总计)."""

    def row(n: int) -> list[int]:
        return [n, 0, 0, 0, 0, 0, n]

    rows = [
        '<table border="1" cellspacing="0" width="100%">',
        '<tr><td colspan="2" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
        '<td colspan="7">申请人情况</td></tr>',
        '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>",
        f'<tr><td colspan="2">一、本年新收政府信息公开申请数量</td>{_cells(row(new))}</tr>',
        f'<tr><td colspan="2">二、上年结转政府信息公开申请数量</td>{_cells(row(carried))}</tr>',
    ]
    for i, label in enumerate(RESULT_ROWS):
        head = f'<td rowspan="{len(RESULT_ROWS) + 1}">三、本年度办理结果</td>' if i == 0 else ""
        rows.append(f"<tr>{head}<td>{label}</td>{_cells(row(handled if i == 0 else 0))}</tr>")
    rows.append(f"<tr><td>（七）总计</td>{_cells(row(handled))}</tr>")
    rows.append(f'<tr><td colspan="2">四、结转下年度继续办理</td>{_cells(row(forward))}</tr>')
    rows.append("</table>")
    return "".join(rows)


def report_body(doc: Doc, short: str) -> str:
    report = doc.report
    new, carried, handled, forward = report["figures"]
    numbered = report["variant"] == "numbered"

    def heading(i: int, text: str) -> str:
        mark = f"第{NUMBERS[i]}部分　" if numbered else f"{NUMBERS[i]}、"
        return f"<p><strong>{mark}{escape(text)}</strong></p>"

    year = report["year"]
    out = [
        f"<p>根据《中华人民共和国政府信息公开条例》，现公布{escape(short)}{year}年政府信息公开工作年度报告。"
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。</p>",
        heading(0, "总体情况"),
        f"<p>{year}年，共主动公开政府信息{new * 7 + 40}条；收到政府信息公开申请{new}件。</p>",
    ]
    for i, part in enumerate(report["parts"], 1):
        out.append(heading(i, part))
        if part.startswith("收到和处理"):
            if report["table"] == "image":
                out.append(
                    f'<p style="text-align:center"><img src="{doc.images[0].path}" alt=""></p>'
                )
            else:
                out.append(application_table(new, carried, handled, forward))
        else:
            out.append("<p>本部分内容见上。</p>" if i > 3 else "<p>详见下表。</p>")
    return "\n".join(out)


def _day(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def consultation_body(doc: Doc, short: str) -> str:
    c = doc.consultation
    draft = escape(c["draft"])
    if "feedback_for" in c:
        return "\n".join(
            [
                f"<p>{escape(short)}于{_day(c['feedback_for'].published)}公开征求《{draft}》意见，"
                "共收到意见建议若干条。现将意见采纳情况说明如下。</p>",
                "<p>一、采纳的意见：关于服务范围、办理时限等意见已采纳。</p>",
                "<p>二、未采纳的意见及理由：个别意见与上位法规定不一致，未予采纳。</p>",
            ]
        )
    opens, closes, style = c["opens"], c["closes"], c["style"]
    when = {
        "range": f"征求意见时间为{_day(opens)}至{_day(closes)}。" if closes else "",
        "deadline": f"反馈截止时间：{_day(closes)}。" if closes else "",
        "before": f"请于{_day(closes)}前将意见反馈至本委。" if closes else "",
        "days": f"征求意见期限为{(closes - opens).days + 1}天。" if closes else "",
        "none": "欢迎社会各界提出宝贵意见。",
    }[style]
    return "\n".join(
        [
            f"<p>为做好相关工作，{escape(short)}起草了《{draft}》，现向社会公开征求意见。</p>",
            f"<p>公众可通过电子邮件或信函提出意见建议。{when}</p>",
            f"<p>附件：{draft}</p>",
        ]
    )
