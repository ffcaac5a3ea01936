/* Following a pathway, step by step.

   The pathway a reader follows is remembered in this browser as
   "resonance:pathway" (set by opening a module with ?pathway=ID, as every link
   from a pathway page does), and the steps they have marked as done as
   "resonance:progress:PATHWAY_ID" (a list of module ids), shared by:
   - the pathway page: "Done" ticks, "3 of 10 steps done", and each sitting's
     "Start" pointing at its first step not yet done;
   - module pages: the pathway bar (render/pathway_bar.py) at the top and the
     end, with "Mark as done", shown for the pathway the reader follows, while
     the theme's own previous/next links are hidden;
   - the home page: "Continue where you left off". */
(() => {
  const { storage, page } = window.resonance;
  const { element } = page;

  const doneSteps = (pathway) => new Set(storage.read('progress:' + pathway, []));
  const followed = () => storage.read('pathway', '');

  function setDone(pathway, step, done) {
    const steps = doneSteps(pathway);
    if (done) {
      steps.add(step);
    } else {
      steps.delete(step);
    }
    storage.write('progress:' + pathway, [...steps]);
  }

  // -- module pages: the pathway bar -------------------------------------------

  function showBars() {
    const bars = [...document.querySelectorAll('.pathway-bar[data-pathway]')];
    if (!bars.length) {
      return;
    }
    const known = new Set(bars.map((bar) => bar.dataset.pathway));
    const asked = page.queryParameter('pathway');
    if (asked && known.has(asked)) {
      storage.write('pathway', asked);
    }
    const pathway = asked && known.has(asked) ? asked : followed();
    const mine = bars.filter((bar) => bar.dataset.pathway === pathway);
    if (!mine.length) {
      return;
    }
    mine.forEach((bar) => {
      bar.hidden = false;
      const box = bar.querySelector('[data-pathway-done]');
      box.checked = doneSteps(pathway).has(bar.dataset.step);
      box.addEventListener('change', () => {
        setDone(pathway, bar.dataset.step, box.checked);
        mine.forEach((other) => { other.querySelector('[data-pathway-done]').checked = box.checked; });
      });
      bar.querySelector('[data-pathway-leave]')?.addEventListener('click', () => leave(mine));
    });
    document.body.classList.add('pathway-active');
  }

  /** Stop following the pathway: the bars go, the theme's links come back, progress is kept. */
  function leave(bars) {
    storage.remove('pathway');
    const end = bars[bars.length - 1];
    const back = end.querySelector('.pathway-bar__title a').cloneNode(true);
    const note = element('p', { className: 'pathway-left', tabIndex: -1 },
      'You are no longer following this pathway; your progress is kept. ', back);
    note.setAttribute('role', 'status');
    end.after(note);
    bars.forEach((bar) => { bar.hidden = true; });
    document.body.classList.remove('pathway-active');
    note.focus();
  }

  // -- the pathway page ----------------------------------------------------------

  function showPathwayPage(route) {
    const pathway = route.dataset.pathway;
    const steps = [...route.querySelectorAll('.pathway-step[data-step]')];
    steps.forEach((step) => {
      const box = element('input', { type: 'checkbox', id: 'done-' + step.id });
      box.checked = doneSteps(pathway).has(step.dataset.step);
      box.addEventListener('change', () => {
        setDone(pathway, step.dataset.step, box.checked);
        refresh(route, steps);
      });
      step.querySelector('.pathway-step__head').append(
        element('p', { className: 'step-done' }, element('label', { htmlFor: box.id }, box, ' Done')));
    });
    refresh(route, steps);
  }

  /** Ticks, the count, and where each "Start" leads, from the stored progress. */
  function refresh(route, steps) {
    const done = doneSteps(route.dataset.pathway);
    const isDone = (step) => done.has(step.dataset.step);
    const linkOf = (step) => step.querySelector('.pathway-step__title a');
    steps.forEach((step) => step.classList.toggle('is-done', isDone(step)));
    const count = route.querySelector('.pathway-progress');
    const finished = steps.filter(isDone).length;
    count.textContent = `${finished} of ${steps.length} steps done.`;
    count.hidden = false;

    const next = steps.find((step) => !isDone(step));
    const start = route.querySelector('[data-pathway-start]');
    if (!next) {
      start.textContent = 'Every step done: taking it further';
      start.href = '#taking-it-further';
    } else {
      start.textContent = finished ? `Continue with step ${steps.indexOf(next) + 1}: ${linkOf(next).textContent}`
        : 'Start with step 1';
      start.href = linkOf(next).href;
    }

    let first = true; // the first sitting not yet done gets the one strong button
    route.querySelectorAll('.pathway-sitting').forEach((sitting) => {
      const own = steps.filter((step) => sitting.contains(step));
      const todo = own.find((step) => !isDone(step));
      const button = sitting.querySelector('[data-sitting-start]');
      sitting.querySelector('.sitting-done').hidden = Boolean(todo);
      button.hidden = !todo;
      if (!todo) {
        return;
      }
      // Words that say where the link goes, read alone in a list of links too.
      button.textContent = `${own.some(isDone) ? 'Continue' : 'Start'} sitting ${sitting.dataset.sitting}`;
      button.href = linkOf(todo).href;
      button.classList.toggle('md-button--primary', first);
      first = false;
    });
  }

  // -- the home page ---------------------------------------------------------

  /** "Continue where you left off", for the pathway the reader follows, until it is all done. */
  function showContinue(slot) {
    const data = page.routes();
    const pathway = data?.pathways.find((route) => route.id === followed());
    if (!pathway) {
      return;
    }
    const done = doneSteps(pathway.id);
    const index = pathway.steps.findIndex((step) => !done.has(step.module));
    if (index < 0) {
      return;
    }
    const step = pathway.steps[index];
    const finished = pathway.steps.filter((item) => done.has(item.module)).length;
    slot.replaceChildren(
      element('h2', { id: 'continue' }, 'Continue where you left off'),
      element('p', {}, `${pathway.title}: step ${index + 1} of ${pathway.steps.length}, ${step.title}.`
        + (finished ? ` ${finished} of ${pathway.steps.length} steps done.` : '')),
      element('p', {}, element('a', { className: 'md-button md-button--primary', href: step.url },
        `Continue with step ${index + 1}`)),
    );
    slot.hidden = false;
  }

  page.onLoad(() => {
    showBars();
    document.querySelectorAll('.pathway[data-pathway]').forEach(showPathwayPage);
    document.querySelectorAll('.pathway-continue').forEach(showContinue);
  });
})();
