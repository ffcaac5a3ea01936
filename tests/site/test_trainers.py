"""For trainers: modules.json, module cards, the catalogue, stable ids."""

import json
import subprocess
from html import escape
import sys

import jsonschema
import pytest

from macros.core.site import load_site
from macros.engine import CONFIG_FILE, build_command
from tests.conftest import copy_project
from tests.htmltext import scan


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


def test_modules_json_validates_and_lists_every_module(site_dir, model):
    data = json.loads((site_dir / "modules.json").read_text(encoding="utf-8"))
    schema = json.loads((site_dir / "modules.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [m["id"] for m in data["modules"]] == [p.module for p in model.modules]
    for module in data["modules"]:
        page = site_dir / module["url"] / "index.html"
        assert page.exists(), module["url"]
        assert f'<meta name="module" content="{module["id"]}">' in page.read_text(encoding="utf-8")
        assert set(module["prompts"]) == set(model.framework.layer_ids)


def test_schema_rejects_a_broken_record(site_dir):
    data = json.loads((site_dir / "modules.json").read_text(encoding="utf-8"))
    schema = json.loads((site_dir / "modules.schema.json").read_text(encoding="utf-8"))
    del data["modules"][0]["url"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_every_module_page_has_a_filled_card(site_dir, model):
    for page in model.modules:
        html = (site_dir / page.src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert "module-card-slot" not in html, page.src
        card = html.split('class="module-card', 1)[1].split("</details>", 1)[0]
        for label in ("Module id", "Permanent link", "Reading time", "Glossary terms", "Works cited",
                      "Reflection prompts", "How to cite this module"):
            assert label in card, (page.src, label)
        assert f"Module ‘{escape(page.title, quote=False)}’ (module id {page.module}) of the" in card


def test_catalogue_lists_every_module(site_dir, model):
    collector = scan(site_dir / "trainers" / "catalogue" / "index.html")
    text = " ".join(collector.text)
    assert all(page.module in text for page in model.modules)


def test_registry_covers_every_module(model):
    assert model.registry is not None
    assert set(model.registry.published) == {p.module for p in model.modules}


@pytest.mark.slow  # an engine build of its own
def test_removed_module_needs_a_redirect_and_then_gets_one(root, tmp_path):
    """Retire a module in a copy of the project: the check fails, then a redirect fixes it."""
    copy = copy_project(tmp_path / "project")
    (copy / "docs/article/conclusion.md").rename(copy / "docs/article/closing-thoughts.md")
    text = (copy / "docs/article/closing-thoughts.md").read_text(encoding="utf-8")
    (copy / "docs/article/closing-thoughts.md").write_text(
        text.replace("module: conclusion", "module: closing-thoughts", 1), encoding="utf-8")
    for name, old, new in ((CONFIG_FILE, "article/conclusion.md", "article/closing-thoughts.md"),
                           ("framework.yml", "conclusion]", "closing-thoughts]")):
        path = copy / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    for path in [*(copy / "pathways").glob("*.yml"), *(copy / "glossary").glob("*.md")]:
        path.write_text(path.read_text(encoding="utf-8").replace(
            "module: conclusion", "module: closing-thoughts"), encoding="utf-8")
    problems = [p.code for p in load_site(copy).problems]
    assert "registry-removed" in problems and "registry-unregistered" in problems

    registry = copy / "module-ids.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "\nredirects: {}",  # the modules' (the prompts' own is indented under 'prompts:')
        "\n  closing-thoughts: article/closing-thoughts.md\nredirects:\n  conclusion: closing-thoughts", 1),
        encoding="utf-8")
    assert [p.format() for p in load_site(copy).problems] == []
    out = tmp_path / "built"
    result = subprocess.run(build_command(str(out)),
                            cwd=copy, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                                           "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    redirect = (out / "article" / "conclusion" / "index.html").read_text(encoding="utf-8")
    assert "closing-thoughts" in redirect and "refresh" in redirect
