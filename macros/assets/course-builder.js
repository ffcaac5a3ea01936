/* The course builder (trainers/course-builder/) and the handout it opens
   (trainers/course-builder/handout/).

   The course lives in the page address, after the #, which a browser never
   sends to a server:  #title=T&audience=A&notes=N&m=MODULE.MINUTES.PROMPT.PROMPT&m=...&view=plan
   One "m" per module, in order; MINUTES may be empty (the module's time plus
   time for each prompt). Nothing is stored or sent: the link is the course.
   The same format is written by macros/render/course_builder.py. */
(() => {
const d = document;

// ---- The course in the address --------------------------------------------

function readCourse(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const modules = params.getAll('m').map((value) => {
    const [id, minutes, ...prompts] = value.split('.');
    const number = parseInt(minutes, 10);
    return { id, minutes: number > 0 ? number : null, prompts: prompts.filter(Boolean) };
  }).filter((m, index, all) => m.id && all.findIndex((o) => o.id === m.id) === index);
  return {
    title: params.get('title') || '', audience: params.get('audience') || '', notes: params.get('notes') || '',
    view: params.get('view') === 'plan' ? 'plan' : 'handout', modules,
  };
}

function writeCourse(course, view) {
  const params = new URLSearchParams();
  ['title', 'audience', 'notes'].forEach((key) => { if (course[key].trim()) params.set(key, course[key]); });
  course.modules.forEach((m) => params.append('m', [m.id, m.minutes || '', ...m.prompts].join('.')));
  if (view) params.set('view', view);
  return '#' + params.toString();
}

const clock = (minutes) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const duration = (minutes) => `${plural(minutes, 'minute')} (${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min)`;

// A session's length: as the trainer set it, or the module's time and time for each prompt.
function sessionMinutes(module, read, promptMinutes) {
  return module.minutes || read + promptMinutes * module.prompts.length;
}

// Reading first, then discussion with what is left: the plan's activities and the file's.
function activities(minutes, read) {
  const reading = Math.min(read, minutes);
  return minutes > reading ? [reading, minutes - reading] : [reading];
}

// ---- The builder -----------------------------------------------------------

function builder(form) {
  const settings = form.dataset;
  const promptMinutes = Number(settings.promptMinutes);
  const cards = new Map([...form.querySelectorAll('.catalogue-card')].map((card) => [card.dataset.module, card]));
  const list = form.querySelector('.builder-sessions');
  const fields = ['title', 'audience', 'notes'].map((name) => form.elements[name]);
  const link = d.getElementById('course-link');
  let course = readCourse(location.hash);
  course.modules = course.modules.filter((m) => cards.has(m.id));

  form.querySelector('.builder-needs-script').hidden = true;
  form.addEventListener('submit', (event) => event.preventDefault());
  fields.forEach((field) => { field.value = course[field.name]; });

  const readOf = (id) => Number(cards.get(id).dataset.minutes);
  // Each module's prompts move into its session while it is picked, and back to its card after.
  const promptBoxes = new Map([...cards].map(([id, card]) => [id, card.querySelector('.builder-prompts')]));
  const promptsOf = (id) => promptBoxes.get(id);

  // The sessions, rebuilt when modules are picked, moved or removed.
  function render({ focus } = {}) {
    const picked = new Set(course.modules.map((m) => m.id));
    cards.forEach((card, id) => {
      card.querySelector('input[name="module"]').checked = picked.has(id);
      const prompts = promptsOf(id);
      if (!picked.has(id) && prompts.parentElement !== card) { prompts.hidden = true; card.append(prompts); }
    });
    list.replaceChildren(...course.modules.map(session));
    form.querySelector('.builder-empty').hidden = course.modules.length > 0;
    sync();
    if (focus) list.querySelector(focus)?.focus();
  }

  // Totals, the address and the links follow every change.
  function sync() {
    list.querySelectorAll('.builder-session').forEach((item) => {
      const module = course.modules.find((m) => m.id === item.dataset.module);
      item.querySelector('.builder-minutes').placeholder = String(sessionMinutes({ ...module, minutes: null }, readOf(module.id), promptMinutes));
    });
    const total = course.modules.reduce((sum, m) => sum + sessionMinutes(m, readOf(m.id), promptMinutes), 0);
    form.querySelector('.builder-total').textContent = course.modules.length
      ? `Total: ${duration(total)} in ${plural(course.modules.length, 'session')}.` : '';
    const address = writeCourse(course);
    try { history.replaceState(null, '', address); } catch { /* some file: pages refuse; the link still works */ }
    link.href = new URL(address, location.href).href;
    ['plan', 'handout'].forEach((view) => {
      const target = d.getElementById(`course-${view}`);
      target.href = new URL(target.getAttribute('href'), location.href).href.split('#')[0] + writeCourse(course, view);
    });
  }

  // One session of the course: its number and title, minutes, order, and the module's prompts.
  function session(module, index) {
    const card = cards.get(module.id), title = card.dataset.title, item = d.createElement('li');
    item.className = 'builder-session';
    item.dataset.module = module.id;
    const heading = d.createElement('h3');
    heading.textContent = `${index + 1}. ${title}`;
    const minutes = Object.assign(d.createElement('input'), {
      type: 'number', min: 1, max: 600, step: 1, id: `minutes-${module.id}`, className: 'builder-minutes',
      value: module.minutes || '',
    });
    minutes.addEventListener('input', () => {
      const value = parseInt(minutes.value, 10);
      module.minutes = value > 0 ? Math.min(value, 600) : null;
      sync();
    });
    const label = Object.assign(d.createElement('label'), { htmlFor: minutes.id, textContent: 'Minutes for this session ' });
    const hint = Object.assign(d.createElement('span'), {
      className: 'builder-hint', textContent: `(about ${readOf(module.id)} to read, and ${promptMinutes} for each prompt)`,
    });
    const buttons = d.createElement('p');
    buttons.className = 'builder-order';
    [['up', 'Move up', index > 0], ['down', 'Move down', index < course.modules.length - 1], ['remove', 'Remove', true]]
      .forEach(([action, text, enabled]) => {
        const button = Object.assign(d.createElement('button'), { type: 'button', className: 'md-button builder-move', textContent: text, disabled: !enabled });
        button.dataset.action = action;
        button.setAttribute('aria-label', `${text}: ${title}`);
        button.addEventListener('click', () => move(module.id, action));
        buttons.append(button, ' ');
      });
    const prompts = promptsOf(module.id);
    prompts.hidden = false;
    prompts.querySelectorAll('input[name="prompt"]').forEach((box) => { box.checked = module.prompts.includes(box.value); });
    item.append(heading, Object.assign(d.createElement('p'), { className: 'builder-minutes-field' }), buttons, prompts);
    item.querySelector('.builder-minutes-field').append(label, minutes, ' ', hint);
    return item;
  }

  function move(id, action) {
    const index = course.modules.findIndex((m) => m.id === id);
    const [module] = course.modules.splice(index, 1);
    if (action === 'up') course.modules.splice(index - 1, 0, module);
    if (action === 'down') course.modules.splice(index + 1, 0, module);
    const at = course.modules.findIndex((m) => m.id === id);
    render({ focus: action === 'remove' ? '' : `li[data-module="${CSS.escape(id)}"] [data-action="${at === 0 ? 'down' : at === course.modules.length - 1 ? 'up' : action}"]` });
    if (action === 'remove') cards.get(id).querySelector('input[name="module"]').focus();
  }

  form.addEventListener('change', (event) => {
    const box = event.target;
    if (box.name === 'module') {
      if (box.checked) course.modules.push({ id: box.value, minutes: null, prompts: [] });
      else course.modules = course.modules.filter((m) => m.id !== box.value);
      render();
    } else if (box.name === 'prompt') {
      const item = box.closest('.builder-session'), module = course.modules.find((m) => m.id === item.dataset.module);
      module.prompts = [...item.querySelectorAll('input[name="prompt"]:checked')].map((b) => b.value);
      sync();
    }
  });
  fields.forEach((field) => field.addEventListener('input', () => { course[field.name] = field.value; sync(); }));
  d.getElementById('course-download').addEventListener('click', () => download(course, settings, cards, form));
  addEventListener('hashchange', () => {
    const next = readCourse(location.hash);
    if (writeCourse(next) === writeCourse(course)) return;
    course = next;
    course.modules = course.modules.filter((m) => cards.has(m.id));
    fields.forEach((field) => { field.value = course[field.name]; });
    render();
  });
  render();
}

// ---- The course as a file for the site (courses/NAME.yml) ------------------

// Every value is written as a double-quoted string (JSON's form is valid YAML), so
// no text can change the file's structure; characters YAML does not allow are left out.
const text = (value) => JSON.stringify(value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '').trim());

function slug(title) {
  return title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'my-course';
}

function courseFile(course, settings, cards) {
  const [readTitle, readText] = JSON.parse(settings.read), [talkTitle, talkText] = JSON.parse(settings.discuss);
  const title = course.title.trim() || settings.defaultTitle, audience = course.audience.trim() || settings.defaultAudience;
  const lines = [`# yaml-language-server: $schema=../${settings.schema}`,
    '# Made in the course builder. Save it as courses/NAME.yml in the project (see "Build a course").',
    `title: ${text(title)}`, `audience: ${text(audience)}`];
  if (course.notes.trim()) lines.push(`introduction: ${text(course.notes)}`);
  lines.push('sessions:');
  course.modules.forEach((module) => {
    const card = cards.get(module.id), read = Number(card.dataset.minutes);
    const minutes = sessionMinutes(module, read, Number(settings.promptMinutes));
    const [reading, talking] = activities(minutes, read);
    lines.push(`  - title: ${text(card.dataset.title)}`, `    minutes: ${minutes}`, `    modules: [${text(module.id)}]`);
    if (module.prompts.length) lines.push(`    prompts: [${module.prompts.map(text).join(', ')}]`);
    lines.push('    activities:', `      - title: ${text(readTitle)}`, `        minutes: ${reading}`, `        description: ${text(readText)}`);
    if (talking) lines.push(`      - title: ${text(talkTitle)}`, `        minutes: ${talking}`, `        description: ${text(talkText)}`);
  });
  return lines.join('\n') + '\n';
}

let lastDownload = '';

function download(course, settings, cards, form) {
  const note = form.querySelector('.builder-download-note');
  if (!course.modules.length) { note.textContent = 'Tick at least one module first.'; return; }
  const name = slug(course.title || settings.defaultTitle) + '.yml';
  if (lastDownload) URL.revokeObjectURL(lastDownload);
  const url = URL.createObjectURL(new Blob([courseFile(course, settings, cards)], { type: 'application/yaml' }));
  lastDownload = url;
  const save = Object.assign(d.createElement('a'), { href: url, download: name });
  d.body.append(save);
  save.click();
  save.remove();
  note.textContent = `Downloaded ${name}. To add the course to the site, put it in the project's courses folder `
    + `as courses/${name} and open a pull request (or send it to whoever looks after the site).`;
}

// ---- The handout and plan (trainers/course-builder/handout/) ----------------

function handout(root) {
  const course = readCourse(location.hash);
  const sessions = course.modules.map((m) => [m, root.querySelector(`[data-session="${CSS.escape(m.id)}"]`)]).filter(([, s]) => s);
  const plan = course.view === 'plan', promptMinutes = Number(root.dataset.promptMinutes);
  const [readTitle, readText] = JSON.parse(root.dataset.read), [talkTitle, talkText] = JSON.parse(root.dataset.discuss);
  root.dataset.view = course.view;
  root.querySelector('.builder-needs-script').hidden = true;
  const kind = root.querySelector('.handout-kind');
  kind.textContent = plan ? kind.dataset.kindPlan : kind.dataset.kindHandout;
  const title = course.title.trim() || 'Your course';
  const heading = d.querySelector('.md-content h1');
  heading.textContent = title;
  d.title = `${title}: ${kind.textContent}`;
  const show = (selector, value) => { const e = root.querySelector(selector); e.hidden = !value; return e; };
  show('.course-who', course.audience.trim()).querySelector('.course-audience').textContent = course.audience;
  show('.course-notes', course.notes.trim()).textContent = course.notes;
  show('.course-actions', true);
  const other = root.querySelector('#course-other-view');
  other.textContent = plan ? 'Participant handout' : 'Facilitator plan';
  other.href = writeCourse(course, plan ? 'handout' : 'plan');
  const back = root.querySelector('#course-back');
  back.href = back.getAttribute('href').split('#')[0] + writeCourse(course);
  const agenda = root.querySelector('.course-agenda tbody');
  agenda.replaceChildren();
  let start = 0, cared = false;
  sessions.forEach(([module, section], index) => {
    const read = Number(section.dataset.minutes), minutes = sessionMinutes(module, read, promptMinutes);
    section.querySelector('.session-title').textContent = `${index + 1}. ${section.dataset.title}`;
    section.querySelector('.session-timing').textContent = `${clock(start)} to ${clock(start + minutes)} · ${plural(minutes, 'minute')}`;
    const [reading, talking] = activities(minutes, read);
    section.querySelector('.session-activities').replaceChildren(...[
      `${readTitle} (${plural(reading, 'minute')}). ${readText}`,
      ...(talking ? [`${talkTitle} (${plural(talking, 'minute')}). ${talkText}`] : []),
    ].map((line) => Object.assign(d.createElement('li'), { textContent: line })));
    const layers = new Set();
    section.querySelectorAll('.prompt').forEach((prompt) => {
      const chosen = module.prompts.includes(prompt.id);
      prompt.hidden = !chosen;
      if (chosen) { layers.add(prompt.dataset.layer); cared ||= Boolean(prompt.querySelector('.care-note')); }
    });
    section.querySelector('.session-prompts-label').hidden = !layers.size;
    section.querySelectorAll('.handout-lens').forEach((lens) => { lens.hidden = !layers.has(lens.dataset.layer); });
    section.querySelector('.handout-lenses').hidden = !layers.size;
    const row = d.createElement('tr');
    row.append(...[clock(start), `${index + 1}. ${section.dataset.title}`, String(minutes)].map((t) => Object.assign(d.createElement('td'), { textContent: t })));
    agenda.append(row);
    start += minutes;
    section.hidden = false;
    root.append(section);  // in the course's order
  });
  const end = d.createElement('tr');
  end.append(...[clock(start), 'End', `${start} in all`].map((t) => Object.assign(d.createElement('td'), { textContent: t })));
  agenda.append(end);
  show('.course-agenda', sessions.length);
  show('.course-total', sessions.length).textContent = `Total time: ${duration(start)} in ${plural(sessions.length, 'session')}.`;
  show('.course-care', cared);
  if (!sessions.length) show('.course-notes', true).textContent = 'No modules are chosen: open the course builder to choose some.';
}

function init() {
  // Links that open a course in the builder carry it in data-course-address until now.
  d.querySelectorAll('a[data-course-address]').forEach((a) => {
    a.href = a.getAttribute('href').split('#')[0] + a.dataset.courseAddress;
  });
  const form = d.getElementById('course-builder');
  if (form && !form.dataset.ready) { form.dataset.ready = '1'; builder(form); }
  const root = d.querySelector('[data-course-built]');
  if (root && !root.dataset.ready) {
    root.dataset.ready = '1';
    handout(root);
    addEventListener('hashchange', () => location.reload());
  }
}

if (window.document$) window.document$.subscribe(init);
else if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init);
else init();
})();
