"""A SCORM package run by a real SCORM 1.2 runtime: scorm-again, from npm, offline (see ``harness.py``).

A learner walks from the first page to the last with "Next"; the runtime
records "incomplete" until the end and "completed" there, and LMSFinish when
the learner leaves. The package may send nothing else.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.packages.harness import serve_package, walk_to_the_end

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a Chromium, and the packaged build


@pytest.fixture
def lms(packaged, tmp_path):
    """The harness and the unzipped practitioners' package, served on 127.0.0.1."""
    with serve_package(packaged / "downloads" / "pathway-practitioner.scorm.zip", tmp_path) as url:
        yield url


def test_the_runtime_records_incomplete_then_completed_then_finish(chromium, lms):
    walk = walk_to_the_end(chromium, lms)
    assert walk.steps >= 10  # start, the pathway's page, its modules, glossary, references
    sent = [call for call in walk.calls if call[0] == "LMSSetValue"]
    assert sent == [["LMSSetValue", "cmi.core.lesson_status", "incomplete"],
                    ["LMSSetValue", "cmi.core.lesson_status", "completed"]]
    assert walk.calls[0] == ["LMSInitialize", ""] and walk.calls[-1] == ["LMSFinish", ""]
    assert walk.status == "completed"
    assert walk.hosts == {urlsplit(lms).netloc}  # nothing requested from anywhere else
