"""How the site engine is run: one place for its command and its config file.

The engine is ProperDocs, the maintained drop-in fork of MkDocs 1.6 (MkDocs
1.x is unmaintained). Everything that starts a build (``python -m macros
build``, the tests, the benchmark) asks here, so a move to another engine
changes this file, the adapter and the config, and nothing else.
"""

from __future__ import annotations

import sys

#: The engine's configuration file, in the project folder.
CONFIG_FILE = "properdocs.yml"


def engine_command(*args: str) -> list[str]:
    """The command line that runs the engine with ``args`` in this Python."""
    return [sys.executable, "-m", "properdocs", *args]


def build_command(site_dir: str, *args: str) -> list[str]:
    """A strict build into ``site_dir``."""
    return engine_command("build", "--strict", "--site-dir", site_dir, *args)
