"""Benchmark: build time against plain Material, scaling, page weight, packages, make serve.

Run with ``make bench`` (not part of ``make test``: it takes minutes and its
figures depend on the machine). Plain-text tables:

(a) the engine's strict build of our site against plain Material for MkDocs
    over the same Markdown, alternating runs; target: ours/plain <= 1.3.
(b) the project's sources cloned 1x, 10x and 100x (pages, glossary terms,
    references): at each built scale, ours against plain Material on the same
    Markdown, alternating (targets: <= 1.3 up to 10x, <= 1.5 at 100x), peak
    memory (target: <= 1.5x plain's), how our own work in a build divides
    (bench/timing_hook.py), and the time the glossary linker alone takes per
    MB of Markdown, which should stay flat as the site grows.
(c) the bytes each built page costs a reader (HTML plus the same-site assets
    it references), and the size of our own CSS and JS; target: <= 15 KB.
(d) ``make packages`` (checks, build, every SCORM, Common Cartridge and EPUB
    file) on the example content; target: < 30 s on the project's 2-core machine.
(e) ``make serve``: from saving a change to one module, one glossary entry or
    references.bib to the rebuilt site, ours against plain Material on the
    same change, at 1x and 10x (bench/serve.py); target: a module's rebuild
    within 1.3x of plain's.
(lighthouse) Lighthouse performance (mobile, simulated throttling) of one
    page of each kind, median of 3 runs; target: >= 95; what holds their
    first paints back; the search index's size; the glossary's DOM size.

Everything is built into temporary folders; ``site/`` is never touched.
Every figure depends on the machine's load, printed at the start and the end.
See bench/README.md for the latest figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))  # the project's own package, for the linker in (b)

from bench.perf import element_count, lighthouse_performance, search_index_size  # noqa: E402
from bench.scale import ScaledSources, make_scaled_copy, read_config  # noqa: E402
from bench.serve import Edit, append_sentence, retitle_first_entry, serve_latencies  # noqa: E402
from bench.timing_hook import PARTS as HOOK_PARTS  # noqa: E402
from bench.weight import assets_of, file_sizes, page_weights  # noqa: E402
from macros.engine import CONFIG_FILE, build_command  # noqa: E402

DUMP_CONFIG = ".bench-dump.properdocs.yml"  # a child config of ours that adds the dump hook
RATIO_TARGET = 1.3  # ours / plain build time, up to 10x the content
RATIO_TARGET_100X = 1.5  # ours / plain build time at 100x (issue #18)
MEMORY_TARGET = 1.5  # ours / plain peak memory of a build (issue #18)
SERVE_TARGET = 1.3  # ours / plain `make serve` rebuild after one module's edit (issue #18)
OWN_ASSETS_TARGET = 15_000  # bytes of our CSS + JS, uncompressed
LINEARITY_LIMIT = 2.0  # per-MB linking time at the largest scale / at 1x
PACKAGES_TARGET = 30.0  # seconds for `make packages` on the example content (issue #17)
TABLES = {"a", "b", "c", "d", "e", "lighthouse"}
PERFORMANCE_TARGET = 95  # Lighthouse performance score of every page kind (median of runs)
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


# --------------------------------------------------------------------- output


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(row, widths, strict=True)))

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([title, "=" * len(title), line(cells[0]), rule, *map(line, cells[1:])]) + "\n"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def kb(size: float) -> str:
    return f"{size / 1000:,.1f}"


# --------------------------------------------------------------------- builds


@dataclass(frozen=True)
class Measured:
    seconds: float
    cpu_seconds: float  # user + system CPU time: less sensitive than seconds to what else runs
    peak_mb: float  # the build process's peak resident memory (its children's included)


def build_measured(config: Path, site_dir: Path, cwd: Path | None = None) -> Measured:
    """One strict build in a fresh process (start-up included): seconds and peak memory.

    ``cwd`` defaults to the config's folder: some settings (snippets' base_path)
    are relative to the working directory, as with ``make build``. The process
    is reaped with ``os.wait4``, which gives its own peak resident set size.
    """
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(build_command(str(site_dir), "--config-file", str(config)),
                                   cwd=cwd or config.parent, env=ENV, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise SystemExit(f"build of {config} failed:\n{log.read().decode(errors='replace')}")
    return Measured(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # maxrss in KiB


def build(config: Path, site_dir: Path, cwd: Path | None = None) -> float:
    """Seconds for one strict build in a fresh process (start-up included)."""
    return build_measured(config, site_dir, cwd).seconds


def dump_markdown(folder: Path, project: Path = ROOT, hook_times: Path | None = None) -> Path:
    """Every page's Markdown exactly as our build renders it, generated pages included.

    ``bench/dump_hook.py`` writes it, added after our hooks in a child config
    (beside ours, since paths in the config are relative to its folder); the
    docs folder's other files are copied beside it, so plain Material builds
    the same pages. With ``hook_times``, ``bench/timing_hook.py`` is added too
    and writes there how our own work in this build divides.
    """
    ours = read_config(project / CONFIG_FILE)
    docs = folder / "docs"
    shutil.copytree(project / ours.get("docs_dir", "docs"), docs,
                    ignore=shutil.ignore_patterns("*.md"))
    hooks = [str(BENCH / "dump_hook.py")] + ([str(BENCH / "timing_hook.py")] if hook_times else [])
    child = project / DUMP_CONFIG
    child.write_text(yaml.safe_dump({"INHERIT": CONFIG_FILE, "hooks": [*ours.get("hooks", []), *hooks]}),
                     encoding="utf-8")
    env = dict(ENV, RESONANCE_DUMP_MARKDOWN=str(docs))
    if hook_times:
        env["RESONANCE_HOOK_TIMES"] = str(hook_times)
    try:
        result = subprocess.run(build_command(str(folder / "dump-site"), "--config-file", str(child)),
                                cwd=project, env=env, capture_output=True, text=True)
    finally:
        child.unlink()
    shutil.rmtree(folder / "dump-site", ignore_errors=True)
    if result.returncode != 0:
        raise SystemExit(f"build to dump the Markdown failed:\n{result.stderr}")
    return docs


def plain_config(folder: Path, project: Path = ROOT, hook_times: Path | None = None) -> Path:
    """Plain Material over the same Markdown: no hooks, no macros, no overrides, search only.

    The theme keeps our features and palette (they are Material's, and cost
    the same in both builds) so the ratio measures what we add.
    """
    ours = read_config(project / CONFIG_FILE)
    docs = dump_markdown(folder, project, hook_times)
    navigation = json.loads((folder / "nav.json").read_text(encoding="utf-8"))
    theme = {k: v for k, v in (ours.get("theme") or {}).items() if k != "custom_dir"}
    theme.update(name="material", font=False)
    # Our pages link to files and anchors only our hooks create (references.bib,
    # modules.json), and a citation as written ("[Munro 2011](@munro2011)") is a
    # link to "@munro2011" for plain Material: it reports those as info, not warnings.
    validation = dict(ours.get("validation") or {})
    validation["links"] = dict(validation.get("links") or {}, not_found="info", anchors="info",
                               unrecognized_links="info")
    config = {
        "site_name": ours.get("site_name", "plain"),
        "docs_dir": str(docs),
        "use_directory_urls": ours.get("use_directory_urls", True),
        "strict": True,
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "validation": validation,
        "extra": {"generator": False},
        # The navigation our build made, the pages made from the sources included (dump_hook.py).
        "nav": navigation["nav"],
        "not_in_nav": "\n".join(f"/{src}" for src in navigation["not_in_nav"]),
    }
    path = folder / "properdocs.plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def compare_builds(runs: int, work: Path) -> tuple[str, Path]:
    """(a): alternate our build and the plain build; the last site of ours is kept for (c)."""
    ours_cfg, plain_cfg = ROOT / CONFIG_FILE, plain_config(work)
    ours_site, plain_site = work / "ours", work / "plain"
    build(ours_cfg, ours_site)  # warm-up, untimed: bytecode, file cache, our reference cache
    build(plain_cfg, plain_site, cwd=ROOT)
    times: dict[str, list[float]] = {"ours": [], "plain": []}
    for _ in range(runs):
        times["ours"].append(build(ours_cfg, ours_site))
        times["plain"].append(build(plain_cfg, plain_site, cwd=ROOT))
    ours, plain = (statistics.median(times[k]) for k in ("ours", "plain"))
    ratio = ours / plain
    pages = {kind: sum(1 for _ in folder.rglob("*.html")) for kind, folder in
             (("ours", ours_site), ("plain", plain_site))}
    rows = [[label, pages[kind], f"{statistics.median(times[kind]):.2f}", f"{min(times[kind]):.2f}",
             f"{max(times[kind]):.2f}"]
            for kind, label in (("ours", "ours (hooks, macros, overrides)"),
                                ("plain", "plain Material, same Markdown (search only)"))]
    text = table(["build --strict", "pages", "median s", "min s", "max s"], rows,
                 f"(a) Build time, {runs} alternating runs each (process start included)")
    text += f"ratio ours/plain: {ratio:.2f}   target <= {RATIO_TARGET}   {verdict(ratio <= RATIO_TARGET)}\n"
    text += in_process(runs, ours_cfg, plain_cfg, work)
    return text, ours_site


IN_PROCESS = """
import json, sys, time
import properdocs.replacement  # plugins' mkdocs.* imports resolve to the engine
from properdocs.commands.build import build
from properdocs.config import load_config
ours, plain, site, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = {"ours": [], "plain": []}
for n in range(runs + 1):  # the first round warms up and is not counted
    for kind, path in (("ours", ours), ("plain", plain)):
        config = load_config(path, site_dir=site + "/" + kind)
        start = time.perf_counter()
        build(config)
        if n:
            times[kind].append(time.perf_counter() - start)
