/* The reader's role (their layer of the system: practitioner, manager...).

   Chosen on the home page, with ?layer=ID in any link, by opening a module
   from a pathway (?pathway=ID: that pathway's layer), or with the switcher on
   a module page; remembered in this browser as "resonance:layer". Module
   pages then say "What this means for you as a manager" with only that
   layer's lens, offer "Reading as: manager · Change", and put that layer's
   prompts first with the others folded away. Without JavaScript every
   layer's lens and prompts show. */
(() => {
  const { storage, page } = window.resonance;
  const { element } = page;

  /** The layer the address asks for, if this page knows it; else the remembered one. */
  function chosenLayer() {
    const known = new Set([...document.querySelectorAll('[data-layer]')].map((node) => node.dataset.layer));
    const wanted = page.queryParameter('layer');
    const offered = wanted && document.querySelector(`[data-layer-choice="${CSS.escape(wanted)}"]`);
    const pathway = page.queryParameter('pathway');
    const bar = pathway && document.querySelector(`.pathway-bar[data-pathway="${CSS.escape(pathway)}"]`);
    if (wanted && (known.has(wanted) || offered)) {
      storage.write('layer', wanted);
    } else if (bar) {
      storage.write('layer', bar.dataset.layer);
    }
    return storage.read('layer', '');
  }

  /** Mark the home page's choice that matches the reader's layer. */
  function markChoice(layer) {
    document.querySelectorAll('[data-layer-choice]').forEach((link) => {
      link.toggleAttribute('aria-current', link.dataset.layerChoice === layer);
    });
  }

  // -- "What this means for you", near the top of a module page -------------------

  function setUpLens(block) {
    const lenses = [...block.querySelectorAll('.lens[data-layer]')];
    if (!lenses.length || block.querySelector('.reading-as')) {
      return;
    }
    const heading = block.querySelector('h2');
    heading.dataset.plain = heading.firstChild.textContent;
    const current = element('strong', {});
    const change = element('button', { type: 'button', className: 'reading-as__change' }, 'Change');
    const line = element('p', { className: 'reading-as' }, 'Reading as: ', current, ' · ', change);
    line.setAttribute('aria-live', 'polite');
    const options = element('ul', { className: 'role-choice', id: 'role-choice', hidden: true });
    lenses.forEach((lens) => {
      const option = element('button', { type: 'button', className: 'role-choice__option' }, lens.dataset.choice);
      option.dataset.layer = lens.dataset.layer;
      option.addEventListener('click', () => {
        storage.write('layer', lens.dataset.layer);
        showLayer(lens.dataset.layer);
        options.hidden = true;
        change.setAttribute('aria-expanded', 'false');
        change.focus();
      });
      options.append(element('li', {}, option));
    });
    change.setAttribute('aria-expanded', 'false');
    change.setAttribute('aria-controls', options.id);
    change.addEventListener('click', () => {
      options.hidden = !options.hidden;
      change.setAttribute('aria-expanded', String(!options.hidden));
      if (!options.hidden) {
        (options.querySelector('[aria-pressed="true"]') || options.querySelector('button')).focus();
      }
    });
    heading.after(line, options);
  }

  /** Show one layer's lens (or, with none chosen, every lens and the choice open). */
  function showLens(block, layer) {
    const lenses = [...block.querySelectorAll('.lens[data-layer]')];
    const mine = lenses.find((lens) => lens.dataset.layer === layer);
    const heading = block.querySelector('h2');
    const line = block.querySelector('.reading-as');
    const options = block.querySelector('.role-choice');
    if (!line) {
      return;
    }
    lenses.forEach((lens) => { lens.hidden = Boolean(mine) && lens !== mine; });
    block.classList.toggle('lens-block--chosen', Boolean(mine));
    heading.firstChild.textContent = mine ? `${heading.dataset.plain} as a ${mine.dataset.role}` : heading.dataset.plain;
    line.querySelector('strong').textContent = mine ? mine.dataset.role : 'everyone (choose your role)';
    options.querySelectorAll('button').forEach((option) => {
      option.setAttribute('aria-pressed', String(option.dataset.layer === layer));
    });
    if (!mine) {
      options.hidden = false;
      line.querySelector('button').setAttribute('aria-expanded', 'true');
    }
  }

  // -- the prompts after the text ---------------------------------------------------

  /** The reader's layer's prompts first; the other layers folded away below them. */
  function orderPrompts(layer) {
    const reflect = document.querySelector('.reflect');
    if (!reflect) {
      return;
    }
    const folded = reflect.querySelector('details.other-layers');
    const blocks = [...reflect.querySelectorAll('.layer-lens[data-layer]')];
    if (!reflect.dataset.order) {
      reflect.dataset.order = blocks.map((block) => block.dataset.layer).join(' ');
    }
    const original = reflect.dataset.order.split(' ').map((id) => blocks.find((b) => b.dataset.layer === id));
    if (folded) { // back in the framework's order of layers, unfolded
      original.forEach((block) => folded.before(block));
      folded.remove();
    }
    const first = original.find((block) => block.dataset.layer === layer);
    if (!first) {
      return;
    }
    const others = element('details', { className: 'other-layers' },
      element('summary', {}, 'Prompts for the other roles'));
    if (first !== original[0]) {
      original[0].before(first);
    }
    original.filter((block) => block !== first).forEach((block) => others.append(block));
    first.after(others);
  }

  function showLayer(layer) {
    markChoice(layer);
    document.querySelectorAll('.lens-block').forEach((block) => showLens(block, layer));
    orderPrompts(layer);
  }

  page.onLoad(() => {
    const layer = chosenLayer();
    document.querySelectorAll('.lens-block').forEach(setUpLens);
    showLayer(layer);
  });
})();
