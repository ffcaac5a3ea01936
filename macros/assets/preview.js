/* Citation, glossary-term and editorial-note previews: hover, focus, tap. No requests, nothing stored. */
(() => {
if (window.resPreview) return;
window.resPreview = 1;
const SEL = 'a.citation[data-cite],a.term,a.citation-note', ID = 'res-preview-tip', d = document;
let box, tip, go, cur, dismissed, timer, downOn, wasOpen;
const trig = (n) => (n instanceof Element ? n.closest(SEL) : null);
const inside = (n) => n instanceof Node && !!(box?.contains(n) || cur?.contains(n));
const on = (type, fn, capture) => d.addEventListener(type, fn, capture);
const wait = (fn, ms) => { clearTimeout(timer); if (fn) timer = setTimeout(fn, ms); };
const attr = (t, k, v) => (v ? t.setAttribute(k, v) : t.removeAttribute(k));

// A term's (or a note mark's) title moves to data-preview (no native tooltip) and stays its description.
const prep = (t) => {
  const v = t.title;
  if (v) { t.dataset.preview = v; attr(t, 'aria-description', v); attr(t, 'title'); }
};

const describe = (t, add) => {
  const ids = (t.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x != ID);
  if (add) ids.push(ID);
  attr(t, 'aria-describedby', ids.join(' '));
};

const content = (t) => {
  if (t.matches('.term,.citation-note')) { prep(t); return t.dataset.preview && d.createTextNode(t.dataset.preview); }
  const li = d.querySelector(`.page-references li[data-ref="${CSS.escape(t.dataset.cite)}"]`);
  if (!li) return;
  const c = li.cloneNode(true), f = d.createDocumentFragment();
  // No duplicate ids; nothing focusable in a tooltip.
  c.querySelectorAll('[id]').forEach((e) => e.removeAttribute('id'));
  c.querySelectorAll('a').forEach((a) => a.replaceWith(...a.childNodes));
  f.append(...c.childNodes);
  return f;
};

// Below the link (above if no room), inside the viewport.
const place = (t) => {
  const rs = t.getClientRects(), r = rs[rs.length - 1], de = d.documentElement, s = box.style;
  if (!r) return;
  s.left = s.top = 0;
  const o = box.getBoundingClientRect();
  let y = r.bottom + 6;
  if (y + o.height > de.clientHeight - 8 && r.top - o.height >= 14) y = r.top - o.height - 6;
  s.left = Math.max(8, Math.min(r.left, de.clientWidth - o.width - 8)) - o.left + 'px';
  s.top = y - o.top + 'px';
};

const close = () => {
  wait();
  if (cur) { describe(cur); box.hidden = true; cur = null; }
};

const open = (t) => {
  wait();
  const c = content(t);
  if (!c) return;
  if (!box?.isConnected) {
    close();
    box = d.createElement('div');
    box.className = 'res-preview';
    box.innerHTML = `<div role="tooltip" id="${ID}"></div><a class="res-preview__link" tabindex="-1"></a>`;
    [tip, go] = box.children;
    d.body.append(box);
  }
  if (cur != t) {
    close();
    tip.replaceChildren(c);
    go.href = t.href;
    go.textContent = t.matches('.term') ? 'Open in glossary'
      : t.matches('.citation-note') ? 'Read the editorial note' : 'Go to full reference';
    describe((cur = t), 1);
  }
  box.hidden = false;
  place(t);
  return 1;
};

on('pointerover', (e) => {
  if (e.pointerType != 'mouse') return;
  const t = trig(e.target);
  if (!t) dismissed = null;
  if ((t && t == cur) || inside(e.target)) wait();
  else if (t && t != dismissed) wait(() => open(t), cur ? 100 : 400);
});

on('pointerout', (e) => {
  const t = trig(e.target), to = e.relatedTarget;
  if (e.pointerType != 'mouse' || !(t || inside(e.target)) || t?.contains(to) || inside(to)) return;
  // Left link and preview: close soon, unless keyboard-opened.
  wait(cur && !cur.matches(':focus-visible') && close, 300);
});

on('focusin', (e) => {
  const t = trig(e.target);
  if (t && t != dismissed && t != cur) open(t);
});

on('focusout', (e) => {
  const to = e.relatedTarget;
  if (trig(e.target) == dismissed && !inside(to)) dismissed = null;
  if (to && !inside(to) && inside(e.target)) close();
});

on('keydown', (e) => {
  if (e.key != 'Escape' || !cur) return;
  const t = (dismissed = cur), back = box.contains(d.activeElement);
  close();
  if (back) t.focus();
});

// Tap elsewhere closes; a first tap on a link previews, a second follows it.
on('pointerdown', (e) => {
  const t = trig(e.target);
  downOn = e.pointerType != 'mouse' && t;
  wasOpen = t && t == cur;
  if (cur && !inside(e.target)) close();
}, true);

on('click', (e) => {
  const t = trig(e.target), tap = t && t == downOn && !wasOpen;
  downOn = null;
  if (tap && !e.ctrlKey && !e.metaKey && !e.shiftKey && open(t)) {
    e.preventDefault();
    e.stopPropagation(); // else Material's instant navigation follows it
  }
}, true);

addEventListener('resize', () => cur && place(cur));

const init = () => { close(); dismissed = null; d.querySelectorAll('a.term[title],a.citation-note[title]').forEach(prep); };
if (window.document$?.subscribe) document$.subscribe(init);
else if (d.readyState == 'loading') on('DOMContentLoaded', init);
else init();
})();
