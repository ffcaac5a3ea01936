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
    from macros.render.reflection import lens_markdown, reflection_markdown

    evil = Prompt("x-1", "practitioner", "<script>alert(1)</script> & you?", "b", "m", "p", 1)
    reflection = ModuleReflection({"practitioner": "<b>lens</b>"}, (evil,))
    html = reflection_markdown(reflection, model.framework.layers, "../journal/", '<i>"title"</i>')
    assert "<script>" not in html and "&lt;script&gt;" in html and "<i>" not in html
    assert "&lt;b&gt;lens" in lens_markdown(reflection, model.framework.layers)


def test_lens_for_every_layer_and_no_js_shows_all(site_dir, model):
    """Near the top, "What this means for you": a lens for every layer, each labelled and none
    hidden in the HTML (without JavaScript every reader sees them all); after the text, the
    prompts for every layer, none folded in the HTML either (folding is the script's job)."""
    page = model.module("attunement")
    collector = scan(html_of(site_dir, page.src))
    lenses = [a for t, a in collector.tags if "lens" in a.get("class", "").split()]
    assert [a["data-layer"] for a in lenses] == list(model.framework.layer_ids)
    layers = {layer.id: layer for layer in model.framework.layers}
    for lens in lenses:
        layer = layers[lens["data-layer"]]
        assert (lens["data-role"], lens["data-choice"]) == (layer.role, layer.choice)
        assert "hidden" not in lens
    blocks = [a["data-layer"] for t, a in collector.tags if "layer-lens" in a.get("class", "")]
    assert blocks == list(model.framework.layer_ids)
    html = html_of(site_dir, page.src).read_text(encoding="utf-8")
    reflect = html.split('<div class="reflect', 1)[1].split('<nav class="pathway-bar', 1)[0]
    assert "<details" not in reflect and "<textarea" not in reflect


def test_module_pages_put_the_readers_parts_in_order(site_dir, model):
    """Title, pathway bar, objectives and key points (open), what it means for you, the
    authors' text, the prompts, the pathway bar again, then the trainers' card (folded)
    and the works cited."""
    for page in model.modules:
        html = html_of(site_dir, page.src).read_text(encoding="utf-8")
        article = html.split('<article class="md-content__inner', 1)[1]
        marks = ['<h1', 'class="pathway-bar pathway-bar--top', 'class="admonition abstract module-intro',
                 'class="admonition summary module-intro module-key-points', 'class="lens-block', 'id="reflect"', 'class="pathway-bar pathway-bar--end',
                 'class="module-card', 'class="page-references']
        if not page.citations:
            marks.remove('class="page-references')
        if not any(step.module == page.module for p in model.pathways for step in p.steps):
            marks = [m for m in marks if "pathway-bar" not in m]
        places = [article.find(mark) for mark in marks]
        assert all(place >= 0 for place in places), (page.src, dict(zip(marks, places, strict=True)))
        assert places == sorted(places), (page.src, marks, places)
        intro = article.split('class="admonition abstract module-intro', 1)[1].split("</div>", 1)[0]
        points = article.split('class="admonition summary module-intro module-key-points', 1)[1]
        points = points.split("</div>", 1)[0]
        assert "<details" not in intro + points and "Key points" in points
        for objective in page.meta["objectives"][:1]:
            assert escape(objective, quote=False)[:40] in intro, page.src
        for point in page.meta["key_points"][:1]:
            assert escape(point, quote=False)[:40] in points, page.src
        assert '<details class="module-card' in article


def test_pathway_pages_have_sittings_steps_time_and_prompts(site_dir, model, root):
    """Each sitting is a section with its title and its steps, in the YAML's order; every step
    links its module as part of the pathway; the prompts are listed, with no answer boxes."""
    assert {p.layer for p in model.pathways} == set(model.framework.layer_ids)
    for pathway in model.pathways:
        source = yaml.safe_load((root / pathway.path).read_text(encoding="utf-8"))
        file = site_dir / "pathways" / pathway.id / "index.html"
        html = file.read_text(encoding="utf-8")
        assert f'data-pathway="{pathway.id}"' in html
        assert f"About {model.pathway_minutes(pathway)} minutes" in html
        collector = scan(file)
        sittings = [a["data-sitting"] for t, a in collector.tags if "pathway-sitting" in a.get("class", "")]
        assert sittings == [str(n) for n in range(1, len(source["sittings"]) + 1)]
        text = " ".join(collector.text)
        for number, sitting in enumerate(source["sittings"], 1):
            assert f"Sitting {number}: {sitting['title']}" in text
        steps = [a["data-step"] for t, a in collector.tags if "pathway-step" in a.get("class", "").split()]
        assert steps == [step["module"] for sitting in source["sittings"] for step in sitting["steps"]]
        tags = collector.tags
        step_links = [tags[i + 1][1]["href"] for i, (t, a) in enumerate(tags)
                      if "pathway-step__title" in a.get("class", "")]
        starts = [a["href"] for t, a in tags if "data-sitting-start" in a or "data-pathway-start" in a]
        assert len(step_links) == len(steps) and len(starts) == len(sittings) + 1
        assert all(href.endswith(f"?pathway={pathway.id}") for href in step_links + starts)
        for href in step_links:
            target, _ = resolve(site_dir, f"pathways/{pathway.id}.md", href)
            assert target.exists(), href
        prompts = [a for t, a in collector.tags if "prompt" in a.get("class", "").split()]
        assert prompts and all(p["data-layer"] == pathway.layer for p in prompts)
        assert "<textarea" not in html
        assert "Taking it further" in html


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


def test_module_pages_carry_a_bar_for_each_pathway_they_are_in(site_dir, model):
    """Hidden until the script shows the reader's pathway: top and end bars with the step's
    place, its time, Mark as done, and Previous / Next in your pathway leading to the
    neighbouring steps of the pathway (which are not always the article's neighbours)."""
    off_the_article_order = 0
    for pathway in model.pathways:
        steps = pathway.steps
        for index, step in enumerate(steps):
            page = model.module(step.module)
            html = html_of(site_dir, page.src).read_text(encoding="utf-8")
            bars = [b.split("</nav>", 1)[0] for b in html.split('<nav class="pathway-bar')[1:]
                    if f'data-pathway="{pathway.id}"' in b.split(">", 1)[0]]
            assert len(bars) == 2, (pathway.id, step.module)
            for bar in bars:
                assert " hidden " in bar.split(">", 1)[0]
                assert f"Step {index + 1} of {len(steps)}" in bar
                assert f"About {model.step_time(step).minutes} minute" in bar
                assert "Mark as done" in bar
                if index + 1 < len(steps):
                    assert "Next in your pathway" in bar
                    target = model.module(steps[index + 1].module).src.removesuffix(".md").split("/")[-1]
                    assert f'rel="next" href="../{target}/?pathway={pathway.id}"' in bar
                if index > 0:
                    assert 'rel="prev"' in bar
            article_next = model.modules.index(page) + 1
            if index + 1 < len(steps) and (article_next >= len(model.modules)
                                           or model.modules[article_next].module != steps[index + 1].module):
                off_the_article_order += 1
    assert off_the_article_order >= 4
    assert "pathway-bar-slot" not in html
