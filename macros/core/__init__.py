"""The content model: loading, validating and cross-checking the sources.

Nothing in this package imports MkDocs, so the same model can serve another
static-site engine (or none: ``python -m macros check``).
"""
