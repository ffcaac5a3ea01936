"""Packages for learning platforms and e-readers: SCORM 1.2, Common Cartridge 1.1 (thin), EPUB 3.

Made from the built site after the engine has written every page (see
``build.py``), so a package shows exactly what the site shows. Engine-free:
the adapter calls :func:`macros.packages.build.write_packages` from its
post-build hook.
"""
