"""A module's permanent address on paper: in full, once, with a QR code.

Printed pages and handouts carry no term or citation addresses; instead each
module gives its own permanent address once, so a reader can find the page
with everything linked. The QR code is drawn at build time (segno, as SVG),
and only for an absolute address: without the site's public address
(``site_url``) a code would lead nowhere, and the print script fills in the
address the copy was opened at instead.
"""

from __future__ import annotations

import io
from functools import lru_cache
from urllib.parse import urlsplit

import segno
from markupsafe import Markup

from .safe import html_text as escape


@lru_cache(maxsize=1024)  # each module's code is drawn once per build, for its page and every handout
def qr_svg(url: str) -> Markup:
    """The address as a QR code: inline SVG, black on white, described for assistive technology."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", xmldecl=False, svgns=True, scale=4, border=2,
                                    svgclass="qr-code", lineclass=None, omitsize=False)
    svg = out.getvalue().decode("utf-8")
    label = escape(f"QR code for {url}")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def print_address_html(href: str, address: str, label: str = "Read this module online",
                       screen: bool = False) -> Markup:
    """A paragraph shown only in print: ``label``, the address in full, and its QR code.

    ``address`` is the module's address: absolute (under the site's public
    address) or, without one, its path in the site; ``href`` links to it from
    the page the paragraph is on. The QR code is drawn for an absolute address only.
    ``screen`` shows the paragraph on screen too (its code only on paper).
    """
    code = qr_svg(address) if urlsplit(address).scheme in ("http", "https") else Markup("")
    shown = "print-address" if screen else "print-only print-address"
    return Markup(f'<p class="{shown}">{code}<span>{escape(label)}: '
                  f'<a class="print-address-link" href="{escape(href)}">{escape(address)}</a></span></p>')
