"""Resonance: a learning site generated from structured sources.

``core`` loads and checks the content model, ``render`` turns it into HTML,
``adapter`` wires both into MkDocs. mkdocs-macros imports this package by
name (``module_name: macros``) and looks for ``define_env`` here; the import
of the MkDocs-specific adapter is deferred so that importing the core never
pulls in MkDocs.
"""


def define_env(env):  # pragma: no cover - exercised by the site build
    """Entry point for mkdocs-macros; see ``macros.adapter.macros_env``."""
    from macros.adapter.macros_env import define_env as _define_env

    _define_env(env)
