"""One time model, shown the same way on the module card, the catalogue, the
pathway pages and modules.json (issue #14 item 3).

Each place is read from the built site on its own, and the figures compared:
reading minutes agree everywhere, a pathway step's time is its module's
reading time plus two minutes for each prompt the step lists on the pathway
page, and a pathway's total is the sum of its steps as the page shows them.
"""

from __future__ import annotations

import json
import re

import pytest

from macros.core.site import load_site
from macros.core.timing import MINUTES_PER_PROMPT
from tests.htmltext import scan

READING = re.compile(r"About (\d+) minutes? to read")
STEP = re.compile(r"About (\d+) minutes?: (\d+) to read, (\d+) to reflect")


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


@pytest.fixture(scope="module")
def catalogue(site_dir) -> dict[str, dict]:
    return {m["id"]: m for m in json.loads((site_dir / "modules.json").read_text(encoding="utf-8"))["modules"]}


def text_of(path) -> str:
    return " ".join(" ".join(scan(path).text).split())


def test_reading_minutes_agree_on_card_catalogue_and_modules_json(site_dir, model, catalogue):
    catalogue_text = (site_dir / "trainers" / "catalogue" / "index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<li class="catalogue-card" data-module="([a-z0-9-]+)"(.*?)</li>', catalogue_text, re.S))
    for page in model.modules:
        record = catalogue[page.module]
        card = (site_dir / page.src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        card = card.split('class="module-card', 1)[1].split("</details>", 1)[0]
        shown_on_card = int(READING.search(card).group(1))
        shown_in_catalogue = int(READING.search(rows[page.module]).group(1))
        assert shown_on_card == shown_in_catalogue == record["reading_minutes"], page.module
        # The catalogue's time filter: reading plus the reflection of the role with the most prompts.
        filtered = int(re.search(r'data-minutes="(\d+)"', rows[page.module]).group(1))
        assert filtered == record["reading_minutes"] + max(record["reflection_minutes"].values(), default=0)
        prompts = {layer: len(items) for layer, items in record["prompts"].items()}
        assert record["reflection_minutes"] == {layer: MINUTES_PER_PROMPT * n for layer, n in prompts.items()}


def test_pathway_steps_add_reading_and_their_prompts(site_dir, model, catalogue):
    checked = 0
    for pathway in model.pathways:
        page = site_dir / "pathways" / pathway.id / "index.html"
        html = page.read_text(encoding="utf-8")
        steps = re.findall(r'data-step="([a-z0-9-]+)"(.*?)(?=data-step="|id="taking-it-further")', html, re.S)
        assert [module for module, _ in steps] == [step.module for step in pathway.steps]
        total = 0
        for (module, block), step in zip(steps, pathway.steps, strict=True):
            minutes, reading, reflecting = map(int, STEP.search(block).groups())
            prompts = len(re.findall(r'class="prompt"', block))
            assert reading == catalogue[module]["reading_minutes"], (pathway.id, module)
            assert reflecting == MINUTES_PER_PROMPT * prompts, (pathway.id, module)
            assert minutes == reading + reflecting, (pathway.id, module)
            total += minutes
            checked += 1
        assert f"About {total} minutes" in text_of(page), pathway.id
    assert checked >= 40
