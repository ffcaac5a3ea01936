"""mkdocs-macros entry point: the macros that pages may call.

Pages opt in with ``render_macros: true`` in their front matter (the site sets
``render_by_default: false``) so that article text is never read as Jinja.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.adapter.state import current
from macros.core.glossary import Term
from macros.core.urls import relative_url
from macros.extensions.citations import CitationExtension
from macros.extensions.glossary import GlossaryExtension
from macros.render.catalogue import CATALOGUE_SLOT
from macros.render.citation_notes import citation_notes_html
from macros.render.course_builder import BUILDER_SLOT
from macros.render.course_page import courses_list as render_courses_list
from macros.render.downloads import DOWNLOADS_SLOT
from macros.render.glossary_page import glossary_markdown
from macros.render.modules_data import edition_citation
from macros.render.pathway_page import layer_choice as render_layer_choice
from macros.render.pathway_page import pathways_table as render_pathways_table
from macros.render.references_page import references_html
from macros.render.safe import render_markdown, restricted_markdown


def _generated(markdown: str) -> str:
    """Macro output lists the site's own pages and data, not the text: no glossary links or uses.

    The check renders pages without expanding macros, so a term counted in a
    macro's output would appear in the build's glossary index but not the check's.
    """
    return f'<div class="no-glossary" markdown>\n\n{markdown}\n\n</div>'


def define_env(env) -> None:
    """Register the site's macros with mkdocs-macros."""

    def _url_for(target_src: str) -> str:
        state = current()
        return relative_url(env.page.file.src_uri, target_src, state.directory_urls)

    @env.macro
    def references() -> str:
        """Every cited work, Harvard style, with "Cited in" links."""
        state = current()
        return references_html(state.site, state.formatted, _url_for)

    @env.macro
    def further_reading() -> str:
        """Works in the article's list that its text does not cite."""
        state = current()
        return references_html(state.site, state.formatted, _url_for, further_reading=True)

    @env.macro
    def cite_edition() -> str:
        """The edition's citation (Harvard), with the site's full address when it has one."""
        state = current()
        return edition_citation(env.conf.get("extra", {}).get("resonance", {}).get("article", {}),
                                state.site.edition, env.conf.get("site_url") or "")

    @env.macro
    def citation_notes() -> str:
        """Citations the text writes differently from their entry, with each entry's note."""
        return citation_notes_html(current().site, _url_for)

    @env.macro
    def glossary() -> str:
        """The glossary, A–Z, with sources, related terms and "Appears in" links.

        Each definition is rendered on its own with the restricted Markdown plus
        copies of the page's citation and glossary extensions; the works they
        cite join the page's "Works cited" list (see ``on_page_markdown``).
        """
        state = current()
        src = env.page.file.src_uri
        model_page = state.site.page(src)
        # The HTML is placed as it is: its links name built pages, not Markdown sources.
        built = {"page_path": src, "link_to_source": False}
        citations = CitationExtension(**{**state.citations.getConfigs(), **built,
                                         "page_list": False, "also_cited": ()})
        terms = GlossaryExtension(**{**state.glossary.getConfigs(), **built,
                                     "enabled": model_page.links_terms if model_page else True})
        md = restricted_markdown([citations, terms])
        cited: dict[str, None] = {}

        def definition(term: Term) -> Markup:
            terms.setConfig("own_term", term.id)
            html = render_markdown(term.definition, md)
            cited.update(dict.fromkeys(citations.cited))
            return html

        markdown = glossary_markdown(state.site, definition)
        state.also_cited[src] = tuple(cited)
        return markdown

    @env.macro
    def pathways_table() -> str:
        """Every pathway: for whom, how many steps, how long."""
        return _generated(render_pathways_table(current().site, _url_for))

    @env.macro
    def layer_choice() -> str:
        """Links that set the reader's layer and open its pathway in one click."""
        return _generated(render_layer_choice(current().site, _url_for))

    @env.macro
    def courses_list() -> str:
        """Every course in courses/: for whom, how long, its plan and handout."""
        return _generated(render_courses_list(current().site, _url_for))

    @env.macro
    def downloads() -> str:
        """Where packaging puts the whole edition's downloads (nothing in a plain build)."""
        return DOWNLOADS_SLOT if current().packages else ""

    @env.macro
    def module_catalogue() -> str:
        """Every module as a card, filterable (filled once every page is rendered: see the hooks)."""
        return CATALOGUE_SLOT

    @env.macro
    def course_builder() -> str:
        """The course builder's form (filled once every page is rendered: see the hooks)."""
        return BUILDER_SLOT

    @env.macro
    def reference_counts() -> dict:
        """How many works are cited, listed for further reading, incomplete."""
        refs = current().site.references.values()
        return {
            "cited": sum(not r.further_reading for r in refs),
            "further_reading": sum(r.further_reading for r in refs),
            "incomplete": sum(r.incomplete for r in refs),
        }
