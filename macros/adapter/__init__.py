"""The thin glue between the engine-free core and the engine (ProperDocs) with mkdocs-macros."""
