"""Command line for maintainers.

``python -m macros check`` validates every source without building: exit
status 0 when the sources are clean, 1 when problems were found, 2 when the
check itself could not run (a missing folder, a bug).

``python -m macros build`` checks, then builds the site elsewhere and swaps it
into place only if the build succeeds (exit 1 otherwise, the old site intact).

``python -m macros changes OLD NEW`` lists the modules and prompts added,
removed, redirected or changed between two editions' ``modules.json``.

``build`` refuses a site folder that could destroy a source, and builds one at a
time (exit 2 for either, with the reason; see :mod:`macros.safebuild`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from macros.checks import check_sources
from macros.core.changes import compare_editions, format_changes
from macros.core.edition import EDITIONS_FOLDER, changed_since
from macros.core.problems import report
from macros.core.site_config import read_site_config
from macros.safebuild import SafeBuildError, SiteFolders, build_and_swap, build_lock, recover, refuse_unsafe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every source without building the site")
    check.add_argument("--root", default=".", help="the project folder (default: .)")
    check.add_argument("--github", action="store_true", default=bool(os.environ.get("GITHUB_ACTIONS")),
                       help="print GitHub Actions annotations (default when GITHUB_ACTIONS is set)")
    build = commands.add_parser("build", help="check, then build the site safely into --site-dir")
    build.add_argument("--root", default=".", help="the project folder (default: .)")
    build.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    build.add_argument("--wait", type=float, default=None, metavar="SECONDS",
                       help="how long to wait for another build of the same site (default: as long as "
                            "it takes; 0: stop at once)")
    build.add_argument("--github", action="store_true", default=bool(os.environ.get("GITHUB_ACTIONS")),
                       help=argparse.SUPPRESS)
    build.add_argument("--packages", action="store_true",
                       help="also write SCORM, Common Cartridge and EPUB packages to SITE_DIR/downloads/")
    changes = commands.add_parser("changes", help="what changed between two editions' modules.json files")
    changes.add_argument("old", type=Path, help="modules.json of the older edition")
    changes.add_argument("new", type=Path, help="modules.json of the newer edition")
    args = parser.parse_args(argv)

    if args.command == "changes":
        return _changes(args.old, args.new)
    root = Path(args.root)
    if not (root / "docs").is_dir():
        print(f"{root}: no docs/ folder here; run from the project folder or pass --root", file=sys.stderr)
        return 2
    if args.command == "build":
        return _build(root.resolve(), args)
    return _check(root, args)


def _build(root: Path, args: argparse.Namespace) -> int:
    """Refuse, lock, recover, check, build and swap: see :mod:`macros.safebuild`."""
    folders = SiteFolders.of(root, Path(args.site_dir))
    # Read by the engine's config (extra.resonance.packages).
    engine_env = {"PACKAGES": "true"} if args.packages else {}
    try:
        refuse_unsafe(root, folders)
        with build_lock(folders, args.wait):
            for done in recover(folders):
                print(f"Before building: {done}.", file=sys.stderr)
            status = _check(root, args)
            return status if status else build_and_swap(root, folders, engine_env)
    except SafeBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"Interrupted; the next build restores or clears what this one left beside "
              f"{folders.site.name}/.", file=sys.stderr)
        return 130


def _check(root: Path, args: argparse.Namespace) -> int:
    """Every check of the sources; 0 when they are clean, 1 with problems, 2 when it could not run."""
    try:
        result = check_sources(root)
        site, problems = result.site, result.problems
    except Exception as error:  # noqa: BLE001 - any failure of the checker itself is exit 2
        print(f"the check could not run: {error!r}", file=sys.stderr)
        return 2
    if problems:
        print(report(problems, github=args.github))
        if args.command == "build":
            print(f"Nothing was built; {args.site_dir}/ was left as it was.", file=sys.stderr)
        return 1
    for warning in warnings(site):
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "build":
        return 0
    print(f"All sources are valid: {len(site.modules)} modules, {len(site.references)} references, "
          f"{len(site.terms)} glossary terms.")
    return 0


def warnings(site) -> list[str]:
    """What is worth knowing but does not stop a build: no published address, and
    courses whose modules changed since the edition they were written against."""
    found = []
    if not read_site_config(site.paths.root / site.paths.config).site_url:
        found.append(f"{site.paths.config}: site_url is not set, so the site's permanent links, "
                     "'How to cite', modules.json and sitemap give relative addresses; set SITE_URL "
                     "(or site_url) to the published address (see 'Publish the site' in the README)")
    hashes = {page.module: page.content_hash for page in site.modules}
    found += changed_since(site.courses, hashes, site.paths.root / EDITIONS_FOLDER)
    return found


def _changes(old: Path, new: Path) -> int:
    """Print the changes between two editions; exit 2 if a file cannot be read."""
    data = []
    for path in (old, new):
        try:
            data.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read it as modules.json: {error}", file=sys.stderr)
            return 2
    print(format_changes(compare_editions(*data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
