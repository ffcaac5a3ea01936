"""The rule for text: plain fields escaped or made inert, Markdown fields restricted."""

import markdown
import pytest
from markupsafe import Markup

from macros.render.csp import POLICY, apply_policy, inline_scripts, policy, script_hash
from macros.render.safe import (
    MARKDOWN_FIELDS,
    field_html,
    is_markdown,
    markdown_text,
    render_markdown,
    safe_url,
)

ENGINE_EXTENSIONS = ["attr_list", "md_in_html", "toc", "admonition", "def_list"]


def test_the_markdown_fields_are_exactly_the_declared_ones():
    assert {(kind, name) for kind, names in MARKDOWN_FIELDS.items() for name in names} == {
        ("pathway", "introduction"), ("pathway", "closing"), ("pathway", "sittings.steps.focus"),
        ("course", "introduction"), ("course", "closing"), ("course", "sessions.activities.description"),
        ("glossary", "definition")}
    assert is_markdown("pathway", "sittings.steps.focus") and not is_markdown("pathway", "title")


@pytest.mark.parametrize("text", [
    "[a](javascript:alert(1))", '[b](http://x){: onclick="alert(1)" }', "<img src=x onerror=alert(1)>",
    "# heading", "1. a list", "- item", "**bold** _em_ `code`", "@rosa2019 [@rosa2019]", "a | b", "{{ x }}"])
def test_plain_text_is_inert_in_the_engine_markdown(text):
    """Rendered by a Markdown with the engine's extensions, plain text comes out as written."""
    html = markdown.markdown(f"Before {markdown_text(text)} after", extensions=ENGINE_EXTENSIONS)
    assert html.startswith("<p>Before ") and "<a" not in html and "<img" not in html and "<strong" not in html
    assert Markup(html).striptags() == f"Before {text} after"


def test_plain_text_as_a_paragraph_is_escaped():
    assert field_html("pathway", "title", "<b>x</b>") == "<p>&lt;b&gt;x&lt;/b&gt;</p>"


@pytest.mark.parametrize(("source", "html"), [
    ("[a](javascript:alert(1))", "<p>a</p>"),
    ("[a](JaVa\tScRiPt:alert(1))", "<p>a</p>"),
    ("[a](&#106;avascript:alert(1))", "<p>a</p>"),
    ("![i](data:image/png,x)", "<p>i</p>"),
    ("[r][1]\n\n[1]: vbscript:x", "<p>r</p>"),
    ('[b](http://x){: onclick="alert(1)" }', '<p><a href="http://x">b</a>{: onclick="alert(1)" }</p>'),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
    ("<div>\n\nx\n\n</div>", "<p>&lt;div&gt;</p>\n<p>x</p>\n<p>&lt;/div&gt;</p>"),
    ("[m](mailto:a@b.c) [r](../x/) [h](https://e.x/#y)",
     '<p><a href="mailto:a@b.c">m</a> <a href="../x/">r</a> <a href="https://e.x/#y">h</a></p>'),
])
def test_a_markdown_field_renders_without_html_attributes_or_unsafe_links(source, html):
    assert render_markdown(source) == html


@pytest.mark.parametrize(("url", "safe"), [
    ("https://e.x/", True), ("mailto:a@b", True), ("../a.md#b", True), ("#x", True), ("?q=a:b", True),
    ("javascript:x", False), (" javascript:x", False), ("java\nscript:x", False), ("data:text/html,x", False),
    ("file:///etc/passwd", False), ("x:y", False)])
def test_safe_url(url, safe):
    assert safe_url(url) is safe


def test_the_policy_hashes_inline_scripts_and_allows_nothing_inline():
    page = ('<head><meta http-equiv="Content-Security-Policy" content="resonance-content-security-policy">'
            '<script>a()</script><script type="application/json">{"x": 1}</script>'
            '<script src="s.js"></script></head>')
    assert inline_scripts(page) == ["a()"]
    filled = apply_policy(page)
    assert script_hash("a()") in filled and "unsafe-inline" not in filled and "unsafe-eval" not in filled
    assert "connect-src 'self'" in policy() and "object-src 'none'" in policy()
    assert POLICY["base-uri"] == ("'self'",) and POLICY["form-action"] == ("'self'",)


def test_a_page_without_the_placeholder_is_refused():
    with pytest.raises(ValueError, match="placeholder"):
        apply_policy("<head><script>a()</script></head>")
