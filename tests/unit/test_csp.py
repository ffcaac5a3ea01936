"""The policy's script hashes cover exactly the inline scripts a browser runs.

A script's text ends, and text counts as a script, where HTML5's tokenizer
says; each case below is one of its rules (a hash of the wrong text would
block the theme's script, a hash of text that never runs would allow it).
"""

import pytest

from macros.render.csp import apply_policy, inline_scripts, script_hash


@pytest.mark.parametrize(("html", "scripts"), [
    ('<script>a="</div>"</script>', ['a="</div>"']),  # only </script ends a script
    ("<p>x<script>a</SCRIPT >y", ["a"]),  # in any case, with white space before >
    ("<script>one</script/><script>two</script>", ["one", "two"]),
    ("<script>a<!--<script>b</script>c</script>d", ["a<!--<script>b</script>c"]),  # double-escaped
    ("<script>a<!--b</script>", ["a<!--b"]),
    ("<script>&amp;</script>", ["&amp;"]),  # script text is never decoded
    ("<!-- <script>x()</script> -->", []),
    ('<div title="<script>y()</script>">', []),
    ("<textarea><script>z()</script></textarea>", []),  # text, not markup
    ("<title><script>t()</script></title>", []),
    ("<style>/*<script>*/</style>", []),
    ("<p><![CDATA[<script>c()</script>]]></p>", []),  # a bogus comment in HTML
    ('<script type="module">m()</script>', ["m()"]),
    ('<script src="x.js">b</script><script TYPE=" Text/JavaScript ">c</script>', ["c"]),
    ("<script src>e</script>", []),  # any src, even empty, means the text is not run
    ('<script type="application/json">{"x": 1}</script><script type="application/ld+json">{}</script>', []),
    ("<svg><script>s()</script></svg>", ["s()"]),
    ("<svg><script><![CDATA[a<b]]></script></svg>", ["a<b"]),  # CDATA is text in SVG
    ("<script>\x00x</script>", ["\ufffdx"]),  # as the browser reads it
    ("<table><script>tb()</script><tr><td>x</td></tr></table>", ["tb()"]),
    ("<!-- only a comment -->", []),
])
def test_inline_scripts_are_what_html5_runs(html, scripts):
    assert inline_scripts(html) == scripts


def test_text_outside_ascii_is_hashed_as_utf8():
    page = ('<head><meta http-equiv="Content-Security-Policy" content="resonance-content-security-policy">'
            '<meta charset="iso-8859-1"><script>a("é – ✓")</script></head>')
    assert inline_scripts(page) == ['a("é – ✓")']
    assert script_hash('a("é – ✓")') in apply_policy(page)
