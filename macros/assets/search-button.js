/* A button that opens the site's search (on the "Page not found" page), for
   readers who do not see, or cannot reach, the search in the header. It sets
   Material's own search toggle, as the header's search button does. */
(() => {
  window.resonance.page.onLoad(() => {
    const toggle = document.getElementById('__search');
    document.querySelectorAll('[data-open-search]').forEach((button) => {
      if (!toggle) {
        return;
      }
      button.hidden = false;
      button.parentElement.querySelector('[data-search-hint]')?.remove();
      button.addEventListener('click', () => {
        toggle.checked = true;
        toggle.dispatchEvent(new Event('change'));
        document.querySelector('.md-search__input')?.focus();
      });
    });
  });
})();