print(json.dumps(times))
"""


def in_process(runs: int, ours_cfg: Path, plain_cfg: Path, work: Path) -> str:
    """The same builds alternating in one warm process: what the build does, without start-up.

    Start-up (importing MkDocs, Material, mkdocs-macros, pybtex) is a fixed cost
    per build that the full-process figure above includes.
    """
    result = subprocess.run([sys.executable, "-c", IN_PROCESS, str(ours_cfg), str(plain_cfg),
                             str(work / "in-process"), str(runs)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"in-process builds failed:\n{result.stderr}")
    times = json.loads(result.stdout.strip().splitlines()[-1])
    ours, plain = (statistics.median(times[k]) for k in ("ours", "plain"))
    return (f"in one warm process (imports excluded): ours {ours:.2f} s, plain {plain:.2f} s, "
            f"ratio {ours / plain:.2f}   {verdict(ours / plain <= RATIO_TARGET)}\n")


# ---------------------------------------------------------------------- scale


@dataclass(frozen=True)
class LinkTiming:
    megabytes: float
    pages: int
    terms: int
    matcher_s: float  # building the extension (compiling the term pattern), once per build
    link_s: float  # the glossary treeprocessor over every page
    convert_s: float  # the whole Markdown conversion, linker included
    repeats: int

    @property
    def per_mb(self) -> float:
        return self.link_s / self.megabytes


def time_linking(root: Path, repeats: int = 3) -> LinkTiming:
    """Time the glossary treeprocessor alone over every page the site links terms on.

    It is set up as the term index sets it up (macros/checks/term_index.py):
    targets from the site's glossary, the site's Markdown extensions and the
    citation extension before it. The treeprocessor's ``run`` is wrapped with
    a clock, so Markdown's own parsing is not counted. Median of ``repeats``.
    """
    import markdown

    from macros.checks.term_index import citation_targets, term_targets
    from macros.core.site import load_site
    from macros.core.site_config import read_site_config
    from macros.extensions.citations import CitationExtension
    from macros.extensions.glossary import GlossaryExtension

    site = load_site(root)
    pages = [p for p in site.pages if p.src != site.paths.glossary_page and p.links_terms]
    megabytes = sum(len(p.body.encode("utf-8")) for p in pages) / 1e6
    start = time.perf_counter()
    glossary = GlossaryExtension(targets=term_targets(site))
    matcher_s = time.perf_counter() - start
    citations = CitationExtension(targets=citation_targets(site), page_list=False)
    extensions = read_site_config(root / CONFIG_FILE).markdown_extensions
    md = markdown.Markdown(extensions=[*extensions, citations, glossary], extension_configs=extensions)
    processor = md.treeprocessors["glossary"]
    spent = [0.0]
    run = processor.run

    def timed_run(tree: Any) -> Any:
        begin = time.perf_counter()
        try:
            return run(tree)
        finally:
            spent[0] += time.perf_counter() - begin

    processor.run = timed_run  # type: ignore[method-assign]
    link, convert = [], []
    for _ in range(repeats):
        spent[0] = 0.0
        begin = time.perf_counter()
        for page in pages:
            md.reset()
            md.convert(page.body)
        convert.append(time.perf_counter() - begin)
        link.append(spent[0])
    return LinkTiming(megabytes, len(pages), len(site.terms), matcher_s,
                      statistics.median(link), statistics.median(convert), repeats)


def check_sources(root: Path) -> float:
    """``python -m macros check`` on a generated copy: it must pass, or the figures mean nothing."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(root)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"generated sources in {root} are not valid:\n{result.stdout}\n{result.stderr}")
    return elapsed


