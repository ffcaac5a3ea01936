"""Prompts, lenses, pathways and the framework diagram in the built site."""

import re
from html import escape

import pytest
import yaml

from macros.core.site import load_site
from tests.htmltext import scan
from tests.site.test_site import html_of, resolve


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


def test_every_module_has_prompts_for_every_layer(site_dir, model):
    layers = set(model.framework.layer_ids)
    assert len(layers) == 4
    for page in model.modules:
        prompts = [a for t, a in scan(html_of(site_dir, page.src)).tags
                   if "prompt" in a.get("class", "").split()]
        by_layer = {layer: [p for p in prompts if p.get("data-layer") == layer] for layer in layers}
        assert all(len(found) >= 2 for found in by_layer.values()), (page.src, by_layer)
        for prompt in prompts:
            assert re.fullmatch(r"[a-z0-9-]+", prompt["id"]) and prompt["id"] in model.prompts


def test_prompt_ids_are_unique_and_stable(model, root):
    ids = [p.id for page in model.modules for p in page.reflection.prompts]
    assert len(ids) == len(set(ids)) >= 16 * 4 * 2
    # Stable: each id is written in the source, never derived from position.
    for page in model.modules:
        text = (root / page.path).read_text(encoding="utf-8")
        for prompt in page.reflection.prompts:
            assert f"id: {prompt.id}" in text or f'id: "{prompt.id}"' in text


def test_prompt_text_is_escaped_never_markup(site_dir, model):
    from macros.core.prompts import ModuleReflection, Prompt
    from macros.render.reflection import reflection_markdown

    evil = Prompt("x-1", "practitioner", "<script>alert(1)</script> & you?", "b", "m", "p", 1)
    html = reflection_markdown(ModuleReflection({"practitioner": "<b>lens</b>"}, (evil,)),
                               model.framework.layers, "../journal/")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;lens" in html


def test_lens_for_every_layer_and_no_js_shows_all(site_dir, model):
    page = model.module("attunement")
    collector = scan(html_of(site_dir, page.src))
    lenses = [a["data-layer"] for t, a in collector.tags if "layer-lens" in a.get("class", "")]
    assert lenses == list(model.framework.layer_ids)
    # Nothing is hidden in the HTML itself: folding is the script's job.
    html = html_of(site_dir, page.src).read_text(encoding="utf-8")
    assert "<details" not in html.split('id="reflect"')[1].split("page-references")[0]


def test_pathway_pages_have_steps_time_and_prompts(site_dir, model, root):
    assert {p.layer for p in model.pathways} == set(model.framework.layer_ids)
    for pathway in model.pathways:
        source = yaml.safe_load((root / pathway.path).read_text(encoding="utf-8"))
        file = site_dir / "pathways" / pathway.id / "index.html"
        html = file.read_text(encoding="utf-8")
        assert f'data-pathway="{pathway.id}"' in html
        assert f"about {sum(s['minutes'] for s in source['steps'])} minutes" in html
        collector = scan(file)
        steps = [a["data-step"] for t, a in collector.tags if "pathway-step" in a.get("class", "")]
        assert steps == [s["module"] for s in source["steps"]]
        prompts = [a for t, a in collector.tags if "prompt" in a.get("class", "").split()]
        assert prompts and all(p["data-layer"] == pathway.layer for p in prompts)
        assert "Taking it further" in html
        for tag, attrs in collector.tags:
            if tag == "a" and "article/" in attrs.get("href", ""):
                target, _ = resolve(site_dir, f"pathways/{pathway.id}.md", attrs["href"])
                assert target.exists(), attrs["href"]


def test_home_page_starts_a_pathway_in_one_click(site_dir, model):
    choices = [a for t, a in scan(site_dir / "index.html").tags if t == "a" and "data-layer-choice" in a]
    assert {a["data-layer-choice"] for a in choices} == set(model.framework.layer_ids)
    for attrs in choices:
        assert attrs["href"].endswith(f"?layer={attrs['data-layer-choice']}")
        target, _ = resolve(site_dir, "index.md", attrs["href"].split("?")[0])
        assert target.exists()


