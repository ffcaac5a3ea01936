"""Retired prompt ids reach the reader's browser, where the journal moves answers on (issue #16).

Answers are stored under prompt ids. When a prompt is retired with a redirect in
``module-ids.yml``, its replacement on the module page says which ids it replaces
(``data-replaces``), and the routes data the journal page carries lists every redirect.
"""

from dataclasses import replace

import pytest

from macros.core.prompts import Prompt
from macros.core.site import load_site
from macros.render.reflection import prompt_html, reflection_markdown
from macros.render.routes_data import routes_data


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


def prompt(prompt_id: str) -> Prompt:
    return Prompt(id=prompt_id, layer="practitioner", text="What helped?", basis="", module="m",
                  path="docs/m.md", line=3)


def test_a_prompt_names_the_ids_it_replaces_escaped_and_in_order():
    html = prompt_html(prompt("new"), replaces=["old-b", 'old-a"><script>'])
    assert 'data-replaces="old-a&quot;&gt;&lt;script&gt; old-b"' in html
    assert "data-replaces" not in prompt_html(prompt("new"))


def test_the_module_prompts_carry_the_registry_redirects(model):
    page = next(p for p in model.modules if p.reflection and p.reflection.prompts)
    target = page.reflection.prompts[0]
    layers = model.framework.layers
    marked = reflection_markdown(page.reflection, layers, "journal/", page.title, {"retired": target.id})
    assert f'id="{target.id}" data-layer' in marked and 'data-replaces="retired"' in marked
    assert "data-replaces" not in reflection_markdown(page.reflection, layers, "journal/", page.title)


def test_the_routes_data_lists_the_sites_prompt_redirects(model):
    current = next(iter(model.prompts))
    registry = replace(model.registry, prompt_redirects={"retired": current, "gone": "no-such-prompt"})
    data = routes_data(replace(model, registry=registry), lambda src: src)
    assert data["prompt_redirects"] == {"retired": current}  # a redirect to nothing is left out
