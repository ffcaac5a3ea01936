"""MkDocs hooks: load the content model, stop on bad content, wire extensions.

Listed under ``hooks:`` in ``mkdocs.yml``. Each hook only hands work to the
core or the renderers; it adds the page path where MkDocs knows it.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import rcssmin
import rjsmin
from markupsafe import Markup, escape
from properdocs.config.config_options import ExtraScriptValue
from properdocs.config.defaults import MkDocsConfig
from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority
from properdocs.structure.files import File, Files, InclusionLevel
from properdocs.structure.nav import Navigation, Section
from properdocs.structure.pages import Page

from macros.adapter.state import BuildState, current, set_current
from macros.checks.term_index import (
    check_term_use,
    citation_targets,
    collect_index,
    term_targets,
)
from macros.core.problems import report
from macros.core.registry import prompt_redirects, redirect_map
from macros.core.site import SitePaths
from macros.core.site_cache import load_site_cached
from macros.core.site_config import flatten_nav
from macros.core.sitedir import inside, site_dir_refusal
from macros.core.symlinks import check_symlinks
from macros.core.urls import page_url, relative_url, source_link, url_between
from macros.engine import CONFIG_FILE
from macros.extensions.citations import CitationExtension
from macros.extensions.glossary import GlossaryExtension
from macros.render.authors_text import wrap_authors_text
from macros.render.bibliography_html import format_references
from macros.render.catalogue import CATALOGUE_SLOT, catalogue_html
from macros.render.course_builder import (
    BUILDER_HANDOUT,
    BUILDER_SLOT,
    BuilderPackages,
    builder_handout_markdown,
    builder_html,
)
from macros.render.course_page import course_markdown, course_src, handout_markdown, handout_src
from macros.render.csp import apply_policy, frame_worker_script
from macros.render.framework_page import overview_markdown, overview_src, part_markdown, part_src
from macros.render.glossary_page import fill_appears_in
from macros.render.handout import fill_authors_text
from macros.render.metadata import head_html, jsonld_script, open_graph
from macros.render.module_card import CARD_SLOT, card_html, fill_card
from macros.render.module_intro import insert_after_title, module_intro
from macros.render.modules_data import module_record, modules_json
from macros.render.pathway_bar import BAR_SLOT, fill_bars
from macros.render.pathway_page import pathway_markdown, pathway_src
from macros.render.print_address import print_address_html
from macros.render.reflection import lens_markdown, reflection_markdown

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_URL = "assets/resonance/"
#: Shared helpers the other scripts use, loaded first and in this order; the rest follow by name.
LOAD_FIRST = ("storage.js", "page.js")
#: Our stylesheets (every ``.css`` in ASSETS, by name) as the one file pages link.
STYLESHEET = "resonance.css"
MODULES_JSON = "modules.json"
LICENCE_SRC = "licence.md"  # the page stating the licences of the text and the code
MINIFY = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
ROOT = Path(__file__).resolve().parents[2]
IFRAME_WORKER = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
IFRAME_WORKER_URL = "assets/vendor/iframe-worker/shim.js"


@event_priority(100)  # before mkdocs-macros, whose define_env reads the state
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check every source once; wire the extensions and assets."""
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    _refuse_site_dir(config, SitePaths(root, docs=docs))
    _prepare_offline(config)
    cache = root / ".cache" / "resonance"
    site = load_site_cached(root, flatten_nav(config.nav or []), cache, docs=docs)
    problems = [*site.problems, *check_symlinks(site.paths)]  # afresh: the cached site does not cover links
    if problems:
        raise PluginError("\n" + report(problems))
    formatted = format_references(site.bibliography, cache)
    urls = {"directory_urls": config.use_directory_urls, "link_to_source": True}
    citations = CitationExtension(targets=citation_targets(site, formatted), **urls)
    scope = _resonance(config).get("glossary_link", "section")
    glossary = GlossaryExtension(targets=term_targets(site), glossary_page=site.paths.glossary_page,
                                 scope=scope, **urls)
    config.markdown_extensions.extend([citations, glossary])
    config.extra_css.append(ASSET_URL + STYLESHEET)
    config.extra_javascript.extend(_deferred(ASSET_URL + asset.name) for asset in _assets(".js"))
    redirects = config.plugins.get("redirects")
    if redirects is not None and site.registry:
        modules = {page.module: page.src for page in site.modules}
        maps = _redirects_inside_site(redirect_map(site.registry, modules), config)
        redirects.config["redirect_maps"].update(maps)
    if site.edition:  # for the footer (overrides/partials/copyright.html)
        config.extra["resonance_edition"] = {"version": site.edition.version,
                                              "date": site.edition.date, "date_text": site.edition.date_text}
    packages = bool(_resonance(config).get("packages"))
    set_current(BuildState(site, formatted, citations, glossary, config.use_directory_urls, packages,
                           nav_titled=_nav_titled(config.nav or [])))
    return config


