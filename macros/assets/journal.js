/* The private reflection journal: an answer box under each prompt, saved as the
   reader types, and the journal page that lists, exports and deletes the
   answers. Everything stays in this browser (see storage.js).

   The journal is stored under "resonance:journal" as
     {version: 2, entries: {PROMPT_ID: {question, answer, module, moduleTitle,
                                         layer, pathway, pathwayTitle, saved}}}
   Version 1 (before the format had a version) was {PROMPT_ID: {q, a, m, l, p,
   pt, mt, t}}; it is migrated on first read, keeping every answer. */
(() => {
  const { storage, page } = window.resonance;
  const KEY = 'journal';
  const VERSION = 2;
  const { element } = page;

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
    return { version: VERSION, entries };
  }

  /** The journal in the current format, migrating (and saving) an older one. */
  function load() {
    const stored = storage.read(KEY, null);
    if (!stored || typeof stored !== 'object') {
      return { version: VERSION, entries: {} };
    }
    if (typeof stored.version === 'number') {
      // This format, or a newer one from a later version of the site: read, never rewritten here.
      return { ...stored, entries: stored.entries && typeof stored.entries === 'object' ? stored.entries : {} };
    }
    const migrated = fromVersion1(stored);
    storage.write(KEY, migrated);
    return migrated;
  }

  function save(journal) {
    return storage.write(KEY, journal);
  }

  // -- answer boxes -----------------------------------------------------------

  /** A private answer box under a prompt, saved as the reader types. */
  function addAnswerBox(prompt) {
    if (prompt.querySelector('textarea')) {
      return;
    }
    const id = 'answer-' + prompt.id;
    const box = element('textarea', {
      id, rows: 3, className: 'journal-answer', value: load().entries[prompt.id]?.answer || '',
    });
    const status = element('span', { className: 'journal-saved', role: 'status' });
    let quiet;
    box.addEventListener('input', () => {
      const stored = saveAnswer(prompt, box.value);
      // Said once the reader pauses, so a screen reader is not interrupted at every key.
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        status.textContent = !stored ? 'Could not save: this browser’s storage is full or switched off.'
          : box.value.trim() ? 'Saved in this browser.' : 'Answer removed.';
      }, 400);
    });
    prompt.append(element('label', { htmlFor: id, className: 'journal-label' },
      'Your reflection (private to this browser)'), box, status);
  }

  /** Save (or, when emptied, remove) the answer to one prompt; false if the browser refused. */
  function saveAnswer(prompt, answer) {
    const journal = load();
    const before = journal.entries[prompt.id] || {};
    const route = prompt.closest('[data-pathway]');
    if (answer.trim()) {
      journal.entries[prompt.id] = {
        question: prompt.firstChild.textContent.trim(),
        answer,
        module: prompt.dataset.module || '',
        moduleTitle: cleanTitle(prompt.dataset.moduleTitle || document.querySelector('h1')?.firstChild?.textContent),
        layer: prompt.dataset.layer || '',
        pathway: route?.dataset.pathway || before.pathway || '',
        pathwayTitle: route?.dataset.pathwayTitle || before.pathwayTitle || '',
        saved: new Date().toISOString(),
      };
    } else {
      delete journal.entries[prompt.id];
    }
    return save(journal);
  }

  // -- the journal page -------------------------------------------------------

  /** Entries grouped by pathway (or "Modules"), each group in reading order of titles. */
  function groups(entries) {
    const found = new Map();
    Object.entries(entries)
      .sort(([, a], [, b]) => (a.pathway + a.moduleTitle).localeCompare(b.pathway + b.moduleTitle))
      .forEach(([id, entry]) => {
        const group = entry.pathwayTitle ? 'Pathway: ' + entry.pathwayTitle : 'Modules';
        found.set(group, [...(found.get(group) || []), [id, entry]]);
      });
    return found;
  }

  function markdown(grouped) {
    const lines = ['# My reflection journal', ''];
    grouped.forEach((items, group) => {
      lines.push('## ' + group, '');
      items.forEach(([, entry]) => {
        lines.push(`### ${entry.moduleTitle || entry.module}`, '', `**${entry.question}**`, '', entry.answer, '');
      });
    });
    return lines.join('\n');
  }

  function download(name, text) {
    const link = element('a', {
      href: URL.createObjectURL(new Blob([text], { type: 'text/markdown' })), download: name,
    });
    link.click();
    URL.revokeObjectURL(link.href);
  }

  function showJournal(root) {
    root.replaceChildren();
    const grouped = groups(load().entries);
    if (!grouped.size) {
      root.append(element('p', {}, 'No reflections yet. Answers you write next to prompts appear here.'));
      return;
    }
    grouped.forEach((items, group) => {
      root.append(element('h2', {}, group));
      items.forEach(([, entry]) => root.append(
        element('h3', {}, entry.moduleTitle || entry.module),
        element('p', { className: 'journal-question' }, entry.question),
        element('blockquote', {}, entry.answer),
      ));
    });
    const exportButton = element('button', { type: 'button', className: 'md-button' }, 'Export as a Markdown file');
    exportButton.addEventListener('click', () => download('reflection-journal.md', markdown(groups(load().entries))));
    const deleteButton = element('button', { type: 'button', className: 'md-button' }, 'Delete all answers');
    deleteButton.addEventListener('click', () => {
      if (!confirm('Delete all your reflections from this browser? This cannot be undone.')) {
        return;
      }
      storage.keys().filter((key) => key !== 'layer').forEach(storage.remove);
      showJournal(root);
    });
    root.prepend(element('p', { className: 'journal-actions' }, exportButton, ' ', deleteButton));
  }

  page.onLoad(() => {
    document.querySelectorAll('.prompt[id]').forEach(addAnswerBox);
    document.querySelectorAll('.journal-notice').forEach((notice) => { notice.hidden = false; });
    const journal = document.getElementById('journal');
    if (journal) {
      showJournal(journal);
    }
  });
})();
