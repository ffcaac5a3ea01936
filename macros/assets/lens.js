/* The reader's layer of the system (practitioner, manager...): chosen on the home
   page or with ?layer=ID in any link, remembered in this browser. Module pages
   then show that layer's lens and prompts first and fold the others away.
   Without JavaScript every layer shows. */
(() => {
  const { storage, page } = window.resonance;

  /** The layer asked for in the address, if the page knows it; then the remembered one. */
  function chosenLayer() {
    const wanted = page.queryParameter('layer');
    const known = new Set([...document.querySelectorAll('[data-layer]')].map((node) => node.dataset.layer));
    const offered = wanted && document.querySelector(`[data-layer-choice="${CSS.escape(wanted)}"]`);
    if (wanted && (known.has(wanted) || offered)) {
      storage.write('layer', wanted);
    }
    return storage.read('layer', '');
  }

  /** Mark the home page's choice that matches the reader's layer. */
  function markChoice(layer) {
    document.querySelectorAll('[data-layer-choice]').forEach((link) => {
      link.toggleAttribute('aria-current', link.dataset.layerChoice === layer);
    });
  }

  /** The reader's layer first; the other layers folded away below it. */
  function foldOtherLayers(layer) {
    const blocks = [...document.querySelectorAll('.layer-lens[data-layer]')];
    const first = blocks.find((block) => block.dataset.layer === layer);
    if (!first || first.dataset.lensDone) {
      return;
    }
    const others = page.element('details', { className: 'other-layers' },
      page.element('summary', {}, 'Lenses and prompts for the other layers'));
    first.parentNode.insertBefore(first, blocks[0]);
    blocks.filter((block) => block !== first).forEach((block) => others.append(block));
    first.after(others);
    first.dataset.lensDone = '1';
  }

  page.onLoad(() => {
    const layer = chosenLayer();
    markChoice(layer);
    foldOtherLayers(layer);
  });
})();
