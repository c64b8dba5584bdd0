"""Small server-rendered SVG charts (no JavaScript, no CDN). Every label is
escaped; every bar has a <title> so screen readers and hover show numbers."""
from django.utils.html import escape
from django.utils.safestring import mark_safe

COLORS = {"approved": "#1e7b34", "rejected": "#a3141e", "pending": "#b26a00"}
PALETTE = ["#1a73e8", "#a3141e", "#b26a00", "#1e7b34", "#7b1fa2", "#00838f", "#5f6368"]


def stacked_bars(labels, series, title, width=720, height=220):
    """Vertical stacked bars: labels along x, series {name: [values]}."""
    pad_left, pad_bottom, pad_top = 36, 28, 10
    n = max(len(labels), 1)
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    peak = max(totals + [1])
    slot = (width - pad_left) / n
    plot_height = height - pad_bottom - pad_top
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%">',
             f"<title>{escape(title)}</title>"]
    for fraction in (0, 0.5, 1):
        y = pad_top + plot_height * (1 - fraction)
        parts.append(f'<line x1="{pad_left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{pad_left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10">{round(peak * fraction)}</text>')
    for i, label in enumerate(labels):
        x = pad_left + i * slot + slot * 0.15
        y = pad_top + plot_height
        for name, values in series.items():
            value = values[i]
            if not value:
                continue
            h = plot_height * value / peak
            y -= h
            parts.append(f'<rect class="bar" data-series="{escape(name)}" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                         f'height="{h:.1f}" fill="{COLORS.get(name, "#888")}"><title>{escape(label)}: {value} {escape(name)}</title></rect>')
        if n <= 16 or i % max(1, n // 10) == 0:
            parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{height - 10}" text-anchor="middle" font-size="10">{escape(label)}</text>')
    legend_x = pad_left
    for name in series:
        parts.append(f'<rect x="{legend_x}" y="0" width="10" height="10" fill="{COLORS.get(name, "#888")}"/>'
                     f'<text x="{legend_x + 14}" y="9" font-size="10">{escape(name)}</text>')
        legend_x += 90
    parts.append("</svg>")
    return mark_safe("".join(parts))


def horizontal_bars(items, title, value_format="{:.0f}", maximum=None, width=720):
    """One bar per (label, value); value_format renders the number shown."""
    row, label_width = 24, 170
    height = row * max(len(items), 1) + 10
    peak = maximum or max([value for _, value in items] + [1e-9])
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%">',
             f"<title>{escape(title)}</title>"]
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        w = (width - label_width - 60) * (value / peak if peak else 0)
        shown = value_format.format(value)
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>'
                     f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                     f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(label)}: {escape(shown)}</title></rect>'
                     f'<text x="{label_width + w + 6:.1f}" y="{y + 15}" font-size="12">{escape(shown)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
