/* Layer lens, private journal and pathway progress. Everything stays in this
   browser (localStorage); nothing is sent. Without JavaScript all layers show. */
(() => {
const d = document, S = localStorage, K = 'resonance:';
const get = (k, v) => { try { return JSON.parse(S.getItem(K + k)) ?? v; } catch { return v; } };
const put = (k, v) => { try { S.setItem(K + k, JSON.stringify(v)); } catch { /* storage full or off */ } };
const el = (tag, props = {}, ...kids) => { const e = Object.assign(d.createElement(tag), props); e.append(...kids); return e; };
const journal = () => get('journal', {});

function init() {
  const want = new URLSearchParams(location.search).get('layer');
  const blocks = [...d.querySelectorAll('.layer-lens[data-layer]')];
  const known = new Set([...d.querySelectorAll('[data-layer]')].map((e) => e.dataset.layer));
  if (want && (known.has(want) || d.querySelector(`[data-layer-choice="${CSS.escape(want)}"]`))) put('layer', want);
  const layer = get('layer', '');
  d.querySelectorAll('[data-layer-choice]').forEach((a) => a.toggleAttribute('aria-current', a.dataset.layerChoice === layer));
  if (blocks.length) lens(blocks, layer);
  d.querySelectorAll('.prompt[id]').forEach(answer);
  d.querySelectorAll('.journal-notice').forEach((n) => { n.hidden = false; });
  d.querySelectorAll('[data-pathway] .pathway-step[data-step]').forEach(progress);
  const j = d.getElementById('journal'); if (j) page(j);
}

// The reader's layer first; the other layers folded away, and a way to switch.
function lens(blocks, layer) {
  const first = blocks.find((b) => b.dataset.layer === layer);
  if (!first || first.dataset.lensDone) return;
  const parent = first.parentNode, others = el('details', { className: 'other-layers' }, el('summary', {}, 'Lenses and prompts for the other layers'));
  parent.insertBefore(first, blocks[0]);
  blocks.filter((b) => b !== first).forEach((b) => others.append(b));
  first.after(others);
  first.dataset.lensDone = 1;
}

// A private answer box under each prompt, saved as the reader types.
function answer(p) {
  if (p.querySelector('textarea')) return;
  const all = journal(), saved = all[p.id]?.a || '', id = 'answer-' + p.id;
  const box = el('textarea', { id, rows: 3, value: saved, className: 'journal-answer' });
  const note = el('span', { className: 'journal-saved', role: 'status' });
  let t;
  box.addEventListener('input', () => {
    clearTimeout(t);
    t = setTimeout(() => {
      const j = journal(), v = box.value.trim(), path = p.closest('[data-pathway]');
      if (v) j[p.id] = { q: p.firstChild.textContent.trim(), a: box.value, m: p.dataset.module || '', l: p.dataset.layer || '',
        p: path?.dataset.pathway || j[p.id]?.p || '', pt: path?.dataset.pathwayTitle || j[p.id]?.pt || '',
        mt: p.dataset.moduleTitle || d.querySelector('h1')?.textContent.trim() || '', t: new Date().toISOString() };
      else delete j[p.id];
      put('journal', j);
      note.textContent = v ? 'Saved in this browser.' : 'Answer removed.';
    }, 400);
  });
  p.append(el('label', { htmlFor: id, className: 'journal-label' }, 'Your reflection (private to this browser)'), box, note);
}

function progress(step) {
  const key = 'progress:' + step.closest('[data-pathway]').dataset.pathway, done = new Set(get(key, []));
  const box = el('input', { type: 'checkbox', checked: done.has(step.dataset.step), id: 'done-' + step.dataset.step });
  box.addEventListener('change', () => {
    const now = new Set(get(key, []));
    box.checked ? now.add(step.dataset.step) : now.delete(step.dataset.step);
    put(key, [...now]); count(step.closest('[data-pathway]'));
  });
  step.prepend(el('label', { className: 'step-done' }, box, ' Done'));
  count(step.closest('[data-pathway]'));
}

function count(path) {
  const out = path.querySelector('.pathway-progress'); if (!out) return;
  const steps = path.querySelectorAll('.pathway-step'), done = get('progress:' + path.dataset.pathway, []).length;
  out.textContent = `${Math.min(done, steps.length)} of ${steps.length} steps done (kept in this browser).`;
}

// The journal page: every answer, by pathway and module; export or delete.
function page(root) {
  root.replaceChildren();
  const entries = Object.entries(journal()).sort((a, b) => (a[1].p + a[1].mt).localeCompare(b[1].p + b[1].mt));
  if (!entries.length) { root.append(el('p', {}, 'No reflections yet. Answers you write next to prompts appear here.')); return; }
  const groups = new Map();
  entries.forEach(([id, e]) => { const g = e.pt ? 'Pathway: ' + e.pt : 'Modules'; groups.set(g, [...(groups.get(g) || []), [id, e]]); });
  groups.forEach((items, g) => {
    root.append(el('h2', {}, g));
    items.forEach(([, e]) => root.append(el('h3', {}, e.mt || e.m), el('p', { className: 'journal-question' }, e.q), el('blockquote', {}, e.a)));
  });
  const md = () => ['# My reflection journal', ''].concat(...[...groups].map(([g, items]) =>
    ['## ' + g, '', ...items.flatMap(([, e]) => [`### ${e.mt || e.m}`, '', `**${e.q}**`, '', e.a, ''])])).join('\n');
  const save = el('button', { type: 'button', className: 'md-button' }, 'Export as a Markdown file');
  save.onclick = () => { const a = el('a', { href: URL.createObjectURL(new Blob([md()], { type: 'text/markdown' })), download: 'reflection-journal.md' }); a.click(); URL.revokeObjectURL(a.href); };
  const wipe = el('button', { type: 'button', className: 'md-button' }, 'Delete all answers');
  wipe.onclick = () => {
    if (!confirm('Delete all your reflections from this browser? This cannot be undone.')) return;
    Object.keys(S).filter((k) => k.startsWith(K) && k !== K + 'layer').forEach((k) => S.removeItem(k));
    page(root);
  };
  root.prepend(el('p', { className: 'journal-actions' }, save, ' ', wipe));
}

// Small screens: the menu button (a <button> in overrides/partials/header.html)
// opens Material's drawer, a checkbox its CSS and script follow; the closed
// drawer's off-screen links are taken out of the tab order.
(() => {
  const box = d.getElementById('__drawer'), nav = d.querySelector('.md-sidebar--primary');
  const btn = d.querySelector('.res-menu-button'), narrow = matchMedia('(max-width: 76.1875em)');
  if (!box || !nav || !btn) return;
  const sync = () => {
    nav.inert = narrow.matches && !box.checked;
    btn.setAttribute('aria-expanded', box.checked);
  };
  btn.addEventListener('click', () => box.click());
  box.addEventListener('change', () => { sync(); if (box.checked) nav.querySelector('a[href]')?.focus(); });
  d.addEventListener('keydown', (e) => { if (e.key === 'Escape' && box.checked) { box.click(); btn.focus(); } });
  narrow.addEventListener('change', sync);
  sync();
})();

if (window.document$) window.document$.subscribe(init); else if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init); else init();
})();
