"""The pathway bar on a module page: where the reader is in their pathway.

GOV.UK's "step by step" pattern: on every page of a route, the route's name,
the step the reader is on, and links to the previous and next steps of the
route (not of the site). A module can be a step of several pathways, so the
page carries one bar for each, at the top and at the end, hidden; the
script shows the one for the pathway the reader follows (``?pathway=ID``,
then remembered in the browser like the layer), with "Mark as done", and
hides the theme's own previous/next links while it is shown. Without
JavaScript no bar shows: the pathway page links every step in order.

The bars are filled in after the page is rendered (like the module card), so
they are not in the search index and never carry glossary links.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.pathways import Pathway, Step
from ..core.site import Site
from .pathway_page import pathway_src, step_href
from .safe import field_html
from .safe import html_text as escape
from .time_text import step_time_text

#: Where the bars go: after the title ("top") and after the reflection prompts ("end").
BAR_SLOT = '<div class="pathway-bar-slot" data-position="{position}"></div>'
POSITIONS = ("top", "end")


def pathways_with(site: Site, module_id: str) -> list[tuple[Pathway, int]]:
    """Every pathway that has the module as a step, with the step's index (its first, if twice)."""
    found = []
    for pathway in site.pathways:
        index = next((i for i, step in enumerate(pathway.steps) if step.module == module_id), None)
        if index is not None:
            found.append((pathway, index))
    return found


def _sitting_of(pathway: Pathway, index: int) -> int:
    """The number (from 1) of the sitting that holds step ``index``."""
    seen = 0
    for number, sitting in enumerate(pathway.sittings, 1):
        seen += len(sitting.steps)
        if index < seen:
            return number
    return len(pathway.sittings)


def bar_html(site: Site, pathway: Pathway, index: int, position: str, url_for: Callable[[str], str]) -> str:
    """One pathway's bar for step ``index``, at the ``top`` or the ``end`` of the module page.

    The top bar is compact (it comes before the text on a phone's first
    screen): where the reader is, the step's time, what to focus on, and small
    links. The end bar leads on, with the next step's title, and says when the
    step ends a sitting (a good place to stop).
    """
    steps = pathway.steps
    step = steps[index]
    sitting = _sitting_of(pathway, index)
    ends_sitting = index + 1 == sum(len(s.steps) for s in pathway.sittings[:sitting])
    label = "Your pathway" if position == "top" else "Your pathway: what next"
    parts = [
        f'<nav class="pathway-bar pathway-bar--{position} no-print no-glossary" hidden '
        f'data-pathway="{escape(pathway.id)}" data-pathway-title="{escape(pathway.title)}" '
        f'data-layer="{escape(pathway.layer)}" data-step="{escape(step.module)}" '
        f'aria-label="{escape(label)}">',
        f'<p class="pathway-bar__title"><a href="{escape(url_for(pathway_src(pathway)))}#step-{index + 1}">'
        f"{escape(pathway.title)}</a></p>",
        f'<p class="pathway-bar__where"><strong>Step {index + 1} of {len(steps)}</strong> · '
        f"{escape(step_time_text(site.step_time(step)))}</p>",
    ]
    if position == "end" and ends_sitting:
        place = ("the last step of the pathway" if index + 1 == len(steps)
                 else f"the end of sitting {sitting} of {len(pathway.sittings)}: a good place to stop")
        parts.append(f'<p class="pathway-bar__sitting">This is {place}.</p>')
    parts.append('<div class="pathway-bar__actions">'
                 '<label class="pathway-done"><input type="checkbox" data-pathway-done> Mark as done</label>')
    previous = steps[index - 1] if index > 0 else None
    following = steps[index + 1] if index + 1 < len(steps) else None
    if previous:
        parts.append(_link(site, pathway, previous, url_for, "prev", "Previous", titled=position == "end"))
    if following:
        parts.append(_link(site, pathway, following, url_for, "next", "Next in your pathway",
                           titled=position == "end"))
    else:
        finish = f"{url_for(pathway_src(pathway))}#taking-it-further"
        button = ' class="md-button md-button--primary pathway-bar__next"' if position == "end" else \
            ' class="pathway-bar__next"'
        parts.append(f'<a{button} href="{escape(finish)}">Finish: taking it further</a>')
    parts.append("</div>")
    if position == "top":
        parts.append(f'<details class="pathway-bar__focus"><summary>What to focus on in this step</summary>'
                     f'{field_html("pathway", "sittings.steps.focus", step.focus)}</details>')
    else:
        parts.append('<p class="pathway-bar__leave"><button type="button" data-pathway-leave>'
                     "Stop following this pathway</button> (your progress is kept)</p>")
    parts.append("</nav>")
    return "".join(parts)


def _link(site: Site, pathway: Pathway, step: Step, url_for: Callable[[str], str], rel: str,
          words: str, titled: bool) -> str:
    """A link to a neighbouring step: small at the top; at the end with its title, the next one a button."""
    href = escape(step_href(url_for, site, pathway, step))
    if not titled:
        return f'<a class="pathway-bar__{rel}" rel="{rel}" href="{href}">{words}</a>'
    title = site.module(step.module).title
    button = "md-button md-button--primary " if rel == "next" else ""
    return (f'<a class="{button}pathway-bar__{rel}" rel="{rel}" href="{href}">'
            f'{words}<span class="pathway-bar__to">: {escape(title)}</span></a>')


def fill_bars(html: str, site: Site, module_id: str, url_for: Callable[[str], str]) -> str:
    """The page with each slot replaced by the bars of every pathway that has the module (or nothing)."""
    found = pathways_with(site, module_id)
    for position in POSITIONS:
        bars = "".join(bar_html(site, pathway, index, position, url_for) for pathway, index in found)
        html = html.replace(BAR_SLOT.format(position=position), bars)
    return html
