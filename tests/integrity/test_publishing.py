"""Publishing: the site's address comes from SITE_URL (or site_url); `make check` warns without it."""

from macros.__main__ import main


def test_check_warns_without_a_site_address_and_still_passes(root, monkeypatch, capsys):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert main(["check", "--root", str(root)]) == 0
    assert "site_url is not set" in capsys.readouterr().err


def test_check_is_quiet_with_a_site_address(root, monkeypatch, capsys):
    monkeypatch.setenv("SITE_URL", "https://example.org/resonance/")
    assert main(["check", "--root", str(root)]) == 0
    assert "site_url" not in capsys.readouterr().err
