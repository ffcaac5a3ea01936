"""`python -m macros changes OLD NEW` lists exactly what changed between two editions."""

import json
from copy import deepcopy

from macros.__main__ import main
from macros.core.changes import compare_editions, format_changes


def _module(module_id, title, text_hash, prompts):
    return {"id": module_id, "title": title, "content_hash": text_hash,
            "prompts": {"practitioner": [{"id": p, "text": f"Text of {p}"} for p in prompts]}}


OLD = {
    "schema_version": "1.1.0",
    "edition": {"version": "1.0.0", "date": "2026-12-03"},
    "modules": [_module("attunement", "The capacity for attunement", "sha256:a1", ["att-1", "att-2"]),
                _module("analysis", "The capacity for analysis", "sha256:b1", ["ana-1", "ana-2"])],
    "redirects": {"modules": {}, "prompts": {}},
}


def _new_edition():
    """One module edited, one prompt removed with a redirect, one module added."""
    new = deepcopy(OLD)
    new["edition"] = {"version": "1.1.0", "date": "2027-03-01"}
    new["modules"][0]["content_hash"] = "sha256:a2"  # attunement's text edited
    analysis = new["modules"][1]  # ana-2 retired in favour of ana-3 (analysis changes too)
    analysis["prompts"]["practitioner"] = [{"id": "ana-1", "text": "Text of ana-1"},
                                           {"id": "ana-3", "text": "Text of ana-3"}]
    analysis["content_hash"] = "sha256:b2"
    new["modules"].append(_module("closing-thoughts", "Closing thoughts", "sha256:c1", ["clo-1", "clo-2"]))
    new["redirects"]["prompts"] = {"ana-2": "ana-3"}
    return new


def test_changes_lists_exactly_what_changed():
    assert format_changes(compare_editions(OLD, _new_edition())) == "\n".join([
        "From edition 1.0.0 (2026-12-03) to edition 1.1.0 (2027-03-01):",
        "Modules:",
        "  added       closing-thoughts  (Closing thoughts)",
        "  changed     analysis  (The capacity for analysis)",
        "  changed     attunement  (The capacity for attunement)",
        "Prompts:",
        "  added       ana-3",
        "  added       clo-1",
        "  added       clo-2",
        "  redirected  ana-2 -> ana-3",
    ])


def test_a_removed_module_without_redirect_is_removed_and_with_one_redirected():
    new = deepcopy(OLD)
    del new["modules"][1]
    changes = compare_editions(OLD, new)
    assert [(c.kind, c.id) for c in changes.modules] == [("removed", "analysis")]
    new["redirects"]["modules"] = {"analysis": "attunement"}
    assert [(c.kind, c.id, c.detail) for c in compare_editions(OLD, new).modules] == [
        ("redirected", "analysis", "attunement")]


def test_no_changes_says_so():
    assert format_changes(compare_editions(OLD, OLD)).endswith(
        "no module or prompt was added, removed, redirected or changed.")


def test_the_command_reads_two_files(tmp_path, capsys):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(OLD), encoding="utf-8")
    new.write_text(json.dumps(_new_edition()), encoding="utf-8")
    assert main(["changes", str(old), str(new)]) == 0
    assert "  redirected  ana-2 -> ana-3" in capsys.readouterr().out
    assert main(["changes", str(old), str(tmp_path / "missing.json")]) == 2
    assert "cannot read it" in capsys.readouterr().err


def _catalogue(root):
    """modules.json as the build writes it, made from the sources alone (no engine)."""
    from macros.core.site import load_site
    from macros.render.modules_data import modules_json

    site = load_site(root)
    assert site.problems == (), [p.format() for p in site.problems]
    return modules_json(site, {}, {"title": "T", "authors": ["A"]})


