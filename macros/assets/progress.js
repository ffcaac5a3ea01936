/* Pathway progress: the steps a reader has marked as done, kept in this browser
   under "resonance:progress:PATHWAY_ID" as a list of module ids. */
(() => {
  const { storage, page } = window.resonance;
  const { element } = page;

  const doneSteps = (pathway) => new Set(storage.read('progress:' + pathway, []));

  function setDone(pathway, step, done) {
    const steps = doneSteps(pathway);
    if (done) {
      steps.add(step);
    } else {
      steps.delete(step);
    }
    storage.write('progress:' + pathway, [...steps]);
  }

  /** "3 of 10 steps done", under the pathway's introduction. */
  function showCount(route) {
    const out = route.querySelector('.pathway-progress');
    if (!out) {
      return;
    }
    const total = route.querySelectorAll('.pathway-step').length;
    const done = doneSteps(route.dataset.pathway).size;
    out.textContent = `${Math.min(done, total)} of ${total} steps done (kept in this browser).`;
  }

  /** A "Done" tick box on a step of the pathway page. */
  function addDoneBox(step) {
    const route = step.closest('[data-pathway]');
    const pathway = route.dataset.pathway;
    const box = element('input', {
      type: 'checkbox', id: 'done-' + step.dataset.step, checked: doneSteps(pathway).has(step.dataset.step),
    });
    box.addEventListener('change', () => {
      setDone(pathway, step.dataset.step, box.checked);
      showCount(route);
    });
    step.prepend(element('label', { className: 'step-done' }, box, ' Done'));
  }

  page.onLoad(() => {
    document.querySelectorAll('[data-pathway] .pathway-step[data-step]').forEach(addDoneBox);
    document.querySelectorAll('[data-pathway]').forEach(showCount);
  });
})();
