"""The Content-Security-Policy every page carries, with its inline scripts' hashes.

The policy makes "nothing leaves the reader's device" hold even if hostile
content slipped through: scripts run only from the site's own files or when
their exact text is listed by hash, requests go only to the site itself, and
no plugin, base URL or form can point elsewhere. The theme's few inline
scripts differ from page to page (they carry the page's base URL), so each
page gets the hashes of its own, computed from the page as written.

The theme template writes ``<meta http-equiv="Content-Security-Policy"
content="PLACEHOLDER">`` first in ``<head>``; :func:`apply_policy` fills it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from selectolax.lexbor import LexborHTMLParser

#: Filled by :func:`apply_policy`; written by ``overrides/main.html``.
PLACEHOLDER = "resonance-content-security-policy"

#: Every directive but the script hashes. Material's search runs in a worker
#: from the site's own files; its icons are data: images in its stylesheet.
POLICY: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
})
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script that a browser would run, in page order.

    The page is parsed once by Lexbor (through selectolax, in C), an HTML5
    parser: a script's text ends where a browser ends it (``</script``, but
    not inside the double-escaped ``<!--<script>`` case), text in comments,
    attribute values, ``<textarea>`` or ``<title>`` is not a script, and a
    script with a ``src`` attribute, even an empty one, runs no inline text.
    """
    return [script.text(deep=True) for script in LexborHTMLParser(html).tags("script")
            if "src" not in script.attributes
            and (script.attributes.get("type") or "").strip().lower() in _JS_TYPES]


def script_hash(text: str) -> str:
    """A CSP source for one inline script's exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_texts: Iterable[str] = ()) -> str:
    """The policy, allowing exactly the given inline scripts."""
    hashes = tuple(dict.fromkeys(script_hash(text) for text in script_texts))
    directives = {**POLICY, "script-src": POLICY["script-src"] + hashes}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def apply_policy(html: str, extra_scripts: Iterable[str] = ()) -> str:
    """The page with its policy filled in; ``extra_scripts`` are inline scripts that
    the page's own scripts add later (the offline search shim's frame).

    Raises ``ValueError`` for a page without the placeholder: a page without a
    policy must never be published.
    """
    if html.count(PLACEHOLDER) != 1:
        raise ValueError("the page does not carry exactly one Content-Security-Policy placeholder "
                         "(is overrides/main.html the theme's custom_dir?)")
    return html.replace(PLACEHOLDER, policy([*inline_scripts(html), *extra_scripts]))


# -- the offline copy's search -----------------------------------------------------------------

_FRAME_SCRIPT_RE = re.compile(r"<script>(postMessage=.*?)<\\/script>", re.DOTALL)
_FRAME_NAMES_RE = re.compile(r"postMessage=\$\{(\w+)\};importScripts=\$\{(\w+)\}")
_URL_NAME_RE = re.compile(r"filename:\"\$\{(\w+)\}\"")


def _function_source(js: str, name: str) -> str:
    """The source text of ``function name(...){...}`` in ``js`` (what the browser's toString gives)."""
    start = js.index(f"function {name}(")
    depth, index = 0, js.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(js[index], 0)
        index += 1
        if depth == 0:
            return js[start:index]


def frame_worker_script(shim_js: str, worker_url: str) -> str:
    """The inline script that the iframe-worker shim writes into its frame for ``worker_url``.

    Opened from files, Material's search worker runs in a frame written by the
    shim; the frame inherits the page's policy, so its one inline script must be
    listed by hash. Its text is the shim's template with the shim's two helper
    functions and the worker's address put in, as the browser does.
    """
    template = _FRAME_SCRIPT_RE.search(shim_js)
    names = _FRAME_NAMES_RE.search(shim_js)
    url_name = _URL_NAME_RE.search(shim_js)
    if not (template and names and url_name):
        raise ValueError("the iframe-worker shim has changed: its frame's script was not found")
    text = template.group(1)
    for name in names.groups():
        text = text.replace(f"${{{name}}}", _function_source(shim_js, name))
    return text.replace(f"${{{url_name.group(1)}}}", worker_url)
