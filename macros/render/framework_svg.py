"""The framework diagram: inline SVG generated from ``framework.yml``.

Concentric rings around the core, from the centre outwards in the order the
file gives them; every element and every ring's title is a link. Colours come
from CSS classes (light and dark schemes are styled in ``framework.css``), and the
SVG carries a title and a description; the page adds a text version.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from ..core.framework import Framework, Ring

SIZE = 640
CENTRE = SIZE / 2
CORE_RADIUS = 105
RING_WIDTH = 68


def _pill(x: float, y: float, label: str, href: str, css: str) -> str:
    width = 18 + 10.6 * len(label)  # wide enough for the label at 19px
    return (f'<a href="{escape(href)}" class="fw-link {css}">'
            f'<rect x="{x - width / 2:.1f}" y="{y - 17:.1f}" width="{width:.1f}" height="34" rx="17"/>'
            f'<text x="{x:.1f}" y="{y + 6:.1f}" text-anchor="middle">{escape(label)}</text></a>')


def framework_svg(framework: Framework, term_name: Callable[[str], str],
                  element_url: Callable[[str], str], part_url: Callable[[Ring], str]) -> str:
    """The diagram; ``element_url(term)`` and ``part_url(ring)`` give each link's target."""
    rings = framework.rings
    parts = [
        f'<svg class="framework-diagram" viewBox="0 0 {SIZE} {SIZE}" role="group" '
        f'aria-labelledby="fw-title" aria-describedby="fw-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="fw-title">{escape(framework.title)}</title>',
        '<desc id="fw-desc">' + escape(
            "Concentric rings. At the centre: " + (framework.core.title if framework.core else "")
            + ". Around it, from the inside out: "
            + "; ".join(f"{r.title}, with " + " and ".join(term_name(e.term) for e in r.elements)
                        for r in rings) + ".") + "</desc>",
    ]
    for index in reversed(range(len(rings))):  # outermost first, so inner rings sit on top
        radius = CORE_RADIUS + RING_WIDTH * (index + 1)
        parts.append(f'<circle class="fw-ring fw-ring-{index + 1}" '
                     f'cx="{CENTRE}" cy="{CENTRE}" r="{radius}"/>')
    parts.append(f'<circle class="fw-core" cx="{CENTRE}" cy="{CENTRE}" r="{CORE_RADIUS}"/>')
    for index, ring in enumerate(rings):
        middle = CORE_RADIUS + RING_WIDTH * index + RING_WIDTH / 2
        parts.append(f'<a href="{escape(part_url(ring))}" class="fw-link fw-title">'
                     f'<text x="{CENTRE}" y="{CENTRE - middle + 6:.1f}" text-anchor="middle">'
                     f"{escape(ring.title)}</text></a>")
        count = len(ring.elements)
        for number, element in enumerate(ring.elements):
            # Spread the elements over the lower half of the ring, left to right.
            angle = math.radians(-55 + 110 * number / max(count - 1, 1)) if count > 1 else 0.0
            x = CENTRE + middle * math.sin(angle)
            y = CENTRE + middle * math.cos(angle)
            parts.append(_pill(x, y, term_name(element.term), element_url(element.term), "fw-element"))
    if framework.core:
        core = framework.core
        parts.append(f'<a href="{escape(part_url(core))}" class="fw-link fw-title">'
                     f'<text x="{CENTRE}" y="{CENTRE - 62}" text-anchor="middle">'
                     f"{escape(core.label or core.title)}</text></a>")
        count = len(core.elements)
        for number, element in enumerate(core.elements):
            y = CENTRE + 8 + 40 * (number - (count - 1) / 2)
            parts.append(_pill(CENTRE, y, term_name(element.term), element_url(element.term), "fw-element"))
    parts.append("</svg>")
    return "".join(parts)