def _assets(suffix: str) -> list[Path]:
    """Our stylesheets or scripts, in the order pages load them: ``LOAD_FIRST``, then by name."""
    found = sorted(asset for asset in ASSETS.iterdir() if asset.suffix == suffix)
    first = [ASSETS / name for name in LOAD_FIRST if (ASSETS / name) in found]
    return first + [asset for asset in found if asset not in first]


def _deferred(path: str) -> ExtraScriptValue:
    """Our scripts are deferred: fetched at low priority, so the stylesheets the
    first paint needs come first, and run once the page is parsed (they wait
    for Material's document$ or DOMContentLoaded either way)."""
    script = ExtraScriptValue(path)
    script.defer = True
    return script


def _refuse_site_dir(config: MkDocsConfig, paths: SitePaths) -> None:
    """The engine empties its site folder: never one that is, holds or lies in a source.

    Whether an existing folder looks like a built site is left to ``python -m
    macros build``: ``make serve`` rebuilds into its own temporary folder,
    which a failed build may have left without an index.html.
    """
    kept = [Path(config.docs_dir)] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    reason = site_dir_refusal(paths, Path(config.site_dir), kept, must_look_built=False)
    if reason:
        raise PluginError(f"refusing to build into {config.site_dir}: {reason}. The build empties its "
                          "site folder; set another 'site_dir' (or --site-dir), such as 'site'")


def _redirects_inside_site(redirects: dict[str, str], config: MkDocsConfig) -> dict[str, str]:
    """The redirects, once each page they write and point to is known to lie inside the site.

    ``make check`` reports a bad address in module-ids.yml at its line; this
    is the last guard before anything is written.
    """
    site = Path(config.site_dir)
    outside = [path for pair in redirects.items() for path in pair
               if not inside(Path(File(path, "", str(site), config.use_directory_urls).abs_dest_path), site)]
    if outside:
        raise PluginError("redirects would be written outside the site folder: " + ", ".join(outside))
    return redirects


