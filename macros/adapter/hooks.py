"""MkDocs hooks: load the content model, stop on bad content, wire extensions.

Listed under ``hooks:`` in ``mkdocs.yml``. Each hook only hands work to the
core or the renderers; it adds the page path where MkDocs knows it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.adapter.state import BuildState, current, set_current
from macros.checks import check_sources
from macros.core.problems import report
from macros.extensions.citations import CitationExtension
from macros.extensions.glossary import GlossaryExtension
from macros.render.bibliography_html import format_references
from macros.render.module_intro import insert_after_title, module_intro
from macros.render.term_index import citation_targets, term_targets

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_URL = "assets/resonance/"


@event_priority(100)  # before mkdocs-macros, whose define_env reads the state
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    result = check_sources(root, list(config.markdown_extensions), config.mdx_configs, docs=docs)
    if result.problems:
        raise PluginError("\n" + report(result.problems))
    site, index = result.site, result.term_index
    formatted = format_references(site.bibliography)
    urls = {"directory_urls": config.use_directory_urls, "link_to_source": True}
    citations = CitationExtension(targets=citation_targets(site, formatted), **urls)
    scope = (config.extra.get("resonance") or {}).get("glossary_link", "section")
    glossary = GlossaryExtension(targets=term_targets(site), glossary_page=site.paths.glossary_page,
                                 scope=scope, **urls)
    config.markdown_extensions.extend([citations, glossary])
    for asset in sorted(ASSETS.iterdir()):
        target = config.extra_css if asset.suffix == ".css" else config.extra_javascript
        if asset.suffix in (".css", ".js"):
            target.append(ASSET_URL + asset.name)
    set_current(BuildState(site, formatted, citations, glossary, index, config.use_directory_urls))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish our assets and the bibliography file with the site."""
    state = current()
    for asset in sorted(ASSETS.iterdir()):
        files.append(File.generated(config, ASSET_URL + asset.name, abs_src_path=str(asset)))
    bib = state.site.paths.root / state.site.paths.bibliography
    files.append(File.generated(config, bib.name, abs_src_path=str(bib)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tell the extensions which page they render; add the module box."""
    state = current()
    state.citations.set_page(page.file.src_uri)
    model_page = state.site.page(page.file.src_uri)
    state.glossary.set_page(page.file.src_uri, model_page.links_terms if model_page else True)
    return insert_after_title(markdown, module_intro(page.meta))