def ratio_target(scale: int) -> float:
    """Ours/plain build time allowed at a scale (issue #18): 1.3 up to 10x, 1.5 at 100x."""
    return RATIO_TARGET if scale < 100 else RATIO_TARGET_100X


@dataclass
class ScaleBuilds:
    """(b) at one scale: the cold build, then warm builds of ours and plain alternating."""

    cold: Measured
    ours: list[Measured]
    plain: list[Measured]
    pages: int
    parts: dict[str, float]  # our own work in one warm build, by part (bench/timing_hook.py)
    build_s: float  # that build's time from on_config to on_post_build, in its process

    @staticmethod
    def median(runs: list[Measured], cpu: bool = False) -> float:
        return statistics.median(r.cpu_seconds if cpu else r.seconds for r in runs)

    @property
    def ratio(self) -> float:
        return self.median(self.ours) / self.median(self.plain)

    @property
    def cpu_ratio(self) -> float:
        return self.median(self.ours, cpu=True) / self.median(self.plain, cpu=True)

    @property
    def memory_ratio(self) -> float:
        return max(r.peak_mb for r in self.ours) / max(r.peak_mb for r in self.plain)


def scale_builds(copy: ScaledSources, runs: int, work: Path) -> tuple[ScaleBuilds, Path]:
    """Build a scaled copy: cold once, then ``runs`` warm builds each of ours and plain, alternating.

    The cold build has no reference cache in the copy's .cache/ yet, as on a
    fresh checkout. The build that dumps the Markdown for plain Material is
    warm and carries the timing hook (its time is not counted); plain gets one
    untimed warm-up. Returns the figures and plain's config (for the serve table).
    """
    config, site = copy.root / CONFIG_FILE, work / f"{copy.root.name}-site"
    cold = build_measured(config, site)
    times = work / f"{copy.root.name}-hook-times.json"
    plain_cfg = plain_config(work / f"{copy.root.name}-plain", copy.root, hook_times=times)
    division = json.loads(times.read_text(encoding="utf-8"))
    plain_site = work / f"{copy.root.name}-plain-site"
    build_measured(plain_cfg, plain_site, cwd=copy.root)
    ours, plain = [], []
    for _ in range(runs):
        ours.append(build_measured(config, site))
        plain.append(build_measured(plain_cfg, plain_site, cwd=copy.root))
    pages = sum(1 for _ in site.rglob("*.html"))
    shutil.rmtree(site)
    shutil.rmtree(plain_site)
    return ScaleBuilds(cold, ours, plain, pages, division["parts"], division["build_s"]), plain_cfg


