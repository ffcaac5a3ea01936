"""Rendering the content model to HTML or Markdown, engine-free."""
