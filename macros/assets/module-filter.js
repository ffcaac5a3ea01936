/* Module cards (the catalogue and the course builder): show only the modules
   for a role, about a topic or within a time. The cards carry what they can
   be filtered by (data-roles, data-topics, data-minutes); without JavaScript
   every card is shown and the filters stay hidden. */
(() => {
const d = document;

function matches(card, want) {
  const has = (name) => !want[name] || card.dataset[name].split(' ').includes(want[name]);
  return has('roles') && has('topics') && (!want.minutes || Number(card.dataset.minutes) <= Number(want.minutes));
}

function setUp(box) {
  if (box.dataset.ready) return;
  box.dataset.ready = '1';
  const list = box.parentElement.querySelector('.catalogue-cards');
  if (!list) return;
  const cards = [...list.children];
  const selects = [...box.querySelectorAll('select[data-filter]')];
  const count = box.querySelector('.module-filter__count');
  const apply = () => {
    const want = Object.fromEntries(selects.map((s) => [s.dataset.filter, s.value]));
    let shown = 0;
    cards.forEach((card) => { card.hidden = !matches(card, want); shown += card.hidden ? 0 : 1; });
    count.textContent = shown === cards.length ? `All ${cards.length} modules are shown.`
      : shown ? `${shown} of ${cards.length} modules are shown.`
        : 'No module matches: choose another role, topic or time.';
  };
  selects.forEach((select) => select.addEventListener('change', apply));
  box.hidden = false;
  apply();
}

function init() { d.querySelectorAll('.module-filter').forEach(setUp); }

if (window.document$) window.document$.subscribe(init);
else if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init);
else init();
})();