def test_changes_between_two_real_editions(root, tmp_path, capsys):
    """Two modules.json files made from copies of the project: one module edited, one
    prompt retired with a redirect, one module added. The command prints exactly that."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    old = _catalogue(project)

    # An edited module: a sentence of its text changed.
    page = project / "docs" / "article" / "analysis.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "\n\n", "\n\nAn added sentence.\n\n", 1), encoding="utf-8")
    # A prompt retired: conclusion-leader-3 becomes conclusion-leader-4, with a redirect.
    page = project / "docs" / "article" / "conclusion.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "id: conclusion-leader-3", "id: conclusion-leader-4"), encoding="utf-8")
    # An added module: a copy of the conclusion under new ids.
    text = (project / "docs" / "article" / "conclusion.md").read_text(encoding="utf-8")
    (project / "docs" / "article" / "afterword.md").write_text(
        text.replace("module: conclusion", "module: afterword")
        .replace("title: Conclusion", "title: Afterword").replace("id: conclusion-", "id: afterword-"),
        encoding="utf-8")
    registry = project / "module-ids.yml"
    added = [line.strip()[len("- id: "):] for line in text.split("\n")
             if line.strip().startswith("- id: conclusion-")]
    new_prompts = sorted(p.replace("conclusion-", "afterword-") for p in added)
    registry.write_text(registry.read_text(encoding="utf-8")
                        .replace("\nredirects: {}", "\n  afterword: article/afterword.md\nredirects: {}", 1)
                        .replace("  redirects: {}",
                                 "  redirects:\n    conclusion-leader-3: conclusion-leader-4")
                        .replace("  published:\n", "  published:\n" + "".join(
                            f"    - {p}\n" for p in ["conclusion-leader-4", *new_prompts])), encoding="utf-8")
    new = _catalogue(project)
    assert new["redirects"]["prompts"] == {"conclusion-leader-3": "conclusion-leader-4"}

    files = tmp_path / "old.json", tmp_path / "new.json"
    for path, data in zip(files, (old, new), strict=True):
        path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["changes", *map(str, files)]) == 0
    edition = f"edition {old['edition']['version']} ({old['edition']['date']})"
    assert capsys.readouterr().out.strip().split("\n") == [
        f"From {edition} to {edition}:",
        "Modules:",
        "  added       afterword  (Afterword)",
        "  changed     analysis  (The capacity for analysis)",
        "  changed     conclusion  (Conclusion)",
        "Prompts:",
        *(f"  added       {p}" for p in sorted([*new_prompts, "conclusion-leader-4"])),
        "  redirected  conclusion-leader-3 -> conclusion-leader-4",
    ]


def test_a_course_written_against_an_older_edition_is_warned_of_changed_modules(root, tmp_path, capsys,
                                                                              monkeypatch):
    """The course names edition 1.0.0; the archive holds that edition's modules.json; one of the
    course's modules has changed since. `make check` passes and warns, naming the module."""
    from tests.conftest import copy_project

    monkeypatch.setenv("SITE_URL", "https://example.org/resonance/")
    project = copy_project(tmp_path / "project")
    (project / "editions").mkdir()
    (project / "editions" / "1.0.0.json").write_text(json.dumps(_catalogue(project)), encoding="utf-8")
    course = next((project / "courses").glob("*.yml"))
    course.write_text(course.read_text(encoding="utf-8") + "edition: 1.0.0\n", encoding="utf-8")
    assert main(["check", "--root", str(project)]) == 0
    assert capsys.readouterr().err == ""  # nothing changed yet

    module = next(line.split("[")[1].split("]")[0] for line in course.read_text(encoding="utf-8").split("\n")
                  if line.strip().startswith("modules: ["))
    page = project / "docs" / "article" / f"{module}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added since.\n", encoding="utf-8")
    assert main(["check", "--root", str(project)]) == 0
    err = capsys.readouterr().err
    assert f"module '{module}' has changed since edition 1.0.0" in err
    assert f"{course.relative_to(project).as_posix()}:" in err and err.count("warning:") == 1

    course.write_text(course.read_text(encoding="utf-8").replace("edition: 1.0.0", "edition: 0.9.0"),
                      encoding="utf-8")
    assert main(["check", "--root", str(project)]) == 0
    assert "editions/0.9.0.json (its modules.json) is missing" in capsys.readouterr().err
