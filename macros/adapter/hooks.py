"""MkDocs hooks: load the content model, stop on bad content, wire extensions.

Listed under ``hooks:`` in ``mkdocs.yml``. Each hook only hands work to the
core or the renderers; it adds the page path where MkDocs knows it.
"""

from __future__ import annotations

import json
from pathlib import Path

import rcssmin
import rjsmin
from properdocs.config.defaults import MkDocsConfig
from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority
from properdocs.structure.files import File, Files, InclusionLevel
from properdocs.structure.pages import Page

from macros.adapter.state import BuildState, current, set_current
from macros.checks.term_index import (
    check_term_use,
    citation_targets,
    collect_index,
    term_targets,
)
from macros.core.navorder import flatten_nav
from macros.core.problems import report
from macros.core.registry import redirect_map
from macros.core.site_cache import load_site_cached
from macros.core.urls import relative_url, source_link
from macros.extensions.citations import CitationExtension
from macros.extensions.glossary import GlossaryExtension
from macros.render.bibliography_html import format_references
from macros.render.course_page import course_markdown, course_src
from macros.render.framework_page import overview_markdown, overview_src, part_markdown, part_src
from macros.render.glossary_page import fill_appears_in
from macros.render.module_card import card_html, fill_card
from macros.render.module_intro import insert_after_title, module_intro
from macros.render.modules_data import module_record, modules_json
from macros.render.pathway_page import pathway_markdown, pathway_src
from macros.render.reflection import reflection_markdown

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_URL = "assets/resonance/"
MODULES_JSON = "modules.json"
MINIFY = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
ROOT = Path(__file__).resolve().parents[2]
IFRAME_WORKER = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
IFRAME_WORKER_URL = "assets/vendor/iframe-worker/shim.js"


@event_priority(100)  # before mkdocs-macros, whose define_env reads the state
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check every source once; wire the extensions and assets."""
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    _prepare_offline(config)
    cache = root / ".cache" / "resonance"
    site = load_site_cached(root, flatten_nav(config.nav or []), cache, docs=docs)
    if site.problems:
        raise PluginError("\n" + report(site.problems))
    formatted = format_references(site.bibliography, cache)
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
    redirects = config.plugins.get("redirects")
    if redirects is not None and site.registry:
        modules = {page.module: page.src for page in site.modules}
        redirects.config["redirect_maps"].update(redirect_map(site.registry, modules))
    set_current(BuildState(site, formatted, citations, glossary, config.use_directory_urls))
    return config


def _prepare_offline(config: MkDocsConfig) -> None:
    """For Material's offline plugin: file URLs, and its search shim from our own copy.

    The plugin would otherwise add the shim from a CDN; a polyfill whose path
    names iframe-worker is taken as already present.
    """
    offline = config.plugins.get("material/offline")
    if not (offline and offline.config.enabled):
        return
    if not IFRAME_WORKER.exists():
        raise PluginError(f"{IFRAME_WORKER.relative_to(ROOT)} is missing: run 'npm ci' (make offline does)")
    config.use_directory_urls = False  # links must name files when opened from disk
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), IFRAME_WORKER_URL]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish our assets and the bibliography file with the site."""
    state = current()
    if IFRAME_WORKER_URL in config.extra.get("polyfills", []):
        files.append(File.generated(config, IFRAME_WORKER_URL, abs_src_path=str(IFRAME_WORKER)))
    for asset in sorted(ASSETS.iterdir()):
        if asset.suffix in MINIFY:  # published minified; the sources stay readable
            content = MINIFY[asset.suffix](asset.read_text(encoding="utf-8"))
            files.append(File.generated(config, ASSET_URL + asset.name, content=content))
    bib = state.site.paths.root / state.site.paths.bibliography
    files.append(File.generated(config, bib.name, abs_src_path=str(bib)))
    site, urls = state.site, state.directory_urls
    # Written for real after the build (it needs every page rendered); declared
    # here so that pages can link to it and the link is checked.
    files.append(File.generated(config, MODULES_JSON, content="{}"))

    def generate(src: str, make, in_nav: bool = True) -> None:
        """Add a page made from the sources, with link helpers relative to it."""
        content = make(lambda target: relative_url(src, target, urls),
                       lambda target: source_link(src, target))
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src, content=content, inclusion=inclusion))

    for pathway in site.pathways:
        generate(pathway_src(pathway), lambda url, md, p=pathway: pathway_markdown(site, p, url))
    # A trainer adds a course with one file: it is listed on the courses page, not in the nav.
    for course in site.courses:
        generate(course_src(course), lambda url, md, c=course: course_markdown(site, c, url), in_nav=False)
    if site.framework and site.framework.parts:
        generate(overview_src(), lambda url, md: overview_markdown(site, url, md))
        for part in site.framework.parts:
            generate(part_src(part), lambda url, md, p=part: part_markdown(site, p, url, md))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tell the extensions which page they render; add the module box."""
    state = current()
    state.citations.set_page(page.file.src_uri)
    model_page = state.site.page(page.file.src_uri)
    state.glossary.set_page(page.file.src_uri, model_page.links_terms if model_page else True)
    markdown = insert_after_title(markdown, module_intro(page.meta))
    if model_page and model_page.reflection:
        journal = relative_url(page.file.src_uri, state.site.paths.journal_page, state.directory_urls)
        markdown += "\n\n" + reflection_markdown(model_page.reflection, state.site.framework.layers, journal)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep the glossary terms this page uses: the glossary's "Appears in" is made of them."""
    state = current()
    if page.file.src_uri in state.indexed:
        state.uses[page.file.src_uri] = list(state.glossary.uses)
    return html


def on_env(env, config: MkDocsConfig, files: Files):
    """Every page is rendered: index the terms, and stop if one is used nowhere."""
    state = current()
    state.term_index = collect_index(state.site, state.uses)
    problems = check_term_use(state.site, state.term_index)
    if problems:
        raise PluginError("\n" + report(problems))
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fill what needs every page rendered: "Appears in" and the module cards."""
    state = current()
    site, src = state.site, page.file.src_uri
    if src == site.paths.glossary_page:
        return fill_appears_in(output, state.term_index,
                               lambda target: relative_url(src, target, state.directory_urls))
    model_page = site.page(src)
    if model_page and model_page.module:
        record = module_record(site, model_page, state.uses.get(src, ()), _article(config),
                               config.site_url or "")
        layer_names = {layer.id: layer.name for layer in site.framework.layers}
        card = card_html(record, layer_names,
                         relative_url(src, site.paths.glossary_page, state.directory_urls),
                         relative_url(src, "references.md", state.directory_urls))
        return fill_card(output, model_page.module, card)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """Publish modules.json for learning platforms."""
    state = current()
    data = modules_json(state.site, state.uses, _article(config), config.site_url or "")
    out = Path(config.site_dir) / MODULES_JSON
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _article(config: MkDocsConfig) -> dict:
    return (config.extra.get("resonance") or {}).get("article") or {}
