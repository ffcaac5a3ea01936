"""Command line for maintainers.

``python -m macros check`` validates every source without building: exit
status 0 when the sources are clean, 1 when problems were found, 2 when the
check itself could not run (a missing folder, a bug).

``python -m macros build`` checks, then builds the site elsewhere and swaps it
into place only if the build succeeds (exit 1 otherwise, the old site intact).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from macros.checks import check_sources
from macros.core.problems import report
from macros.safebuild import safe_build


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
    build.add_argument("--github", action="store_true", default=bool(os.environ.get("GITHUB_ACTIONS")),
                       help=argparse.SUPPRESS)
    build.add_argument("--packages", action="store_true",
                       help="also write SCORM, Common Cartridge and EPUB packages to SITE_DIR/downloads/")
    args = parser.parse_args(argv)

    root = Path(args.root)
    if not (root / "docs").is_dir():
        print(f"{root}: no docs/ folder here; run from the project folder or pass --root", file=sys.stderr)
        return 2
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
        if args.packages:  # read by the engine's config (extra.resonance.packages)
            os.environ["PACKAGES"] = "true"
        return safe_build(root.resolve(), Path(args.site_dir))
    print(f"All sources are valid: {len(site.modules)} modules, {len(site.references)} references, "
          f"{len(site.terms)} glossary terms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
