/* Previews of glossary terms, citations and editorial-note marks: on hover and
   on keyboard focus after a short delay (so moving through the text does not
   flash one at every stop), at once on Enter (a second Enter follows the
   link), and on a first tap (a second tap follows the link). The preview is a
   role=tooltip element that describes its link, placed below the link's line
   (above it when there is no room), never over the link itself.
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
  const FOCUS_DELAY = 700; // ms before a link the keyboard rests on opens its preview

  let box; // the preview: a tooltip and a link to the full entry
  let tooltip;
  let link;
  let current; // the link being previewed
  let dismissed; // the link whose preview Escape closed (not reopened until left)
  let timer;
  let pressedOn; // the link a touch or pen pressed
  let wasOpen; // whether that link's preview was open when pressed
  let pointerFocus = false; // a pointer was just pressed: the next focus is not the keyboard's

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

  /** Below the link's last line (above its first when there is no room), inside the viewport:
      never over the link, so the line the reader is on stays readable. */
  function place(trigger) {
    const lines = trigger.getClientRects();
    const first = lines[0];
    const last = lines[lines.length - 1];
    const viewport = document.documentElement;
    const style = box.style;
    if (!last) {
      return;
    }
    style.left = style.top = 0;
    const origin = box.getBoundingClientRect();
    let top = last.bottom + 6;
    if (top + origin.height > viewport.clientHeight - 8 && first.top - origin.height >= 14) {
      top = first.top - origin.height - 6;
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

  // The keyboard resting on a link opens its preview after FOCUS_DELAY; a pointer's focus
  // is left to the pointer (a tap previews, a hover waits).
  listen('focusin', (event) => {
    const trigger = linkOf(event.target);
    if (trigger && trigger !== dismissed && trigger !== current && !pointerFocus) {
      later(() => document.activeElement === trigger && open(trigger), FOCUS_DELAY);
    }
    pointerFocus = false;
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

  listen('keydown', () => { pointerFocus = false; }, true); // a key was pressed: the keyboard moves focus

  // Enter on a link whose preview is not open previews it at once; the next Enter follows it.
  listen('keydown', (event) => {
    const trigger = linkOf(event.target);
    if (event.key === 'Enter' && trigger && trigger !== current && !event.ctrlKey && !event.metaKey
        && !event.shiftKey && !event.altKey && open(trigger)) {
      event.preventDefault();
      dismissed = null;
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
    pointerFocus = true; // the focus this press may cause is the pointer's, not the keyboard's
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
