"""The browser fixtures work: a page loads from the local server."""


def test_home_page_loads(chromium, server):
    page = chromium.new_page()
    response = page.goto(server)
    assert response.ok
    assert "resonance" in page.title().lower()
    page.close()
