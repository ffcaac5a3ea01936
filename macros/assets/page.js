/* Small helpers every script of the site uses to build and start its part of a
   page. Loaded before the other scripts (LOAD_FIRST in macros/adapter/hooks.py).

   Elements are built with DOM methods and text is always set as text, so
   nothing a reader or a source file wrote can become markup. */
(() => {
  const resonance = (window.resonance = window.resonance || {});

  /** A new element: `element('a', {href: '#x', className: 'y'}, 'text', child)`. */
  function element(tag, properties = {}, ...children) {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
    return node;
  }

  /** Run `start` once the page is ready, and again after each of Material's instant page loads. */
  function onLoad(start) {
    if (window.document$ && typeof window.document$.subscribe === 'function') {
      window.document$.subscribe(() => start());
    } else if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => start());
    } else {
      start();
    }
  }

  /** The value of `name` in the page's query string (`?layer=manager`), or null. */
  function queryParameter(name) {
    return new URLSearchParams(location.search).get(name);
  }

  /** "3 December 2026", from an ISO date; "" for a date that cannot be read. */
  function longDate(iso) {
    const date = new Date(iso);
    if (!iso || Number.isNaN(date.getTime())) {
      return '';
    }
    return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  }

  /** The site's pathways and modules, where the page carries them (render/routes_data.py), or null. */
  function routes() {
    const block = document.getElementById('resonance-routes');
    try {
      return block ? JSON.parse(block.textContent) : null;
    } catch {
      return null;
    }
  }

  resonance.page = Object.freeze({ element, onLoad, queryParameter, longDate, routes });
})();