def scale_table(scales: Sequence[int], build_scales: set[int], runs: int, work: Path,
                keep: set[int] = frozenset()) -> tuple[str, dict[int, tuple[ScaledSources, Path]]]:
    """(b): for each scale, sources generated and checked; built against plain Material at the
    scales in ``build_scales``; the glossary linker timed alone.

    The copies (with plain Material's config) at the scales in ``keep`` are
    returned for the serve table, which needs both built once.
    """
    rows, build_rows, memory_rows, part_rows, link_rows, per_mb = [], [], [], [], [], {}
    kept: dict[int, tuple[ScaledSources, Path]] = {}
    for n in scales:
        copy: ScaledSources = make_scaled_copy(ROOT, work / f"scale-{n}", n)
        check_s = check_sources(copy.root)
        rows.append([f"{n}x", copy.pages, copy.modules, copy.terms, copy.references,
                     f"{copy.markdown_bytes / 1e6:.2f}", f"{check_s:.1f}"])
        if n in build_scales:
            builds, plain_cfg = scale_builds(copy, runs, work)
            target = ratio_target(n)
            build_rows.append([f"{n}x", builds.pages, f"{builds.cold.seconds:.1f}",
                               f"{builds.median(builds.ours):.2f}", f"{builds.median(builds.plain):.2f}",
                               f"{builds.ratio:.2f}", f"<= {target}", verdict(builds.ratio <= target),
                               f"{builds.median(builds.ours, cpu=True):.2f}",
                               f"{builds.median(builds.plain, cpu=True):.2f}", f"{builds.cpu_ratio:.2f}"])
            ours_mb, plain_mb = (max(r.peak_mb for r in runs_) for runs_ in (builds.ours, builds.plain))
            judged = n >= 100  # the target is for a large site; a small one is mostly imports
            memory_rows.append([f"{n}x", f"{ours_mb:.0f}", f"{plain_mb:.0f}", f"{builds.memory_ratio:.2f}",
                                f"<= {MEMORY_TARGET}" if judged else "",
                                verdict(builds.memory_ratio <= MEMORY_TARGET) if judged else ""])
            part_rows.append([f"{n}x", *(f"{builds.parts.get(p, 0.0):.2f}" for p in HOOK_PARTS),
                              f"{sum(builds.parts.values()):.2f}", f"{builds.build_s:.2f}"])
            if n in keep:
                kept[n] = (copy, plain_cfg)
        # One pass is long enough to time once there are megabytes to link.
        timing = time_linking(copy.root, repeats=3 if copy.markdown_bytes < 5e6 else 1)
        if n not in kept:
            shutil.rmtree(copy.root)
        per_mb[n] = timing.per_mb
        link_rows.append([f"{n}x", f"{timing.megabytes:.2f}", timing.terms, timing.repeats,
                          f"{timing.matcher_s:.3f}", f"{timing.convert_s:.2f}", f"{timing.link_s:.3f}",
                          f"{timing.per_mb:.3f}", f"{timing.per_mb / per_mb[scales[0]]:.1f}x"])
        print(f"  scale {n}x done", file=sys.stderr, flush=True)
    text = table(["scale", "pages", "modules", "terms", "refs", "MB md", "check s"], rows,
                 "(b) Synthetic scale: sources cloned N times, and make check on them")
    if build_rows:
        text += "\n" + table(
            ["scale", "pages", "cold s", "ours s", "plain s", "ratio", "target", "", "ours CPU s",
             "plain CPU s", "CPU ratio"], build_rows,
            f"(b) Build time against plain Material on the same Markdown: one cold build of ours, "
            f"then {runs} warm builds each, alternating (median s, process start included)")
        text += ("the target is on elapsed time; CPU time (user + system) is shown beside it because "
                 "it depends less on what else the machine runs\n")
        text += "\n" + table(["scale", "ours MB", "plain MB", "ratio", "target", ""], memory_rows,
                              "(b) Peak memory of a build (largest resident set over the runs)")
        text += ("the memory target is for 100x (--build-scales 1,10,100); at smaller scales the "
                 "libraries each build imports weigh most\n")
        text += "\n" + table(
            ["scale", *HOOK_PARTS, "ours", "build"], part_rows,
            "(b) Our own work in one warm build, by part (s, each part exclusive; bench/timing_hook.py)")
        text += "parts: " + "; ".join(f"{p}: {what}" for p, what in HOOK_PARTS.items()) + "\n"
    text += "\n" + table(
        ["scale", "MB linked", "terms", "passes", "pattern s", "convert s", "linking s", "s/MB", "vs 1x"],
        link_rows, "(b) Term linking alone (glossary treeprocessor), median over passes of every page")
    largest, smallest = max(scales), scales[0]
    if largest != smallest:
        growth = per_mb[largest] / per_mb[smallest]
        text += (f"per-MB linking time at {largest}x is {growth:.1f}x that at {smallest}x "
                 f"(limit {LINEARITY_LIMIT}x): ")
        linear = growth <= LINEARITY_LIMIT
        text += "linear enough\n" if linear else "FLAG: not linear in the size of the site\n"
    skipped = [n for n in scales if n not in build_scales]
    if skipped:
        text += f"full build skipped at {', '.join(f'{n}x' for n in skipped)} (--build-scales)\n"
    return text, kept


