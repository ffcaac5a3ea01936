"""How long ``make serve`` takes to show a change: ours against plain Material.

The engine's development server (``properdocs serve``, as ``make serve`` runs
it) is started on a free port; once it has built the site, a source file is
changed and the server's log is read until it says the rebuilt site is
written ("Reloading browsers", logged when the build has returned). Two
spans are kept for each change:

- *save to written*: from writing the file to the rebuilt site, which is what
  an editor waits; it includes the engine's file watcher, which polls every
  0.5 s and then waits 0.1 s for more changes (the same for both servers);
- *rebuild*: from the server noticing the change ("Detected file changes") to
  the rebuilt site, which leaves the watcher's polling out.

Both servers run at once; each change is made ``repeats`` times (a different
text each time, so each is a real change), ours and plain in turn, so load
that comes and goes affects both alike; the servers are stopped at the end.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from macros.engine import engine_command

STARTED = "Serving on"
DETECTED = "Detected file changes"
WRITTEN = "Reloading browsers"
FAILED = ("An error happened during the rebuild", "Aborted with", "Traceback")
TIMEOUT = 1800.0  # seconds to wait for one build (a 100x build on a loaded machine)


@dataclass(frozen=True)
class Edit:
    """One kind of change: which file, and how to change it the ``n``-th time."""

    label: str
    path: Path
    change: Callable[[str, int], str]

    def apply(self, n: int) -> None:
        self.path.write_text(self.change(self.path.read_text(encoding="utf-8"), n), encoding="utf-8")


def append_sentence(text: str, n: int) -> str:
    """A sentence at the end of a Markdown page or a glossary definition."""
    return text.rstrip("\n") + f"\n\nA sentence the benchmark added, edit {n}.\n"


_TITLE_RE = re.compile(r"(\btitle\s*=\s*\{+)(?:Benchmark edit \d+: )?")


def retitle_first_entry(text: str, n: int) -> str:
    """references.bib with its first title changed, as a maintainer corrects one."""
    return _TITLE_RE.sub(lambda m: f"{m.group(1)}Benchmark edit {n}: ", text, count=1)


@dataclass(frozen=True)
class Latency:
    save_to_written: list[float]
    rebuild: list[float]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Server:
    """``properdocs serve`` in a process of its own, its log read line by line with arrival times."""

    def __init__(self, config: Path, cwd: Path, env: dict[str, str]) -> None:
        address = f"127.0.0.1:{_free_port()}"
        self.process = subprocess.Popen(
            engine_command("serve", "--strict", "--dev-addr", address, "--config-file", str(config)),
            cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
        self.lines.put((time.perf_counter(), ""))  # the process ended

    def wait_for(self, text: str) -> float:
        """When the log next says ``text``; a failed build or a dead server is an error."""
        deadline = time.perf_counter() + TIMEOUT
        while True:
            try:
                at, line = self.lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                log = "\n".join(self.log[-40:])
                raise SystemExit(f"serve: no '{text}' after {TIMEOUT:.0f} s:\n{log}") from None
            self.log.append(line)
            if text in line:
                return at
            if any(failure in line for failure in FAILED) or (not line and self.process.poll() is not None):
                raise SystemExit("serve: the build failed:\n" + "\n".join(self.log[-40:]))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _time_edit(server: _Server, edit: Edit, n: int) -> tuple[float, float]:
    """Make ``edit`` for the ``n``-th time; (save to written, rebuild) in seconds."""
    saved = time.perf_counter()
    edit.apply(n)
    detected = server.wait_for(DETECTED)
    written = server.wait_for(WRITTEN)
    return written - saved, written - detected


def serve_latencies(runs: dict[str, tuple[Path, list[Edit]]], cwd: Path, repeats: int,
                    env: dict[str, str] | None = None) -> dict[str, dict[str, Latency]]:
    """Start one server per config (``runs``: name -> config and its edits, the same kinds in
    the same order), then make each edit ``repeats`` times, taking the servers in turn (ours,
    plain, ours, plain ...), so a change in the machine's load between them affects both alike.
    A server waits idle while the other builds."""
    servers = {name: _Server(config, cwd, dict(env or os.environ)) for name, (config, _) in runs.items()}
    try:
        for server in servers.values():
            server.wait_for(STARTED)
        results: dict[str, dict[str, Latency]] = {name: {} for name in runs}
        kinds = len(next(iter(runs.values()))[1])
        for kind in range(kinds):
            timed: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in runs}
            for n in range(1, repeats + 1):
                for name, (_, edits) in runs.items():
                    save, rebuild = _time_edit(servers[name], edits[kind], n)
                    timed[name][0].append(save)
                    timed[name][1].append(rebuild)
            for name, (_, edits) in runs.items():
                results[name][edits[kind].label] = Latency(*timed[name])
        return results
    finally:
        for server in servers.values():
            server.stop()
