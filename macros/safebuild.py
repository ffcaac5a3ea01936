"""Safe builds: the site is built elsewhere and swapped in only when it succeeds.

A failed build (bad content, a broken link under ``--strict``) therefore leaves
the previous site exactly as it was, so a preview server or a deployment never
serves half a site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from macros.engine import build_command


def safe_build(root: Path, site_dir: Path, extra_args: list[str] | None = None) -> int:
    """Run the engine's strict build into a sibling folder, then swap it in. Returns the exit code."""
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    new = site_dir.with_name(site_dir.name + ".new")
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(new, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = build_command(str(new), *(extra_args or []))
    result = subprocess.run(command, cwd=root, env=env)
    if result.returncode != 0:
        shutil.rmtree(new, ignore_errors=True)
        print(f"The build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 1
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0