# ---------------------------------------------------------------------- serve


def serve_edits(project: Path, plain_docs: Path, module_src: str, term_file: str,
                glossary_src: str, references_src: str, bibliography: str) -> tuple[list[Edit], list[Edit]]:
    """The same three changes for our server and for plain Material's: one module, one
    glossary entry, references.bib. Plain Material has only the dumped pages, so it
    gets the change in the page that shows it (the module, the glossary, the references)."""
    ours = [Edit("one module", project / "docs" / module_src, append_sentence),
            Edit("one glossary entry", project / term_file, append_sentence),
            Edit("references.bib", project / bibliography, retitle_first_entry)]
    plain = [Edit("one module", plain_docs / module_src, append_sentence),
             Edit("one glossary entry", plain_docs / glossary_src, append_sentence),
             Edit("references.bib", plain_docs / references_src, append_sentence)]
    return ours, plain


def serve_table(projects: dict[int, tuple[ScaledSources, Path]], repeats: int) -> str:
    """(e): how long ``make serve`` takes to show a change, ours against plain Material."""
    from macros.core.site import SitePaths

    rows = []
    for n, (copy, plain_cfg) in sorted(projects.items()):
        paths = SitePaths(copy.root)
        module = sorted((copy.root / "docs" / "article").glob("*.md"))[0].relative_to(copy.root / "docs")
        term = sorted((copy.root / paths.glossary).glob("*.md"))[0].relative_to(copy.root)
        ours_edits, plain_edits = serve_edits(
            copy.root, plain_cfg.parent / "docs", module.as_posix(), term.as_posix(),
            paths.glossary_page, "references.md", paths.bibliography)
        env = dict(ENV)
        latencies = serve_latencies({"ours": (copy.root / CONFIG_FILE, ours_edits),
                                     "plain": (plain_cfg, plain_edits)}, copy.root, repeats, env)
        ours, plain = latencies["ours"], latencies["plain"]
        for edit in ours_edits:
            o, p = ours[edit.label], plain[edit.label]
            saves = statistics.median(o.save_to_written), statistics.median(p.save_to_written)
            rebuilds = statistics.median(o.rebuild), statistics.median(p.rebuild)
            ratio = rebuilds[0] / rebuilds[1]
            target = f"<= {SERVE_TARGET}" if edit.label == "one module" else ""
            rows.append([f"{n}x", edit.label, f"{saves[0]:.2f}", f"{saves[1]:.2f}",
                         f"{saves[0] / saves[1]:.2f}", f"{rebuilds[0]:.2f}", f"{rebuilds[1]:.2f}",
                         f"{ratio:.2f}", target, verdict(ratio <= SERVE_TARGET) if target else ""])
        shutil.rmtree(copy.root)
        print(f"  serve {n}x done", file=sys.stderr, flush=True)
    text = table(["scale", "change", "ours save s", "plain save s", "ratio", "ours rebuild s",
                  "plain rebuild s", "ratio", "target", ""], rows,
                 f"(e) make serve: from saving a change to the rebuilt site, median of {repeats} "
                 f"(save: from writing the file; rebuild: from the server noticing it)")
    text += ("the target applies to the rebuild after one module's edit (the watcher's polling, up to "
             "0.6 s, is the engine's and the same for both)\n")
    return text


