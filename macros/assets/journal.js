/* The private reflection journal: an answer box under each prompt on a module
   page, saved as the reader types, and the journal page, which lists the
   answers (dated, each linked back to its prompt), prints them or saves them
   as a file, shaped as a journal or as a CPD record, and deletes them.
   Everything stays in this browser (see storage.js); nothing is sent.

   Stored under "resonance:journal" as
     {version: 2,
      entries: {PROMPT_ID: {question, answer, module, moduleTitle, layer,
                            pathway, pathwayTitle, saved}},
      notes: {practice}}            (what the reader adds to a CPD record)
   Version 1 (before the format had a version) was {PROMPT_ID: {q, a, m, l, p,
   pt, mt, t}}; it is migrated on first read, keeping every answer. */
(() => {
  const { storage, page } = window.resonance;
  const { element } = page;
  const KEY = 'journal';
  const VERSION = 2;
  const OUTSIDE = 'Other reflections'; // the group of answers written outside a pathway

  /** A title as the page shows it, without a permalink mark read from a heading in version 1. */
  function cleanTitle(text) {
    return String(text || '').replace(/[\s¶]+$/u, '').trim();
  }

  /** Version 1's entries, renamed; every entry that holds an answer is kept. */
  function fromVersion1(stored) {
    const entries = {};
    Object.entries(stored).forEach(([id, old]) => {
      if (!old || typeof old !== 'object' || old.a === undefined || old.a === null) {
        return;
      }
      entries[id] = {
        question: String(old.q || ''),
        answer: String(old.a),
        module: String(old.m || ''),
        moduleTitle: cleanTitle(old.mt),
        layer: String(old.l || ''),
        pathway: String(old.p || ''),
        pathwayTitle: String(old.pt || ''),
        saved: String(old.t || ''),
      };
    });
    return { version: VERSION, entries, notes: {} };
  }

  /** Retired prompt id -> the prompt that replaced it (module-ids.yml), as far as this page
      knows: all of them on the journal page (its routes data), and on a module page those its
      own prompts replace (data-replaces). */
  function promptRedirects() {
    const redirects = { ...(page.routes()?.prompt_redirects || {}) };
    document.querySelectorAll('.prompt[id][data-replaces]').forEach((prompt) => {
      prompt.dataset.replaces.split(' ').filter(Boolean).forEach((old) => { redirects[old] = prompt.id; });
    });
    return redirects;
  }

  /** Answers kept under a retired prompt id move to its replacement, so none is lost when a
      prompt is renamed; an answer already under the new id is never overwritten (the old one
      then stays, under its old id, and still shows in the journal). True when one moved. */
  function followRedirects(journal, redirects) {
    let moved = false;
    Object.entries(redirects).forEach(([old, replacement]) => {
      if (journal.entries[old] && !journal.entries[replacement]) {
        journal.entries[replacement] = journal.entries[old];
        delete journal.entries[old];
        moved = true;
      }
    });
    return moved;
  }

  /** The journal in the current format, migrating (and saving) an older one, with answers
      moved from retired prompt ids to their replacements. */
  function load() {
    const stored = storage.read(KEY, null);
    if (!stored || typeof stored !== 'object') {
      return { version: VERSION, entries: {}, notes: {} };
    }
    let journal;
    let changed = false;
    if (typeof stored.version === 'number') {
      // This format, or a newer one from a later version of the site: never rewritten here,
      // but for answers moved to a renamed prompt.
      journal = {
        ...stored,
        entries: stored.entries && typeof stored.entries === 'object' ? stored.entries : {},
        notes: stored.notes && typeof stored.notes === 'object' ? stored.notes : {},
      };
    } else {
      journal = fromVersion1(stored);
      changed = true;
    }
    if (followRedirects(journal, promptRedirects()) || changed) {
      storage.write(KEY, journal);
    }
    return journal;
  }

  function save(journal) {
    return storage.write(KEY, journal);
  }

  /** A text area whose text is saved (by `keep`) as the reader types, with a quiet status line. */
  function savedAsTyped(box, status, keep) {
    let quiet;
    box.addEventListener('input', () => {
      const stored = keep(box.value);
      // Said once the reader pauses, so a screen reader is not interrupted at every key.
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        status.textContent = !stored ? 'Could not save: this browser’s storage is full or switched off.'
          : box.value.trim() ? 'Saved in this browser.' : 'Answer removed.';
      }, 400);
    });
  }

  // -- answer boxes on module pages ----------------------------------------------

  function addAnswerBox(prompt) {
    if (prompt.querySelector('textarea')) {
      return;
    }
    const id = 'answer-' + prompt.id;
    const box = element('textarea', {
      id, rows: 3, className: 'journal-answer', value: load().entries[prompt.id]?.answer || '',
    });
    const status = element('span', { className: 'journal-saved', role: 'status' });
    savedAsTyped(box, status, (answer) => saveAnswer(prompt, answer));
    prompt.append(element('label', { htmlFor: id, className: 'journal-label' },
      'Your reflection (private to this browser)'), box, status);
  }

  /** The pathway the reader follows, if this page is one of its steps (see progress.js). */
  function followedPathway() {
    const followed = page.queryParameter('pathway') || storage.read('pathway', '');
    const bar = followed && document.querySelector(`.pathway-bar[data-pathway="${CSS.escape(followed)}"]`);
    return bar ? { id: bar.dataset.pathway, title: bar.dataset.pathwayTitle } : { id: '', title: '' };
  }

  /** Save (or, when emptied, remove) the answer to one prompt; false if the browser refused. */
  function saveAnswer(prompt, answer) {
    const journal = load();
    const before = journal.entries[prompt.id] || {};
    const pathway = followedPathway();
    if (answer.trim()) {
      journal.entries[prompt.id] = {
        question: prompt.firstChild.textContent.trim(),
        answer,
        module: prompt.dataset.module || '',
        moduleTitle: cleanTitle(prompt.closest('[data-module-title]')?.dataset.moduleTitle
          || document.querySelector('h1')?.firstChild?.textContent),
        layer: prompt.dataset.layer || '',
        pathway: pathway.id || before.pathway || '',
        pathwayTitle: pathway.title || before.pathwayTitle || '',
        saved: new Date().toISOString(),
      };
    } else {
      delete journal.entries[prompt.id];
    }
    return save(journal);
  }

  // -- the journal page -----------------------------------------------------------

  /** Entries grouped by the pathway they were written in (or OUTSIDE), in reading order. */
  function grouped(entries, routes) {
    const order = Object.keys(routes?.modules || {});
    const rank = (entry) => (order.includes(entry.module) ? order.indexOf(entry.module) : order.length);
    const found = new Map();
    Object.entries(entries)
      .sort(([idA, a], [idB, b]) => a.pathwayTitle.localeCompare(b.pathwayTitle) || rank(a) - rank(b)
        || idA.localeCompare(idB))
      .forEach(([id, entry]) => {
        const group = entry.pathwayTitle || OUTSIDE;
        found.set(group, [...(found.get(group) || []), { id, ...entry }]);
      });
    return found;
  }

  const titleOf = (entry, routes) => entry.moduleTitle || routes?.modules?.[entry.module]?.title || entry.module;
  const linkOf = (entry, routes) => {
    const module = routes?.modules?.[entry.module];
    return module ? `${module.url}#${encodeURIComponent(entry.id)}` : '';
  };
  const today = () => page.longDate(new Date().toISOString());

  /** The dates the answers were written: "3 December 2026", or "2 November to 3 December 2026". */
  function span(entries) {
    const dates = entries.map((entry) => entry.saved).filter((saved) => !Number.isNaN(new Date(saved).getTime()))
      .sort();
    if (!dates.length) {
      return '';
    }
    const [first, last] = [page.longDate(dates[0]), page.longDate(dates[dates.length - 1])];
    return first === last ? first : `${first} to ${last}`;
  }

  /** What the reader did, for a CPD record: the modules, the prompts and the time they take. */
  function whatIDid(entries, routes) {
    const modules = [...new Set(entries.map((entry) => entry.module))];
    const pathways = [...new Set(entries.map((entry) => entry.pathwayTitle).filter(Boolean))];
    const perPrompt = routes?.minutes_per_prompt || 0;
    const reading = modules.reduce((sum, id) => sum + (routes?.modules?.[id]?.reading_minutes || 0), 0);
    const minutes = reading && reading + perPrompt * entries.length;
    const article = routes?.article;
    const source = article?.title ? ` of ‘${article.title}’` + (article.authors ? ` by ${article.authors}` : '')
      : '';
    return `Read ${modules.length} module${modules.length === 1 ? '' : 's'} of a learning edition${source}`
      + (pathways.length ? ` (${pathways.join('; ')})` : '')
      + `, and wrote reflections on ${entries.length} prompt${entries.length === 1 ? '' : 's'}`
      + (minutes ? `: about ${minutes} minutes in all.` : '.');
  }

  // The two shapes of export, as lines of Markdown. Answers are quoted line by line, so
  // nothing a reader wrote can become a heading of the file.
  const quoted = (text) => text.split('\n').map((line) => (line.trim() ? `> ${line}` : '>')).join('\n');

  function journalMarkdown(groups, routes) {
    const lines = ['# My reflection journal', '', `Exported on ${today()}.`, ''];
    groups.forEach((entries, group) => {
      lines.push(`## ${group}`, '');
      entries.forEach((entry) => {
        const written = page.longDate(entry.saved);
        lines.push(`### ${titleOf(entry, routes)}`, '', `Prompt: ${entry.question}`, '', quoted(entry.answer), '');
        if (written) {
          lines.push(`Written on ${written}.`, '');
        }
      });
    });
    return lines.join('\n');
  }

  function cpdMarkdown(groups, routes, practice) {
    const entries = [...groups.values()].flat();
    const lines = ['# CPD record: reflective reading', '', `Dates: ${span(entries) || today()}.`, '',
      '## What I did', '', whatIDid(entries, routes), '',
      '## What I learnt', ''];
    entries.forEach((entry) => {
      lines.push(`### ${titleOf(entry, routes)}`, '', `Prompt: ${entry.question}`, '', quoted(entry.answer), '');
      const written = page.longDate(entry.saved);
      if (written) {
        lines.push(`Written on ${written}.`, '');
      }
    });
    lines.push('## How it changes my practice', '', practice.trim() || '(To write.)', '',
      '## Peer reflection', '',
      '(Who you reflected with, by their role rather than their name, when, and what you took from it.)',
      '');
    return lines.join('\n');
  }

  function download(name, text) {
    const link = element('a', {
      href: URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' })), download: name,
    });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(link.href);
  }

  /** One entry on the page: the module, the question (linked back to the prompt), the answer, the date. */
  function entryView(entry, routes, heading) {
    const href = linkOf(entry, routes);
    const written = page.longDate(entry.saved);
    return element('article', { className: 'journal-entry' },
      element(heading, {}, titleOf(entry, routes)),
      element('p', { className: 'journal-question' }, entry.question),
      element('blockquote', { className: 'journal-text' }, entry.answer),
      element('p', { className: 'journal-meta' },
        written ? `Written on ${written}. ` : '',
        href ? element('a', { href }, 'Go to this prompt') : ''));
  }

  /** The CPD record's own sections: what I did, and a space for practice and peer reflection. */
  function cpdView(groups, routes, journal) {
    const entries = [...groups.values()].flat();
    const practice = element('textarea', {
      id: 'cpd-practice', rows: 4, className: 'journal-answer', value: journal.notes.practice || '',
    });
    const status = element('span', { className: 'journal-saved', role: 'status' });
    savedAsTyped(practice, status, (text) => {
      const current = load();
      current.notes = { ...current.notes, practice: text };
      return save(current);
    });
    return {
      before: [
        element('p', { className: 'journal-dates' }, `Dates: ${span(entries) || today()}.`),
        element('h2', {}, 'What I did'), element('p', {}, whatIDid(entries, routes)),
        element('h2', {}, 'What I learnt'),
      ],
      after: [
        element('h2', {}, 'How it changes my practice'),
        element('label', { htmlFor: practice.id, className: 'journal-label no-print' },
          'In your own words (optional, kept in this browser)'),
        practice, status, element('p', { className: 'journal-print-text' }, practice.value),
        element('div', { className: 'journal-write-here' }),
        element('h2', {}, 'Peer reflection'),
        element('p', {}, 'Who you reflected with, by their role rather than their name, when, and what you '
          + 'took from it. Professional regulators such as Social Work England ask for reflection with a '
          + 'peer in some of your CPD records.'),
        element('div', { className: 'journal-write-here' }),
      ],
    };
  }

  function showJournal(root) {
    const routes = page.routes();
    const journal = load();
    const groups = grouped(journal.entries, routes);
    const shape = root.dataset.shape || 'journal';
    root.replaceChildren();
    if (!groups.size) {
      root.append(element('p', {}, 'No reflections yet. Answers you write next to the prompts on module pages '
        + 'appear here.'));
      return;
    }
    root.append(actions(root, groups, routes, shape));
    const list = element('div', { className: 'journal-entries' });
    const cpd = shape === 'cpd' ? cpdView(groups, routes, journal) : null;
    list.append(element('h2', { className: 'journal-print-title' },
      shape === 'cpd' ? 'CPD record: reflective reading' : 'My reflection journal'));
    if (cpd) {
      list.append(...cpd.before);
    }
    groups.forEach((entries, group) => {
      list.append(element(cpd ? 'h3' : 'h2', { className: 'journal-group' }, group));
      entries.forEach((entry) => list.append(entryView(entry, routes, cpd ? 'h4' : 'h3')));
    });
    if (cpd) {
      list.append(...cpd.after);
    }
    root.append(list, deletion(root));
  }

  /** Choose the shape; print it, or save it as a file. */
  function actions(root, groups, routes, shape) {
    const choice = element('fieldset', { className: 'journal-shape' },
      element('legend', {}, 'Show it as'));
    [['journal', 'My journal'], ['cpd', 'A CPD record (what I did, what I learnt, how it changes my practice, '
      + 'peer reflection)']].forEach(([value, words]) => {
      const radio = element('input', { type: 'radio', name: 'journal-shape', value, id: 'shape-' + value,
        checked: value === shape });
      radio.addEventListener('change', () => {
        root.dataset.shape = value;
        showJournal(root);
        root.querySelector(`#shape-${value}`).focus();
      });
      choice.append(element('label', { htmlFor: radio.id, className: 'journal-shape__option' }, radio, ' ', words));
    });
    const print = element('button', { type: 'button', className: 'md-button' }, 'Print or save as PDF');
    print.addEventListener('click', () => window.print());
    const file = element('button', { type: 'button', className: 'md-button md-button--primary' },
      'Download your notes');
    file.addEventListener('click', () => {
      const date = new Date().toISOString().slice(0, 10);
      const fresh = grouped(load().entries, routes);
      download(shape === 'cpd' ? `cpd-record-${date}.txt` : `reflection-journal-${date}.txt`,
        shape === 'cpd' ? cpdMarkdown(fresh, routes, load().notes.practice || '') : journalMarkdown(fresh, routes));
    });
    return element('div', { className: 'journal-actions no-print' }, choice,
      element('p', { className: 'journal-buttons' }, file, ' ', print),
      element('p', { className: 'journal-hint' }, 'Your notes download as a plain text file that opens on a '
        + 'phone or in any text editor (it is also Markdown). Read it through before you share it, so that '
        + 'you share only what you choose.'));
  }

  /** Deleting is possible, but secondary and confirmed. */
  function deletion(root) {
    const button = element('button', { type: 'button', className: 'journal-delete' },
      'Delete all my answers and progress');
    button.addEventListener('click', () => {
      if (!confirm('Delete all your reflections and pathway progress from this browser? '
        + 'This cannot be undone.')) {
        return;
      }
      storage.keys().filter((key) => key !== 'layer').forEach(storage.remove);
      showJournal(root);
      root.querySelector('p')?.setAttribute('tabindex', '-1');
      root.querySelector('p')?.focus();
    });
    return element('div', { className: 'journal-deletion no-print' },
      element('h2', {}, 'Delete your answers'),
      element('p', {}, 'This removes every answer you have written and your pathway progress from this '
        + 'browser. It cannot be undone; save or print your journal first if you want to keep it.'),
      element('p', {}, button));
  }

  page.onLoad(() => {
    document.querySelectorAll('.reflect .prompt[id]').forEach(addAnswerBox);
    document.querySelectorAll('.journal-notice').forEach((notice) => { notice.hidden = false; });
    const journal = document.getElementById('journal');
    if (journal) {
      showJournal(journal);
    }
  });
})();
