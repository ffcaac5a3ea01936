/* Small screens: Material's menu button is a <label>, out of reach of the
   keyboard, and its closed drawer still holds focusable links off-screen.
   Make the button a keyboard button and take the closed drawer out of the
   tab order; Escape closes the open drawer and returns to the button. */
(() => {
  const toggle = document.getElementById('__drawer');
  const drawer = document.querySelector('.md-sidebar--primary');
  const button = document.querySelector('.md-header__button[for="__drawer"]');
  const narrow = matchMedia('(max-width: 76.1875em)');
  if (!toggle || !drawer || !button) {
    return;
  }

  function sync() {
    drawer.inert = narrow.matches && !toggle.checked;
    button.setAttribute('aria-expanded', String(toggle.checked));
  }

  button.tabIndex = 0;
  button.setAttribute('role', 'button');
  button.setAttribute('aria-label', 'Menu');
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      toggle.click();
    }
  });
  toggle.addEventListener('change', () => {
    sync();
    if (toggle.checked) {
      drawer.querySelector('a[href]')?.focus();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && toggle.checked) {
      toggle.click();
      button.focus();
    }
  });
  narrow.addEventListener('change', sync);
  sync();
})();