# --------------------------------------------------------------------- weight


def weight_table(site: Path) -> str:
    """(c): bytes per page, and our own CSS and JS against the target."""
    weights = page_weights(site)
    rows = [[w.page, kb(w.html), w.assets, kb(w.asset_bytes), kb(w.total), kb(w.total_gzip)] for w in weights]
    totals = [w.total for w in weights]
    gz = [w.total_gzip for w in weights]
    rows.append(["median page", "", "", "", kb(statistics.median(totals)), kb(statistics.median(gz))])
    rows.append(["heaviest page", "", "", "", kb(max(totals)), kb(max(gz))])
    text = table(["page", "HTML KB", "assets", "assets KB", "total KB", "gzip KB"], rows,
                 "(c) Page weight: HTML + same-site CSS/JS/images/fonts it references, once per page")
    home = site / "index.html"
    if home.exists():
        listed = ", ".join(sorted(p.relative_to(site).as_posix() for p in assets_of(site, home)))
        text += f"assets of the home page: {listed}\n"
    own = sorted(p for p in (site / "assets" / "resonance").glob("*") if p.suffix in (".css", ".js"))
    own_rows = [[p.name, *file_sizes(p)] for p in own]
    own_total = sum(r[1] for r in own_rows)
    own_rows.append(["total", own_total, sum(r[2] for r in own_rows)])
    text += "\n" + table(["our asset", "bytes", "gzip bytes"], own_rows,
                         "(c) Our own CSS and JS (assets/resonance/)")
    text += (f"our CSS + JS: {own_total:,} bytes   target <= {OWN_ASSETS_TARGET:,}   "
             f"{verdict(own_total <= OWN_ASSETS_TARGET)}\n")
    search = [p for p in (site / "search" / "search_index.json",
                          *sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js")))
              if p.exists()]
    if search:
        listed = ", ".join(f"{p.relative_to(site).as_posix()} {kb(p.stat().st_size)} KB" for p in search)
        text += f"not counted above (Material's search, fetched by script at run time): {listed}\n"
    return text


# ----------------------------------------------------------------- lighthouse


def seconds(ms: float) -> str:
    return f"{ms / 1000:.1f}"


def lighthouse_table(site: Path, runs: int) -> str:
    """Lighthouse performance per page kind, what delays the first paints, the index, the glossary's DOM."""
    measured, answer = lighthouse_performance(site, runs)
    rows = [[k.kind, "/" + k.path, f"{k.score:g}", " ".join(map(str, k.scores)),
             seconds(k.metrics["fcp"]), seconds(k.metrics["lcp"]), f"{k.metrics['tbt']:.0f}",
             f"{k.metrics['cls']:.3f}", seconds(k.metrics["si"])] for k in measured]
    text = table(["page kind", "page", "score", "runs", "FCP s", "LCP s", "TBT ms", "CLS", "SI s"], rows,
                 f"(lighthouse) Performance, mobile, simulated throttling: median of {runs} runs per page")
    lowest = min(measured, key=lambda k: k.score)
    bench_index = statistics.median(r["benchmarkIndex"] for r in answer["results"] if r["benchmarkIndex"])
    text += (f"lowest: {lowest.score:g} ({lowest.kind})   target >= {PERFORMANCE_TARGET} on every kind   "
             f"{verdict(lowest.score >= PERFORMANCE_TARGET)}\n"
             f"Lighthouse {answer['lighthouse']}; CPU benchmark index {bench_index:.0f} (median; lower "
             "means a busier or slower machine, and slower simulated figures)\n")
    text += "\n" + delays_table(measured)
    text += "\n" + index_table(site)
    glossary = next(k for k in measured if k.kind == "glossary")
    weight = next(w for w in page_weights(site) if w.page == glossary.path)
    text += (f"\nglossary page (/{glossary.path}): {element_count(site / glossary.path / 'index.html'):,} "
             f"elements in its HTML, {glossary.typical['diagnostics']['domElements']:,.0f} in the live DOM "
             f"(Lighthouse); HTML {kb(weight.html)} KB, with its assets {kb(weight.total)} KB "
             f"({kb(weight.total_gzip)} KB gzipped)\n")
    return text


def delays_table(measured: Sequence[Any]) -> str:
    """For each page kind's median run: what Lighthouse says holds back the first and largest paints."""
    rows, blocking = [], {}
    for k in measured:
        d = k.typical["diagnostics"]
        phases = d["lcpPhases"]
        main = d["mainThread"]
        for r in d["renderBlocking"]:
            blocking[r["url"].split("/", 3)[-1]] = (r["bytes"], r["wastedMs"])
        lcp = d["lcpElement"] or {"selector": "", "label": ""}
        rows.append([k.kind, f"{d['renderBlockingMs'] or 0:.0f}",
                     f"{phases.get('TTFB', 0):.0f}", f"{phases.get('Load Delay', 0):.0f}",
                     f"{phases.get('Load Time', 0):.0f}", f"{phases.get('Render Delay', 0):.0f}",
                     f"{main.get('scriptEvaluation', 0) + main.get('scriptParseCompile', 0):.0f}",
                     f"{main.get('styleLayout', 0):.0f}", f"{main.get('parseHTML', 0):.0f}",
                     f"{d['domElements']:,.0f}", kb(d["totalBytes"]),
                     f"{lcp['selector'].split(' > ')[-1]}: {lcp['label'][:24]}"])
    text = table(["page kind", "blocking ms", "LCP: TTFB", "delay", "load", "render", "script ms",
                  "style ms", "parse ms", "DOM", "sent KB", "LCP element"], rows,
                 "(lighthouse) What holds the first paints back (each kind's median run)")
    text += ("blocking ms: what Lighthouse estimates the first paint would gain without render-blocking "
             "files; LCP: its phases (ms); script, style (and layout), parse: main-thread ms, simulated; "
             "sent: every byte the page transferred, search index included\n")
    text += "render-blocking (KB sent, ms): " + ", ".join(
        f"{url} ({kb(size)}, {ms:.0f})" for url, (size, ms) in sorted(blocking.items())) + "\n"
    return text


def index_table(site: Path, shown: int = 10) -> str:
    """Material's search index: its size, per page on average, and the pages that weigh most in it."""
    index = search_index_size(site)
    pages = len(index.per_page)
    heaviest = sorted(index.per_page.items(), key=lambda item: -item[1])[:shown]
    gz = file_sizes(site / "search" / "search_index.json")[1]
    text = table(["page", "bytes in the index"], [["/" + page, f"{size:,}"] for page, size in heaviest],
                 f"(lighthouse) Search index: the {shown} pages that weigh most in it")
    text += (f"search/search_index.json: {index.total:,} bytes ({gz:,} gzipped), {index.entries} entries "
             f"from {pages} pages: {index.total / pages:,.0f} bytes per page\n")
    return text


# ----------------------------------------------------------------------- main


@contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="resonance-bench-"))
    try:
        yield folder
    finally:
        if keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def use_bytecode_cache(work: Path) -> None:
    """Let every build keep compiled bytecode, in the temporary folder.

    Installed libraries come with compiled files; our package is an editable
    install, compiled on first import and cached like any other module, unless
    PYTHONDONTWRITEBYTECODE is set (as on some CI images), which would make
    every build compile our source again while Material's never is. The
    warm-up builds fill the cache for both sides; the project is not touched.
    """
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")


