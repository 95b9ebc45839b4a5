"""Inline SVG bar charts for the HTML report: no script, no external resource, scales to the page width."""

from __future__ import annotations

from html import escape

PALETTE = ("#b8322a", "#d98c2b", "#2f6f9f", "#5a9e6f", "#8a6fb0", "#7f7f7f", "#c9c9c9")
WIDTH = 560
LABEL = 150
ROW = 30


def _svg(title: str, height: int, body: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        'preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> str:
    extra = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def hbars(title: str, items: list[tuple[str, float, str]], maximum: float | None = None) -> str:
    """One horizontal bar per item: (label, value, text shown at the bar's end)."""
    top = max((v for _, v, _ in items), default=0)
    scale_max = maximum if maximum is not None else top
    span = WIDTH - LABEL - 70
    body = []
    for i, (label, value, shown) in enumerate(items):
        y = 10 + i * ROW
        length = 0.0 if not scale_max else span * max(0.0, min(value, scale_max)) / scale_max
        body.append(_text(LABEL - 8, y + 15, label, "end"))
        body.append(f'<rect x="{LABEL}" y="{y + 3}" width="{span}" height="{ROW - 10}" class="track"/>')
        colour = PALETTE[i % len(PALETTE)]
        body.append(f'<rect x="{LABEL}" y="{y + 3}" width="{length:.1f}" height="{ROW - 10}" fill="{colour}"/>')
        body.append(_text(LABEL + length + 6, y + 15, shown, cls="value"))
    return _svg(title, 20 + len(items) * ROW, body)


def grouped(title: str, categories: list[str], series: list[tuple[str, list[int]]]) -> str:
    """Vertical bars, one group per category, one bar per series, with a legend."""
    top = max((v for _, values in series for v in values), default=0) or 1
    height, base, left = 240, 190, 30
    slot = (WIDTH - left - 10) / max(1, len(categories))
    bar = min(22.0, (slot - 8) / max(1, len(series)))
    body = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - 10}" y2="{base}" class="axis"/>']
    for c, category in enumerate(categories):
        x0 = left + c * slot + (slot - bar * len(series)) / 2
        for s, (_, values) in enumerate(series):
            value = values[c]
            h = (base - 30) * value / top
            x = x0 + s * bar
            body.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" fill="{PALETTE[s]}"/>'
            )
            if value:
                body.append(_text(x + bar / 2 - 1, base - h - 4, str(value), "middle", "value small"))
        body.append(_text(left + c * slot + slot / 2, base + 16, category, "middle", "small"))
    body += _legend([name for name, _ in series], height - 22)
    return _svg(title, height, body)


def stacked(title: str, categories: list[str], series: list[tuple[str, list[int]]]) -> str:
    """One horizontal stacked bar per category (e.g. a year), segments per series, with a legend."""
    totals = [sum(values[c] for _, values in series) for c in range(len(categories))]
    top = max(totals, default=0) or 1
    span = WIDTH - 70 - 60
    body = []
    for c, category in enumerate(categories):
        y = 10 + c * ROW
        body.append(_text(62, y + 15, category, "end"))
        x = 70.0
        for s, (_, values) in enumerate(series):
            w = span * values[c] / top
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 10}" fill="{PALETTE[s]}"/>')
                if w > 18:
                    body.append(_text(x + w / 2, y + 15, str(values[c]), "middle", "inside small"))
            x += w
    height = 20 + len(categories) * ROW + 30 * ((len(series) + 3) // 4)
    body += _legend([name for name, _ in series], 20 + len(categories) * ROW + 6)
    return _svg(title, height, body)


def _legend(names: list[str], y: float) -> list[str]:
    out = []
    for i, name in enumerate(names):
        x = 10 + (i % 4) * 135
        row_y = y + (i // 4) * 22
        out.append(f'<rect x="{x}" y="{row_y:.1f}" width="12" height="12" fill="{PALETTE[i]}"/>')
        out.append(_text(x + 17, row_y + 11, name, cls="small"))
    return out
