/* Small screens: the menu button (a <button> in overrides/partials/header.html)
   opens Material's drawer, a checkbox its CSS and script follow; the closed
   drawer's off-screen links are taken out of the tab order; Escape closes the
   open drawer and returns to the button. */
(() => {
  const toggle = document.getElementById('__drawer');
  const drawer = document.querySelector('.md-sidebar--primary');
  const button = document.querySelector('.res-menu-button');
  const narrow = matchMedia('(max-width: 76.1875em)');
  if (!toggle || !drawer || !button) {
    return;
  }

  function sync() {
    drawer.inert = narrow.matches && !toggle.checked;
    button.setAttribute('aria-expanded', String(toggle.checked));
  }

  button.addEventListener('click', () => toggle.click());
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
