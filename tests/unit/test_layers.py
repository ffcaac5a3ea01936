"""The package's layers import in one direction only.

core (the content model) imports nothing else of ours; the Markdown
extensions and the renderers read only the core; the checks may render pages
with the extensions to find term uses; the packages read the core and the
renderers (and the built site); only the adapter knows the engine.
Moving a helper to the wrong layer fails here, not in review.
"""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "macros"
#: Each layer and the layers of ours it may import.
ALLOWED = {
    "core": {"core"},
    "extensions": {"core", "extensions"},
    "render": {"core", "render"},
    "checks": {"core", "extensions", "checks"},
    "packages": {"core", "render", "packages"},
}
ENGINE_MODULES = ("mkdocs", "properdocs", "material", "mkdocs_macros")


def _imports(path: Path) -> list[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            names.append(".".join([*base, *(node.module.split(".") if node.module else [])]))
    return names


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer):
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no files in macros/{layer}"
    wrong = []
    for file in files:
        for name in _imports(file):
            parts = name.split(".")
            if parts[0] in ENGINE_MODULES:
                wrong.append(f"{file.relative_to(PACKAGE)} imports the engine ({name})")
            elif parts[0] == "macros" and len(parts) > 1 and parts[1] not in ALLOWED[layer]:
                wrong.append(f"{file.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_the_check_catches_a_wrong_import(tmp_path, monkeypatch):
    """A planted upward import is found: the test above can fail."""
    fake = tmp_path / "macros" / "core"
    fake.mkdir(parents=True)
    (fake / "x.py").write_text("from ..render.links import page_url\nimport properdocs\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "macros")
    with pytest.raises(AssertionError, match="imports macros.render.links"):
        test_layer_imports_only_what_it_may("core")