def packages_table(work: Path) -> str:
    """(d): `make packages` (the checks, the build and every package), timed as a maintainer runs it."""
    site = work / "packaged"
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--packages", "--site-dir", str(site)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"make packages failed:\n{result.stdout}\n{result.stderr}")
    files = sorted((site / "downloads").iterdir())
    rows = [[kind, sum(f.name.endswith(kind) for f in files),
             kb(sum(f.stat().st_size for f in files if f.name.endswith(kind)))]
            for kind in (".scorm.zip", ".imscc", ".epub")]
    rows.append([f"make packages: {elapsed:.1f} s (target < {PACKAGES_TARGET:.0f} s)", "",
                 verdict(elapsed < PACKAGES_TARGET)])
    return table(["package", "files", "kB"], rows, "(d) Packages for learning platforms and e-readers")


def load_average() -> str:
    """The machine's load over the last 1, 5 and 15 minutes: timings mean little without it."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    return (f"{platform.node() or 'machine'}: {os.cpu_count()} cores, {platform.machine()}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed builds of each kind in (a) (default 7)")
    parser.add_argument("--scales", default="1,10,100", help="scales for (b) (default 1,10,100)")
    parser.add_argument("--build-scales", default="1,10",
                        help="scales of (b) that are also built, ours against plain Material (default "
                             "1,10: at 100x a build takes minutes; pass 1,10,100 to include it)")
    parser.add_argument("--scale-runs", type=int, default=3,
                        help="warm builds of each kind at each built scale in (b) (default 3)")
    parser.add_argument("--serve-scales", default="1,10",
                        help="scales for (e), make serve's rebuild after a change (default 1,10)")
    parser.add_argument("--serve-runs", type=int, default=3,
                        help="times each change is made in (e) (default 3)")
    parser.add_argument("--only", default="a,b,c,d,e,lighthouse",
                        help="which tables: any of a,b,c,d,e,lighthouse (default all)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page kind (default 3; the median is reported)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder, to inspect it")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    if only - TABLES:
        parser.error(f"--only: unknown table(s) {', '.join(sorted(only - TABLES))}; choose from "
                     f"{', '.join(sorted(TABLES))}")
    serve_scales = {int(s) for s in args.serve_scales.split(",")} if "e" in only else set()
    # (e) needs each of its scales generated and built once, as (b) does: (b) hands them over.
    scales = {int(s) for s in args.scales.split(",")} if "b" in only else set()
    scales = sorted(scales | serve_scales)
    build_scales = {int(s) for s in args.build_scales.split(",")} | serve_scales

    print(f"{time.strftime('%Y-%m-%d %H:%M')}  {machine()}  load average {load_average()}\n", flush=True)
    with workdir(args.keep) as work:
        use_bytecode_cache(work)
        ours_site = None
        if "a" in only:
            text, ours_site = compare_builds(args.runs, work)
            print(text, flush=True)
        kept: dict[int, tuple[ScaledSources, Path]] = {}
        if "b" in only or serve_scales:
            text, kept = scale_table(scales, build_scales, args.scale_runs, work, keep=serve_scales)
            if "b" in only:
                print(text, flush=True)
        if only & {"c", "lighthouse"} and ours_site is None:
            ours_site = work / "ours"
            build(ROOT / CONFIG_FILE, ours_site)
        if "c" in only:
            print(weight_table(ours_site), flush=True)
        if "d" in only:
            print(packages_table(work), flush=True)
        if serve_scales:
            print(serve_table(kept, args.serve_runs), flush=True)
        if "lighthouse" in only:
            print(lighthouse_table(ours_site, args.lighthouse_runs), flush=True)
    print(f"load average at the end: {load_average()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
