"""Charts drawn by matplotlib: inline SVG for a site's weekly items, small PNG sparklines for the
overview (thousands of sites stay a few megabytes). Text in the charts (dates, numbers, the
Chinese axis label) is left as SVG text in a generic sans-serif, drawn by the browser's fonts."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import warnings
from functools import cache


@cache
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "zwgk",
            "font.size": 8,
            "font.family": "sans-serif",
            # measured with a CJK font where one is installed (make system installs Noto), so
            # the layout leaves room for the Chinese axis label the browser draws
            "font.sans-serif": ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"],
        }
    )
    # without a CJK font matplotlib only mis-measures the label (the browser draws it): no
    # warning per glyph in the assessor's log
    warnings.filterwarnings(
        "ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning
    )
    return plt


def weeks_filled(
    weekly: list[tuple[dt.date, int]], start: dt.date, end: dt.date
) -> tuple[list, list]:
    """Every Monday from start to end with its count (0 where nothing was published)."""
    counts = dict(weekly)
    monday = start - dt.timedelta(start.weekday())
    days, values = [], []
    while monday <= end:
        days.append(monday)
        values.append(counts.get(monday, 0))
        monday += dt.timedelta(7)
    return days, values


def weekly_svg(weekly, start: dt.date, end: dt.date, minimum: float) -> str:
    """Bars of new items per week with the weekly minimum as a line; an inline <svg> element."""
    plt = _pyplot()
    days, values = weeks_filled(weekly, start, end)
    fig, ax = plt.subplots(figsize=(7.2, 1.9), dpi=72)
    colours = ["#c0392b" if v < minimum else "#2e86c1" for v in values]
    ax.bar(days, values, width=5, color=colours)
    ax.axhline(minimum, color="#555", linewidth=0.8, linestyle="--")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_ylabel("每周条数")
    fig.autofmt_xdate()
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(
        buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None}
    )
    plt.close(fig)
    svg = buffer.getvalue()
    # matplotlib's own stroke defaults move to the page's CSS (base.html): a <style> inside the
    # chart is read out as text by screen readers and text extraction
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    return svg[svg.index("<svg") :]


def sparkline_png(weekly, start: dt.date, end: dt.date, minimum: float) -> str:
    """A 150×28 px sparkline of new items per week, as a data: URI."""
    plt = _pyplot()
    _, values = weeks_filled(weekly, start, end)
    fig = plt.figure(figsize=(1.5, 0.28), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.bar(
        range(len(values)),
        values,
        width=0.9,
        color=["#c0392b" if v < minimum else "#5d6d7e" for v in values],
    )
    ax.set_axis_off()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    # a four-colour palette image: a few hundred bytes, so thousands of sites stay small
    from PIL import Image

    small = io.BytesIO()
    Image.open(buffer).convert("RGB").quantize(colors=4).save(small, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(small.getvalue()).decode()
