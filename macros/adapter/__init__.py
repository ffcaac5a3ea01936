"""The thin glue between the engine-free core and MkDocs / mkdocs-macros."""
