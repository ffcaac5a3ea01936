/* Wide code examples and tables scroll sideways on a narrow screen. A region
   that scrolls must be reachable from the keyboard (WCAG 2.1.1), so each one
   that overflows is made focusable (the arrow keys then scroll it) and named
   for screen readers; one that fits is left alone. Checked again on resize. */
(() => {
  const REGIONS = [['.md-typeset pre > code', 'Code example'], ['.md-typeset .md-typeset__scrollwrap', 'Table']];

  function mark() {
    REGIONS.forEach(([selector, name]) => document.querySelectorAll(selector).forEach((region) => {
      const scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
      if (scrolls && !region.hasAttribute('tabindex')) {
        region.tabIndex = 0;
        region.setAttribute('role', 'region');
        region.setAttribute('aria-label', `${name} (scrolls)`);
        region.dataset.scrollRegion = '';
      } else if (!scrolls && region.hasAttribute('data-scroll-region')) {
        ['tabindex', 'role', 'aria-label', 'data-scroll-region'].forEach((name) => region.removeAttribute(name));
      }
    }));
  }

  let pending;
  addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  });
  window.resonance.page.onLoad(mark);
})();
