"""Charts drawn by hand, without matplotlib: an inline SVG of a site's weekly items (bars, the
weekly minimum as a dashed line, quarter-month dates, the Chinese axis label drawn by the
browser's fonts), and a 150×28 px palette PNG sparkline per site for the overview (thousands of
sites stay a few megabytes). matplotlib took ~0.1 s a chart; these take about a millisecond, so
a 3,000-site scorecard is not waiting on its charts."""

from __future__ import annotations

import base64
import datetime as dt
import io
import math

BELOW = "#c0392b"  # a week under the minimum
ABOVE = "#2e86c1"
SPARK = "#5d6d7e"
# the weekly chart's geometry, in px (the former matplotlib figure: 7.2 × 1.9 in at 72 dpi)
WIDTH, HEIGHT = 518, 137
LEFT, RIGHT, TOP, BOTTOM = 46, 8, 8, 34


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


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5, 5 × 10^n) giving about `ticks` gridlines up to `top`."""
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _number(value: float) -> str:
    return f"{value:g}"


def weekly_svg(weekly, start: dt.date, end: dt.date, minimum: float) -> str:
    """Bars of new items per week with the weekly minimum as a line; an inline <svg> element."""
    days, values = weeks_filled(weekly, start, end)
    step = nice_step(max([*values, minimum]))
    top = step * math.ceil(max([*values, minimum, 1]) / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(days), 1)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="weekly" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="每周新增信息，虚线为每周最低 {_number(minimum)} 条" '
        'font-family="sans-serif" font-size="10">'
    ]
    tick = 0.0
    while tick <= top + 1e-9:  # y axis: gridline labels
        parts.append(
            f'<text x="{LEFT - 4}" y="{y(tick) + 3:.1f}" text-anchor="end" fill="#333">'
            f"{_number(tick)}</text>"
            f'<line x1="{LEFT - 3}" x2="{LEFT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#333"/>'
        )
        tick += step
    label_y = TOP + plot_h / 2
    parts.append(
        f'<text x="11" y="{label_y:.1f}" transform="rotate(-90 11 {label_y:.1f})" '
        'text-anchor="middle" fill="#333">每周条数</text>'
    )
    for i, (day, value) in enumerate(zip(days, values, strict=True)):
        x = LEFT + i * slot
        if value:
            colour = BELOW if value < minimum else ABOVE
            parts.append(
                f'<rect x="{x + slot * 0.1:.1f}" y="{y(value):.1f}" width="{slot * 0.8:.1f}" '
                f'height="{TOP + plot_h - y(value):.1f}" fill="{colour}"/>'
            )
        elif minimum > 0:  # a week with nothing: a red mark on the axis, visible
            parts.append(
                f'<rect x="{x + slot * 0.1:.1f}" y="{TOP + plot_h - 2}" '
                f'width="{slot * 0.8:.1f}" height="2" fill="{BELOW}"/>'
            )
        if day.day <= 7 and day.month in (1, 4, 7, 10):  # a quarter's first Monday: its date
            label_x = x + slot / 2
            parts.append(
                f'<line x1="{label_x:.1f}" x2="{label_x:.1f}" y1="{TOP + plot_h}" '
                f'y2="{TOP + plot_h + 3}" stroke="#333"/>'
                f'<text x="{label_x:.1f}" y="{TOP + plot_h + 14}" text-anchor="end" '
                f'transform="rotate(-30 {label_x:.1f} {TOP + plot_h + 14})" fill="#333">'
                f"{day:%Y-%m}</text>"
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(minimum):.1f}" y2="{y(minimum):.1f}" '
        'stroke="#555" stroke-width="0.8" stroke-dasharray="4 3"/>'
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#333"/>'
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        'stroke="#333"/></svg>'
    )
    return "".join(parts)


def sparkline_png(weekly, start: dt.date, end: dt.date, minimum: float) -> str:
    """A 150×28 px sparkline of new items per week (weeks under the minimum in red), as a
    data: URI of a three-colour palette PNG: a few hundred bytes."""
    from PIL import Image, ImageDraw

    _, values = weeks_filled(weekly, start, end)
    width, height = 150, 28
    image = Image.new("P", (width, height), 0)
    image.putpalette([255, 255, 255, *_rgb(SPARK), *_rgb(BELOW)])
    draw = ImageDraw.Draw(image)
    top = max([*values, 1])
    slot = width / max(len(values), 1)
    for i, value in enumerate(values):
        bar = max(1, round(value / top * height)) if value else 0
        if not bar:
            continue
        x0 = int(i * slot)
        x1 = max(x0, int((i + 1) * slot) - 1)
        draw.rectangle((x0, height - bar, x1, height - 1), fill=2 if value < minimum else 1)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _rgb(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
