/* Print: what happens when a page is printed or saved as PDF (see print.css).

   Links within the site print as their words. A link that leaves the site
   prints its address after its words, unless the words already show it. A
   module's permanent address is printed once, in full: where the site has no
   public address configured, the address this copy was opened at is used.
   Buttons marked data-print open the browser's print dialogue. */
(() => {
const d = document;

function leavesSite(link) {
  const url = new URL(link.href, location.href);
  return /^https?:$/.test(url.protocol) && url.origin !== location.origin;
}

function beforePrint() {
  d.querySelectorAll('.md-content a[href]').forEach((link) => {
    const words = link.textContent.trim();
    if (leavesSite(link) && !link.closest('.print-address') && !words.includes(new URL(link.href).host)) {
      link.dataset.printHref = link.href;
    }
  });
  d.querySelectorAll('a.print-address-link').forEach((link) => {
    if (!/^[a-z]+:/i.test(link.textContent.trim())) link.textContent = link.href;
  });
}

function init() {
  d.querySelectorAll('[data-print]').forEach((button) => { button.onclick = () => print(); });
}

addEventListener('beforeprint', beforePrint);
if (window.document$) window.document$.subscribe(init);
else if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init);
else init();
})();
