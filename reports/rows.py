"""Table rows written by hand where a scorecard holds hundreds of thousands of them (a site's
findings and newest documents, 3,000 site pages): the same markup site.html would write, every
crawled value escaped, at a fraction of the template loop's cost (bench/report.py)."""

from __future__ import annotations

from html import escape as _escape

from markupsafe import Markup


def escape(value) -> str:
    """The text with & < > " ' escaped (the standard library's: several times faster here than
    building a Markup for each of a million cells)."""
    return _escape(str(value))


def _link(url: str | None, text: str | None) -> str:
    return (
        f'<a class="evidence" href="{escape(url)}" title="{escape(url)}">{escape(text or url)}</a>'
    )


def finding_rows(rows: list[dict], limit: int) -> Markup:
    """The first `limit` findings as <tr> rows: the page (its archived copy beside it), what was
    found, the related page."""
    out = []
    for f in rows[:limit]:
        url = f.get("url")
        if url:
            page = _link(url, f.get("title"))
            if f.get("archive"):
                page += (
                    f' <a class="archive" href="{escape(f["archive"])}" '
                    'title="抓取时的页面存档（原始字节：zwgk evidence）">'
                    f"存档 {escape(f.get('archived_at'))}</a>"
                )
        else:
            page = "—"
        related = f.get("related_url")
        other = _link(related, f.get("related_title")) if related else ""
        out.append(f"<tr><td>{page}</td><td>{escape(f.get('detail'))}</td><td>{other}</td></tr>")
    return Markup("\n".join(out))


def document_rows(docs: list[tuple], doc_types: dict[str, str]) -> Markup:
    """A site's newest documents as <tr> rows: date, column, type, title linked to the page."""
    return Markup(
        "\n".join(
            f'<tr><td class="num">{escape(day)}</td><td>{escape(column or "")}</td>'
            f"<td>{escape(doc_types.get(kind, '未识别'))}</td>"
            f'<td><a class="evidence" href="{escape(url)}">{escape(title)}</a></td></tr>'
            for day, column, kind, title, url in docs
        )
    )
