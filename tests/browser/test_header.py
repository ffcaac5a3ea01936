"""The header's menu button (overrides/partials/header.html), where it shows and without scripts.

How the button works with the keyboard is tested with the other phone
behaviour in test_previews.py; these tests cover what the override's
markup and CSS decide: one menu control on a phone, none on a wide screen,
and a drawer that still opens when scripts are off.
"""

from __future__ import annotations

from tests.browser.pages import DESKTOP, MODULE, PHONE

MENU_BUTTON = "header .res-menu-button"
MENU_LABEL = 'header label[for="__drawer"]'


def test_one_menu_control_on_a_phone_and_none_on_a_wide_screen(chromium, server):
    for device, shown in ((PHONE, True), (DESKTOP, False)):
        context = chromium.new_context(**device)
        page = context.new_page()
        page.goto(server + MODULE)
        assert page.locator(MENU_BUTTON).is_visible() is shown, device
        assert page.locator(MENU_LABEL).count() == 0, "the no-script label is in the page while scripts run"
        context.close()


def test_without_scripts_the_menu_label_opens_the_drawer(chromium, server):
    """With scripts off the button could do nothing, so it is hidden and
    Material's label (in <noscript>) opens the drawer, as Material's own does."""
    context = chromium.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(server + MODULE)
    assert not page.locator(MENU_BUTTON).is_visible()
    label = page.locator(MENU_LABEL)
    assert label.is_visible()
    label.tap()
    assert page.locator("#__drawer").is_checked()
    assert page.locator(".md-sidebar--primary a[href]").first.is_visible()
    context.close()