def _check_inside_site(files: Files, config: MkDocsConfig) -> None:
    """Every page made from data (ids, file names) must be written inside the site folder."""
    site = Path(config.site_dir)
    outside = [file.src_uri for file in files if not inside(Path(file.abs_dest_path), site)]
    if outside:
        raise PluginError("pages would be written outside the site folder: " + ", ".join(outside))


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
    # Published minified; the sources stay readable. The stylesheets, split by concern in the
    # sources, go out as one file in their load order: each file a page links before its first
    # paint is one more render-blocking request (Lighthouse counted eleven).
    sheets = "\n".join(MINIFY[".css"](asset.read_text(encoding="utf-8")) for asset in _assets(".css"))
    files.append(File.generated(config, ASSET_URL + STYLESHEET, content=sheets + "\n"))
    for asset in _assets(".js"):
        content = MINIFY[asset.suffix](asset.read_text(encoding="utf-8"))
        files.append(File.generated(config, ASSET_URL + asset.name, content=content))
    bib = state.site.paths.root / state.site.paths.bibliography
    files.append(File.generated(config, bib.name, abs_src_path=str(bib)))
    site, urls = state.site, state.directory_urls
    # Written for real after the build (it needs every page rendered); declared
    # here so that pages can link to it and the link is checked.
    files.append(File.generated(config, MODULES_JSON, content="{}"))

    def generate(src: str, make, in_nav: bool = True) -> None:
        """Add a page made from the sources, with link helpers relative to it.

        The engine must not look for it in the configured nav (it is not listed
        there by hand); ``on_nav`` adds it to its folder's section.
        """
        content = make(lambda target: relative_url(src, target, urls),
                       lambda target: source_link(src, target))
        files.append(File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        if in_nav:
            state.generated_nav.append(src)

    for pathway in site.pathways:
        generate(pathway_src(pathway),
                 lambda url, md, p=pathway: pathway_markdown(site, p, url, downloads=state.packages))
    # A trainer adds a course with one file: it is listed on the courses page, not in the nav.
    base_url = config.site_url or ""
    for course in site.courses:
        generate(course_src(course), lambda url, md, c=course: course_markdown(site, c, url, state.packages,
                                                                              base_url), in_nav=False)
        generate(handout_src(course), lambda url, md, c=course: handout_markdown(site, c, url, base_url),
                 in_nav=False)
    generate(BUILDER_HANDOUT, lambda url, md: builder_handout_markdown(site, url, base_url), in_nav=False)
    if site.framework and site.framework.parts:
        generate(overview_src(), lambda url, md: overview_markdown(site, url, md))
        for part in site.framework.parts:
            generate(part_src(part), lambda url, md, p=part: part_markdown(site, p, url, md))
    _check_inside_site(files, config)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Add the pages made from the sources to the nav, as Material's blog adds its posts.

    Each goes into the section that holds its folder's ``index.md`` (which the
    config lists), after the pages already there; a page the config lists
    itself (a section's index) stays where it is.
    """
    listed = {page.file.src_uri for page in nav.pages}
    sections = {_folder(page.file.src_uri): page.parent for page in nav.pages
                if page.file.name == "index" and page.parent is not None}
    added = False
    for src in current().generated_nav:
        file = files.get_file_from_path(src)
        section = sections.get(_folder(src))
        if src in listed or file is None or file.page is None:
            continue
        if section is None:
            raise PluginError(f"{src} is made from the sources, but the nav in {CONFIG_FILE} has no "
                              f"section holding {_folder(src)}/index.md to put it in")
        file.page.parent = section
        section.children.append(file.page)
        added = True
    if added:  # reading order, and previous/next, follow the nav
        nav.pages = _pages_of(nav.items)
        for previous, page in zip([None, *nav.pages], nav.pages, strict=False):
            page.previous_page = previous
            if previous is not None:
                previous.next_page = page
        if nav.pages:
            nav.pages[-1].next_page = None
    return nav


def _folder(src: str) -> str:
    return src.rsplit("/", 1)[0] if "/" in src else ""


def _pages_of(items) -> list[Page]:
    """Every page of a nav, depth first, in order."""
    pages = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_pages_of(item.children))
    return pages


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tell the extensions which page they render; add the module box."""
    state = current()
    # mkdocs-macros has run (its on_page_markdown comes first): a glossary macro's citations are known.
    state.citations.set_page(page.file.src_uri, state.also_cited.get(page.file.src_uri, ()))
    model_page = state.site.page(page.file.src_uri)
    state.glossary.set_page(page.file.src_uri, model_page.links_terms if model_page else True)
    if not (model_page and model_page.module):
        return markdown
    markdown = wrap_authors_text(markdown)  # found again by print and the course handouts
    # For readers, in this order: where they are in their pathway, what the module offers,
    # what it means for them, the authors' text, the prompts, what next; then the trainers' card.
    layers = state.site.framework.layers
    top = [BAR_SLOT.format(position="top"), module_intro(page.meta)]
    if model_page.reflection:
        top.append(lens_markdown(model_page.reflection, layers))
    markdown = insert_after_title(markdown, "\n\n".join(top))
    if model_page.reflection:
        journal = relative_url(page.file.src_uri, state.site.paths.journal_page, state.directory_urls)
        redirects = prompt_redirects(state.site.registry, state.site.prompts)
        markdown += "\n\n" + reflection_markdown(model_page.reflection, layers, journal, model_page.title,
                                                  redirects)
    end = [BAR_SLOT.format(position="end"), CARD_SLOT.format(id=escape(model_page.module))]
    return markdown + "\n\n" + "\n\n".join(end) + "\n"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep the glossary terms this page uses: the glossary's "Appears in" is made of them."""
    _escape_title(page, config)
    state = current()
    if page.file.src_uri in state.indexed:
        state.uses[page.file.src_uri] = list(state.glossary.uses)
    model_page = state.site.page(page.file.src_uri)
    if model_page and model_page.module:
        state.contents[page.file.src_uri] = html  # the course handouts carry its authors' text
    return html


def _nav_titled(items) -> frozenset[str]:
    """Pages the engine's ``nav`` gives a title of its own (``Title: page.md``); read once a build."""
    titled: set[str] = set()
    todo = [items]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    titled.add(value)
                else:
                    todo.append(value)
    return frozenset(titled)


def _escape_title(page: Page, config: MkDocsConfig) -> None:
    """Give the theme the page's title (and description) as safe markup, escaped once.

    Material writes ``page.title``, ``nav_item.title`` and ``page.meta.title``
    unescaped (header, navigation, footer, search index) and escapes them in a
    few attributes; a ``Markup`` value is right in both. A title from the nav
    or the front matter is plain text, so it is escaped; a title the engine
    took from the first heading is already HTML. (mkdocs-macros may have set
    ``page.title`` from the heading's Markdown when it holds ``{{``: the
    rendered heading is used instead.) Every page is rendered before any
    template, so the navigation sees these values too.
    """
    if page.file.src_uri in current().nav_titled or "title" in page.meta:
        title = escape(str(page.title))
    elif page._title_from_render:  # noqa: SLF001 - the engine keeps the heading's HTML only here
        title = Markup(page._title_from_render)  # noqa: SLF001
    else:
        title = escape(str(page.title))
    page.title = title
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = escape(str(page.meta[key]))


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """What the page tells link previews and search engines: Open Graph tags on every
    page and, on a module page, its ``LearningResource`` JSON-LD (as in modules.json)."""
    state = current()
    src = page.file.src_uri
    model_page = state.site.page(src)
    url = page.canonical_url or ""
    description = str(page.meta.get("description") or config.site_description or "")
    parts = []
    if model_page and model_page.module:
        record = module_record(state.site, model_page, state.uses.get(src, ()), _article(config),
                               config.site_url or "")
        state.records[src] = record
        description = " ".join(record["objectives"])
        resource = dict(record["learning_resource"])
        if not config.site_url:  # a relative address, as seen from this page
            resource["license"] = relative_url(src, LICENCE_SRC, state.directory_urls)
        parts.append(jsonld_script(resource))
    kind = "article" if model_page and model_page.module else "website"
    parts.insert(0, open_graph(Markup(page.title).striptags(), description, url, config.site_name, kind))
    page.meta["resonance_head"] = head_html(*parts)
    context["resonance_statements"] = _statements(config, lambda target: relative_url(
        src, target, state.directory_urls))
    return context


def _statements(config: MkDocsConfig, url_for) -> list[tuple[str, str]]:
    """The statements linked from every footer (``extra.resonance.statements``), with their links."""
    statements = _resonance(config).get("statements") or {}
    return [(title, url_for(target)) for title, target in statements.items() if current().site.page(target)]


def on_env(env, config: MkDocsConfig, files: Files):
    """Every page is rendered: index the terms, and stop if one is used nowhere."""
    state = current()
    state.term_index = collect_index(state.site, state.uses)
    problems = check_term_use(state.site, state.term_index)
    if problems:
        raise PluginError("\n" + report(problems))
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fill what needs every page rendered: "Appears in", the module cards, and
    last the Content-Security-Policy, with the hashes of the page's inline scripts."""
    state = current()
    site, src = state.site, page.file.src_uri
    if src == site.paths.glossary_page:
        output = fill_appears_in(output, state.term_index,
                                 lambda target: relative_url(src, target, state.directory_urls))
    model_page = site.page(src)
    if model_page and model_page.module:
        record = state.records[src]
        layer_names = {layer.id: layer.name for layer in site.framework.layers}
        card = card_html(record, layer_names,
                         relative_url(src, site.paths.glossary_page, state.directory_urls),
                         relative_url(src, "references.md", state.directory_urls),
                         _self_url(src, state.directory_urls))
        address = record["url"] if urlsplit(record["url"]).scheme else _self_url(src, state.directory_urls)
        output = fill_card(output, model_page.module, card + str(print_address_html(address, record["url"])))
        output = fill_bars(output, site, model_page.module,
                           lambda target: relative_url(src, target, state.directory_urls))
    output = _fill_trainers_pages(output, src, config)
    try:
        return apply_policy(output, _frame_scripts(output, config))
    except ValueError as error:
        raise PluginError(f"{src}: {error}") from error


def _self_url(src: str, directory_urls: bool) -> str:
    """A page's link to itself: ``./`` with directory URLs, its file name without them."""
    return relative_url(src, src, directory_urls) if not directory_urls else "./"


def _fill_trainers_pages(output: str, src: str, config: MkDocsConfig) -> str:
    """The catalogue's and the builder's cards (they list each module's terms, known only now),
    and the authors' text in course plans and handouts."""
    state = current()
    if CATALOGUE_SLOT in output or BUILDER_SLOT in output:
        url_for = functools.partial(relative_url, src, directory_urls=state.directory_urls)
        records = [module_record(state.site, page, state.uses.get(page.src, ()), _article(config),
                                 config.site_url or "") for page in state.site.modules]
        output = output.replace(CATALOGUE_SLOT, str(catalogue_html(state.site, records, url_for)), 1)
        packages = None
        if state.packages:  # imported only with packaging on, as the writers are (lxml)
            from macros.packages.builderkit import KIT, KIT_VERSION

            packages = BuilderPackages(url_between(page_url(src, state.directory_urls), KIT + "/"),
                                       bool(config.site_url), KIT_VERSION)
        output = output.replace(BUILDER_SLOT, str(builder_html(state.site, records, url_for, packages)), 1)
    return fill_authors_text(output, src, state.contents, state.directory_urls)


def _frame_scripts(output: str, config: MkDocsConfig) -> list[str]:
    """Offline, the search shim's frame script for this page's worker address (else none)."""
    if IFRAME_WORKER_URL not in config.extra.get("polyfills", []):
        return []
    start = output.index('<script id="__config" type="application/json">')
    data = output[start:output.index("</script>", start)].split(">", 1)[1]
    return [frame_worker_script(IFRAME_WORKER.read_text(encoding="utf-8"), json.loads(data)["search"])]


# The ways on from the "Page not found" page, besides search: (what, source page, why go there).
NOT_FOUND_LINKS = (
    ("The home page", "index.md", "start here, or choose your role"),
    ("Pathways", "pathways/index.md", "the article in short sittings, for your role"),
    ("Glossary", "glossary.md", "the terms the article uses, explained"),
)


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The "Page not found" page: the ways on, every module in reading order, and the
    footer's statements.

    A server shows this page at whatever address was asked for, so its links
    start from the site's root; the offline copy has no server and the page is
    opened as the file at the top of the copy, so there they start from it."""
    if template_name == "404.html":
        urls = config.use_directory_urls
        context["resonance_ways_on"] = [{"title": title, "url": page_url(src, urls), "why": why}
                                        for title, src, why in NOT_FOUND_LINKS]
        context["resonance_modules"] = [{"title": page.title, "url": page_url(page.src, urls)}
                                        for page in current().site.modules]
        root = (urlsplit(config.site_url or "").path or "/").rstrip("/") + "/"
        if not urls:  # the offline copy (_prepare_offline)
            context["base_url"] = "."
            root = "./"
        context["resonance_statements"] = _statements(config, lambda target: root + page_url(target, urls))
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The "Page not found" page gets the Content-Security-Policy, as every page does (offline,
    with its search frame script hashed)."""
    if template_name.endswith(".html"):
        try:
            return apply_policy(output, _frame_scripts(output, config))
        except ValueError as error:
            raise PluginError(f"{template_name}: {error}") from error
    return output


def package_scripts() -> tuple[str, ...]:
    """Our scripts as site paths, in the order pages load them (``_assets``): every SCORM
    package (and the course builder's) holds them."""
    return tuple(ASSET_URL + asset.name for asset in _assets(".js"))


def on_post_build(config: MkDocsConfig) -> None:
    """Publish modules.json for learning platforms; with packaging on, the packages too."""
    state = current()
    data = modules_json(state.site, state.uses, _article(config), config.site_url or "", state.records)
    out = Path(config.site_dir) / MODULES_JSON
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if state.packages:
        # Imported only with packaging on: a plain build need not load lxml and the writers.
        from macros.packages.build import Settings, write_packages
        from macros.packages.builtpages import PackageError

        settings = Settings(_article(config), config.site_author or "", config.site_url or "",
                            config.use_directory_urls, package_scripts())
        try:
            _written, warnings = write_packages(state.site, Path(config.site_dir), settings)
        except PackageError as error:
            raise PluginError(f"packages: {error}") from error
        for warning in warnings:  # not the engine's log: a strict build would stop on it
            print(f"Warning: {warning}", file=sys.stderr)


def _resonance(config: MkDocsConfig) -> dict:
    return config.extra.get("resonance") or {}


def _article(config: MkDocsConfig) -> dict:
    return _resonance(config).get("article") or {}
