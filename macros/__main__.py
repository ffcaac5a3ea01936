"""Command line for maintainers.

``python -m macros check`` validates every source without building: exit
status 0 when the sources are clean, 1 when problems were found, 2 when the
check itself could not run (a missing folder, a bug).

``python -m macros build`` checks, then builds the site elsewhere and swaps it
into place only if the build succeeds (exit 1 otherwise, the old site intact).
It refuses a site folder that could destroy a source, and builds one at a
time (exit 2 for either, with the reason; see :mod:`macros.safebuild`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from macros.checks import check_sources
from macros.core.problems import report
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
    args = parser.parse_args(argv)

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
    try:
        refuse_unsafe(root, folders)
        with build_lock(folders, args.wait):
            for done in recover(folders):
                print(f"Before building: {done}.", file=sys.stderr)
            status = _check(root, args)
            return status if status else build_and_swap(root, folders)
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
    if args.command == "build":
        return 0
    print(f"All sources are valid: {len(site.modules)} modules, {len(site.references)} references, "
          f"{len(site.terms)} glossary terms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