def test_diagram_matches_framework_yml(site_dir, model, root):
    data = yaml.safe_load((root / "framework.yml").read_text(encoding="utf-8"))
    html = (site_dir / "framework" / "index.html").read_text(encoding="utf-8")
    svg = html.split('<svg class="framework-diagram"', 1)[1].split("</svg>", 1)[0]
    assert "<title" in svg and "<desc" in svg
    names = {t.id: t.term for t in model.terms}
    # The rings' elements are drawn first (inside out), then the core's.
    expected = [names[e["term"]] for ring in data["rings"] for e in ring["elements"]]
    expected += [names[e["term"]] for e in data["core"]["elements"]]
    labels = re.findall(r'class="fw-link fw-element"><rect[^>]*/><text[^>]*>([^<]+)</text>', svg)
    assert labels == expected
    for ring in data["rings"]:
        assert ring["title"] in svg
    # Every link in the diagram reaches a page and an anchor that exist.
    for href in re.findall(r'<a href="([^"]+)"', svg):
        target, fragment = resolve(site_dir, "framework/index.md", href)
        assert target.exists() and (not fragment or fragment in scan(target).ids), href


# -- care for readers: prompts that ask people to recall harm -------------------------------

_RECALL = re.compile(r"\b(think of a (time|moment)|think back|when have you|remember)\b", re.IGNORECASE)
_HARM = re.compile(r"\b(harms?|abuse|trauma\w*|unsafe|safer|safety|dilemmas?|intense|painful|distress\w*)\b",
                   re.IGNORECASE)


def uncared(prompts) -> list[str]:
    """Prompts that ask readers to recall a situation of harm but carry no care note."""
    return [p.id for p in prompts if _RECALL.search(p.text) and _HARM.search(f"{p.text} {p.basis}")
            and not p.care]


def test_prompts_that_recall_harm_are_marked_for_care(model):
    prompts = list(model.prompts.values())
    assert sum(p.care for p in prompts) >= 5
    assert uncared(prompts) == []


def test_an_unmarked_recall_of_harm_is_caught(model):
    import dataclasses

    prompt = model.prompts["managing-and-modelling-practitioner-1"]
    assert uncared([dataclasses.replace(prompt, care=False)]) == [prompt.id]


def test_care_note_stands_beside_the_prompt_with_leave_to_skip(site_dir, model):
    from macros.render.reflection import CARE_NOTE

    assert "skip it" in CARE_NOTE and "supervision" in CARE_NOTE
    for page in model.modules:
        html = html_of(site_dir, page.src).read_text(encoding="utf-8")
        for prompt in page.reflection.prompts:
            element = html.split(f'id="{prompt.id}"', 1)[1].split("</li>", 1)[0]
            # The question comes first: the journal reads it from the prompt's first text.
            assert element.split(">", 1)[1].startswith(escape(prompt.text)[:20])
            assert ('class="care-note"' in element) == prompt.care, prompt.id


def test_journal_and_handouts_give_the_same_leave(site_dir, model):
    from macros.render.reflection import COURSE_CARE_NOTE

    journal = " ".join(scan(site_dir / "journal" / "index.html").text)
    assert "leave any prompt blank" in " ".join(journal.split())
    for course in model.courses:
        html = (site_dir / "courses" / course.id / "index.html").read_text(encoding="utf-8")
        cared = [p for s in course.sessions for p in s.prompts if model.prompts[p].care]
        assert (COURSE_CARE_NOTE.split(".")[0] in html) == bool(cared), course.id
        for prompt_id in cared:
            assert 'class="care-note"' in html.split(f'id="{prompt_id}"', 1)[1].split("</li>", 1)[0]
    assert any(model.prompts[p].care for c in model.courses for s in c.sessions for p in s.prompts)
