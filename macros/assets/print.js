/* Printing. (Kept apart for the print work of issue #15, which owns it.) */
(() => {
  // On paper, every link's full address is spelled out after it.
  addEventListener('beforeprint', () => document.querySelectorAll('.md-content a[href]').forEach((a) => {
    const h = a.getAttribute('href');
    if (!h.startsWith('#') && !a.closest('.headerlink,.md-content__button')) a.dataset.printHref = a.href;
  }));

  // Buttons that print the page (a course's handout).
  const start = () => document.querySelectorAll('[data-print]').forEach((b) => { b.onclick = () => print(); });
  if (window.document$) window.document$.subscribe(start);
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
