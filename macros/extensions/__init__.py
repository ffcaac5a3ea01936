"""Python-Markdown extensions for inline work: one module per concern.

They depend on Python-Markdown only (not on MkDocs), take site-wide data
through their constructor and keep per-page state that ``reset()`` clears.
"""
