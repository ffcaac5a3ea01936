/* Previews of glossary terms, citations and editorial-note marks: on hover (after
   a short delay), on keyboard focus, and on a first tap (a second tap follows
   the link). The preview is a role=tooltip element that describes its link.
   No requests, nothing stored. */
(() => {
  if (window.resonancePreviews) {
    return; // loaded twice (a package page that also links the site's script)
  }
  window.resonancePreviews = true;

  const LINKS = 'a.citation[data-cite],a.term,a.citation-note';
  const TOOLTIP_ID = 'res-preview-tip';
  const HOVER_DELAY = 400; // ms before a resting pointer opens a preview
  const HOVER_SWITCH_DELAY = 100; // ms when another preview is already open
  const LEAVE_DELAY = 300; // ms before a preview the pointer left closes

  let box; // the preview: a tooltip and a link to the full entry
  let tooltip;
  let link;
  let current; // the link being previewed
  let dismissed; // the link whose preview Escape closed (not reopened until left)
  let timer;
  let pressedOn; // the link a touch or pen pressed
  let wasOpen; // whether that link's preview was open when pressed

  const linkOf = (node) => (node instanceof Element ? node.closest(LINKS) : null);
  const inPreview = (node) => node instanceof Node && Boolean(box?.contains(node) || current?.contains(node));
  const later = (action, ms) => {
    clearTimeout(timer);
    if (action) {
      timer = setTimeout(action, ms);
    }
  };
  const setAttribute = (node, name, value) => (value ? node.setAttribute(name, value) : node.removeAttribute(name));

  /** A term's (or a note mark's) title moves to data-preview (no native tooltip) and stays its description. */
  function takeTitle(trigger) {
    const title = trigger.title;
    if (title) {
      trigger.dataset.preview = title;
      setAttribute(trigger, 'aria-description', title);
      setAttribute(trigger, 'title');
    }
  }

  function describe(trigger, described) {
    const ids = (trigger.getAttribute('aria-describedby') || '').split(' ')
      .filter((id) => id && id !== TOOLTIP_ID);
    if (described) {
      ids.push(TOOLTIP_ID);
    }
    setAttribute(trigger, 'aria-describedby', ids.join(' '));
  }

  /** What the preview shows: a term's short definition, or the citation's full reference. */
  function contentOf(trigger) {
    if (trigger.matches('.term,.citation-note')) {
      takeTitle(trigger);
      return trigger.dataset.preview && document.createTextNode(trigger.dataset.preview);
    }
    const entry = document.querySelector(`.page-references li[data-ref="${CSS.escape(trigger.dataset.cite)}"]`);
    if (!entry) {
      return null;
    }
    const copy = entry.cloneNode(true);
    // No duplicate ids; nothing focusable in a tooltip.
    copy.querySelectorAll('[id]').forEach((node) => node.removeAttribute('id'));
    copy.querySelectorAll('a').forEach((anchor) => anchor.replaceWith(...anchor.childNodes));
    const content = document.createDocumentFragment();
    content.append(...copy.childNodes);
    return content;
  }

  /** Below the link (above when there is no room), inside the viewport. */
  function place(trigger) {
    const lines = trigger.getClientRects();
    const last = lines[lines.length - 1];
    const viewport = document.documentElement;
    const style = box.style;
    if (!last) {
      return;
    }
    style.left = style.top = 0;
    const origin = box.getBoundingClientRect();
    let top = last.bottom + 6;
    if (top + origin.height > viewport.clientHeight - 8 && last.top - origin.height >= 14) {
      top = last.top - origin.height - 6;
    }
    style.left = Math.max(8, Math.min(last.left, viewport.clientWidth - origin.width - 8)) - origin.left + 'px';
    style.top = top - origin.top + 'px';
  }

  function close() {
    later();
    if (current) {
      describe(current);
      box.hidden = true;
      current = null;
    }
  }

  /** Show the preview of `trigger`; true when there was something to show. */
  function open(trigger) {
    later();
    const content = contentOf(trigger);
    if (!content) {
      return false;
    }
    if (!box?.isConnected) {
      close();
      tooltip = Object.assign(document.createElement('div'), { id: TOOLTIP_ID });
      tooltip.setAttribute('role', 'tooltip');
      link = Object.assign(document.createElement('a'), { className: 'res-preview__link', tabIndex: -1 });
      box = Object.assign(document.createElement('div'), { className: 'res-preview' });
      box.append(tooltip, link);
      document.body.append(box);
    }
    if (current !== trigger) {
      close();
      tooltip.replaceChildren(content);
      link.href = trigger.href;
      link.textContent = trigger.matches('.term') ? 'Open in glossary'
        : trigger.matches('.citation-note') ? 'Read the editorial note' : 'Go to full reference';
      current = trigger;
      describe(trigger, true);
    }
    box.hidden = false;
    place(trigger);
    return true;
  }

  const listen = (type, handler, capture) => document.addEventListener(type, handler, capture);

  listen('pointerover', (event) => {
    if (event.pointerType !== 'mouse') {
      return;
    }
    const trigger = linkOf(event.target);
    if (!trigger) {
      dismissed = null;
    }
    if ((trigger && trigger === current) || inPreview(event.target)) {
      later();
    } else if (trigger && trigger !== dismissed) {
      later(() => open(trigger), current ? HOVER_SWITCH_DELAY : HOVER_DELAY);
    }
  });

  listen('pointerout', (event) => {
    const trigger = linkOf(event.target);
    const to = event.relatedTarget;
    if (event.pointerType !== 'mouse' || !(trigger || inPreview(event.target)) || trigger?.contains(to) || inPreview(to)) {
      return;
    }
    // Left the link and the preview: close soon, unless the keyboard opened it.
    later(current && !current.matches(':focus-visible') && close, LEAVE_DELAY);
  });

  listen('focusin', (event) => {
    const trigger = linkOf(event.target);
    if (trigger && trigger !== dismissed && trigger !== current) {
      open(trigger);
    }
  });

  listen('focusout', (event) => {
    const to = event.relatedTarget;
    if (linkOf(event.target) === dismissed && !inPreview(to)) {
      dismissed = null;
    }
    if (to && !inPreview(to) && inPreview(event.target)) {
      close();
    }
  });

  listen('keydown', (event) => {
    if (event.key !== 'Escape' || !current) {
      return;
    }
    const trigger = (dismissed = current);
    const focusWasInPreview = box.contains(document.activeElement);
    close();
    if (focusWasInPreview) {
      trigger.focus();
    }
  });

  // A tap elsewhere closes; a first tap on a link previews, a second follows it.
  listen('pointerdown', (event) => {
    const trigger = linkOf(event.target);
    pressedOn = event.pointerType !== 'mouse' && trigger;
    wasOpen = Boolean(trigger) && trigger === current;
    if (current && !inPreview(event.target)) {
      close();
    }
  }, true);

  listen('click', (event) => {
    const trigger = linkOf(event.target);
    const firstTap = trigger && trigger === pressedOn && !wasOpen;
    pressedOn = null;
    if (firstTap && !event.ctrlKey && !event.metaKey && !event.shiftKey && open(trigger)) {
      event.preventDefault();
      event.stopPropagation(); // else Material's instant navigation follows it
    }
  }, true);

  addEventListener('resize', () => current && place(current));

  window.resonance.page.onLoad(() => {
    close();
    dismissed = null;
    document.querySelectorAll('a.term[title],a.citation-note[title]').forEach(takeTitle);
  });
})();
