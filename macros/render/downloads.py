"""The "Downloads" block of a pathway, course or home page.

A package's size is known only once it is packed, after every page has been
written; so a page built with packaging on holds an empty slot, and the
packaging step fills it. A plain build renders no slot and no links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

DOWNLOADS_SLOT = '<div class="downloads-slot"></div>'

#: What each format is called, and who it is for, in plain words.
FORMATS = {
    "scorm": ("SCORM package", "for Moodle or Totara (SCORM 1.2)"),
    "cartridge": ("Common Cartridge", "for Moodle and other learning platforms (IMS Common Cartridge 1.1, "
                                      "links to this site)"),
    "epub": ("EPUB book", "for e-readers and phones (EPUB 3)"),
}


@dataclass(frozen=True)
class Offer:
    """One format on offer: its file (a link from the page) and size, or why it was not made."""

    format: str
    href: str = ""
    size: int = 0
    missing: str = ""  # plain text: why there is no file


def size_text(size: int) -> str:
    """``48 KB``, ``1.2 MB``: sizes as readers expect them."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def downloads_html(offers: Sequence[Offer], note: str = "") -> str:
    """The block that replaces the slot; ``note`` is plain text shown under the list."""
    items = []
    for offer in offers:
        name, purpose = FORMATS[offer.format]
        if offer.href:
            items.append(f'<li><a href="{escape(offer.href)}" download>{escape(name)}</a> '
                         f"{escape(purpose)}, {size_text(offer.size)}</li>")
        else:
            items.append(f"<li>{escape(name)} {escape(purpose)}: {escape(offer.missing)}</li>")
    return ('<section class="downloads no-glossary no-print" aria-labelledby="downloads">'
            '<h2 id="downloads">Downloads</h2><ul>' + "".join(items) + "</ul>"
            + (f"<p>{escape(note)}</p>" if note else "") + "</section>")


def fill_downloads(html: str, block: str) -> str:
    """The page with its slot filled (unchanged if it has none)."""
    return html.replace(DOWNLOADS_SLOT, block, 1)
