/* Packages for a course made in the course builder, made in the trainer's browser.

   Published as downloads/builder/package-maker.js by macros/packages/builderkit.py,
   with the pieces it reads (index.json, pages/, assets/) and the zip library
   (fflate, MIT). Only ever fetches from the folder it was loaded from; sends nothing.

   Every file is written in the same shape as macros/packages/scorm.py,
   cartridge.py and epub.py write it for a course from the site (one SCO, a launch page and a
   frame of pages, the same manifest); tests/packages/test_builder_packages.py makes
   the same course both ways and compares the packages file by file. Change one,
   change the other. */
(() => {
const START = 'start', END = 'end', PAGES = 'pages/', FRAME_ID = 'package-frame', RUNTIME = 'scorm-runtime.js';
const LANGUAGE = 'en-GB', ABOUT = 'about.html';
const CP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
const CC = 'http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1', LOM = 'http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest';
const WEBLINK = 'http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1', WEBLINK_TYPE = 'imswl_xmlv1p1';

// Python's html.escape: text and attribute values in the pages.
const esc = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
// lxml's escaping in XML text and attributes.
const xmlText = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/\r/g, '&#13;');
const xmlAttr = (value) => xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
// Characters XML cannot hold at all (lxml refuses them): a trainer's text loses them.
const xmlSafe = (value) => String(value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
const XML_HEAD = "<?xml version='1.0' encoding='UTF-8'?>\n";
const utf8 = (text) => new TextEncoder().encode(text);

// As contents.safe_name: a file name and XML id from any text.
function safeName(text) {
  const name = text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'page';
  return /^[A-Za-z]/.test(name) ? name : `p-${name}`;
}

// The route a builder course stands for (builderkit.builder_route): its modules once each, in order.
function route(course) {
  return {
    id: course.id, title: xmlSafe(course.title), audience: xmlSafe(course.audience),
    introduction: xmlSafe(course.notes), closing: '', modules: [...new Set(course.modules)],
  };
}

const description = (r) => [r.audience, r.introduction].filter(Boolean).join('\n\n');

// The package's pages (contents.route_pages): its modules, then every page that is not a module.
function routePages(index, r) {
  const byModule = new Map(index.pages.filter((p) => p.module).map((p) => [p.module, p]));
  const missing = r.modules.filter((m) => !byModule.has(m));
  if (missing.length) throw new Error(`modules not in this site's packages: ${missing.join(', ')}`);
  return [...r.modules.map((m) => byModule.get(m)), ...index.pages.filter((p) => !p.module)];
}

// A link to a module left out of the package goes to the published page, or becomes its text.
// away: file name in the package -> the page's site path; external: attributes for links that leave.
function pointLinksOut(body, away, base, external) {
  let dropping = false;
  return body.replace(/<a\b[^>]*>|<\/a>/g, (tag) => {
    if (tag === '</a>') { const drop = dropping; dropping = false; return drop ? '' : tag; }
    const href = /\shref="([^"#]*)(#[^"]*)?"/.exec(tag);
    if (!href || !away.has(href[1])) return tag;
    if (!base) { dropping = true; return ''; }
    let out = tag.replace(href[0], ` href="${(base + away.get(href[1])).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}${href[2] || ''}"`);
    Object.entries(external).forEach(([name, value]) => {
      const existing = new RegExp(`\\s${name}="[^"]*"`);
      out = existing.test(out) ? out.replace(existing, ` ${name}="${value}"`) : out.replace(/\/?>$/, (end) => ` ${name}="${value}"${end}`);
    });
    return out;
  });
}

// The files of modules left out, by their name in the package, and where each is on the site.
const leftOut = (items, chosen, extension) => new Map(items.filter((p) => p.module && !chosen.has(p.name))
  .map((p) => [`${p.name}.${extension}`, p.url]));

// ---- SCORM 1.2 (scorm.py) ------------------------------------------------------

function framePage(r, index, titles, sheets, scripts, name, body) {
  const names = [...titles.keys()], at = names.indexOf(name), title = titles.get(name), links = [];
  if (at > 0) links.push(`<a rel="prev" href="${esc(names[at - 1])}.html">Previous: ${esc(titles.get(names[at - 1]))}</a>`);
  if (name !== START) links.push(`<a href="${START}.html">Start and contents</a>`);
  if (at < names.length - 1) links.push(`<a rel="next" href="${esc(names[at + 1])}.html">Next: ${esc(titles.get(names[at + 1]))}</a>`);
  const head = sheets.map((s) => `<link rel="stylesheet" href="../${esc(s)}">`).join('');
  const tail = scripts.map((s) => `<script src="../${esc(s)}"></script>`).join('');
  return '<!doctype html>\n'
    + '<html lang="en-GB"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width,initial-scale=1">'
    + `<meta http-equiv="Content-Security-Policy" content="${index.csp}">`
    + `<title>${esc(title)} – ${esc(r.title)}</title>${head}</head>`
    + '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" '
    + 'data-md-color-accent="indigo"><div class="package-page">'
    + `<header class="package-header"><p>${esc(r.title)}</p>`
    + `<p>Page ${at + 1} of ${names.length}</p></header>`
    + `<main><article class="md-content__inner md-typeset">${body}</article></main>`
    + `<nav class="package-nav" aria-label="Pages of this package">${links.join('')}</nav>`
    + `</div>${tail}</body></html>\n`;
}

function launchPage(r, index) {
  return '<!doctype html>\n'
    + '<html lang="en-GB" class="package-shell"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width,initial-scale=1">'
    + `<meta http-equiv="Content-Security-Policy" content="${index.csp}">`
    + `<title>${esc(r.title)}</title>`
    + '<link rel="stylesheet" href="assets/package.css"></head><body>'
    + `<iframe id="${FRAME_ID}" title="${esc(r.title)}" src="${PAGES}${START}.html"></iframe>`
    + `<script src="assets/${RUNTIME}" data-frame="${FRAME_ID}" data-end-page="${PAGES}${END}.html"></script>`
    + '</body></html>\n';
}

function startBody(r, index, pages) {
  const contents = pages.map((p) => `<li><a href="${esc(p.name)}.html">${esc(p.title)}</a></li>`).join('');
  return `<h1>${esc(r.title)}</h1>`
    + (r.audience ? `<p><strong>Who it is for.</strong> ${esc(r.audience)}</p>` : '')
    + `<p class="package-note">${esc(index.privacy)}</p>`
    + '<p>Move through the pages with <strong>Next</strong> at the foot of each page. '
    + 'Reaching the last page marks the route as completed.</p>'
    + `<h2>Contents</h2><ol class="package-contents">${contents}`
    + `<li><a href="${END}.html">The end</a></li></ol>`;
}

function endBody(r) {
  const closing = r.closing.split('\n\n').filter((part) => part.trim()).map((part) => `<p>${esc(part)}</p>`).join('');
  return '<h1>You have reached the end</h1>'
    + `<p>This is the end of “${esc(r.title)}”. If you opened it in a learning platform, `
    + 'the platform now records it as completed.</p>'
    + (closing ? `<h2>Taking it further</h2>${closing}` : '')
    + '<h2>Your reflections</h2>'
    + '<p>Your answers to the prompts are kept only in this browser. '
    + 'You can read them here, export them or delete them.</p>'
    + '<div id="journal"><p>Your reflections appear here when scripts can run.</p></div>';
}

function scormManifest(r, files) {
  const title = xmlText(r.title);
  return XML_HEAD
    + `<manifest xmlns="${CP}" xmlns:adlcp="${ADLCP}" identifier="${xmlAttr(safeName(`resonance-${r.id}`))}" version="1.0">\n`
    + '  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n'
    + '  <organizations default="org">\n    <organization identifier="org">\n'
    + `      <title>${title}</title>\n`
    + '      <item identifier="item-1" identifierref="sco" isvisible="true">\n'
    + `        <title>${title}</title>\n      </item>\n    </organization>\n  </organizations>\n`
    + '  <resources>\n    <resource identifier="sco" type="webcontent" href="index.html" adlcp:scormtype="sco">\n'
    + files.map((name) => `      <file href="${xmlAttr(name)}"/>\n`).join('')
    + '    </resource>\n  </resources>\n</manifest>\n';
}

// Every file of the course's SCORM 1.2 package, in order: [name, bytes].
async function scormFiles(kit, index, course, get) {
  const r = route(course), pages = routePages(index, r), chosen = new Set(pages.map((p) => p.name));
  const titles = new Map([[START, 'Start'], ...pages.map((p) => [p.name, p.title]), [END, 'The end']]);
  const sheets = index.assets.filter((n) => n.endsWith('.css') && n !== 'assets/package.css').concat('assets/package.css');
  const scripts = index.assets.filter((n) => n.endsWith('.js') && n !== `assets/${RUNTIME}`);
  const frame = (name, body) => utf8(framePage(r, index, titles, sheets, scripts, name, body));
  const bodies = await Promise.all(pages.map((p) => get(`pages/${p.name}.html`).then((b) => new TextDecoder().decode(b))));
  const assets = await Promise.all(index.assets.map(get));
  const files = [['index.html', utf8(launchPage(r, index))], [`${PAGES}${START}.html`, frame(START, startBody(r, index, pages))]];
  const away = leftOut(index.pages, chosen, 'html');
  pages.forEach((p, i) => files.push([`${PAGES}${p.name}.html`, frame(p.name, pointLinksOut(bodies[i], away, index.site_url, index.external))]));
  files.push([`${PAGES}${END}.html`, frame(END, endBody(r))]);
  index.assets.forEach((name, i) => files.push([name, assets[i]]));
  return [['imsmanifest.xml', utf8(scormManifest(r, files.map(([name]) => name)))], ...files];
}

// ---- IMS Common Cartridge 1.1, thin (cartridge.py) -------------------------------

function lomString(indent, name, text) {
  return `${indent}<lomimscc:${name}>\n${indent}  <lomimscc:string language="${LANGUAGE}">${xmlText(text)}</lomimscc:string>\n`
    + `${indent}</lomimscc:${name}>\n`;
}

function cartridgeManifest(r, titles) {
  const entries = [['about', 'About this route', 'webcontent', ABOUT],
    ...titles.map((title, i) => [`link-${i + 1}`, title, WEBLINK_TYPE, `weblinks/link-${i + 1}.xml`])];
  const text = description(r);
  return XML_HEAD
    + `<manifest xmlns="${CC}" xmlns:lomimscc="${LOM}" identifier="${xmlAttr(safeName(`resonance-${r.id}`))}">\n`
    + '  <metadata>\n    <schema>IMS Common Cartridge</schema>\n    <schemaversion>1.1.0</schemaversion>\n'
    + '    <lomimscc:lom>\n      <lomimscc:general>\n'
    + lomString('        ', 'title', r.title)
    + `        <lomimscc:language>${LANGUAGE}</lomimscc:language>\n`
    + (text ? lomString('        ', 'description', text) : '')
    + '      </lomimscc:general>\n    </lomimscc:lom>\n  </metadata>\n'
    + '  <organizations>\n    <organization identifier="org" structure="rooted-hierarchy">\n      <item identifier="root">\n'
    + entries.map(([id, title]) => `        <item identifier="item-${id}" identifierref="res-${id}">\n`
      + `          <title>${xmlText(title)}</title>\n        </item>\n`).join('')
    + '      </item>\n    </organization>\n  </organizations>\n  <resources>\n'
    + entries.map(([id, , kind, href]) => `    <resource identifier="res-${id}" type="${kind}"${kind === 'webcontent' ? ` href="${href}"` : ''}>\n`
      + `      <file href="${href}"/>\n    </resource>\n`).join('')
    + '  </resources>\n</manifest>\n';
}

function weblink(title, url) {
  return `${XML_HEAD}<webLink xmlns="${WEBLINK}">\n  <title>${xmlText(title)}</title>\n`
    + `  <url href="${xmlAttr(url)}" target="_blank"/>\n</webLink>\n`;
}

function aboutPage(r, url) {
  const paragraphs = description(r).split('\n\n').filter((part) => part.trim()).map((part) => `<p>${esc(part.trim())}</p>`).join('');
  return `<!doctype html>\n<html lang="${LANGUAGE}"><head><meta charset="utf-8">`
    + `<title>${esc(r.title)}</title></head><body><h1>${esc(r.title)}</h1>${paragraphs}`
    + `<p>Read it on the web: <a href="${esc(url)}">${esc(url)}</a>. The reflections you `
    + 'write there are saved only in your browser.</p></body></html>\n';
}

// Every file of the course's thin cartridge: links to the published module pages.
function cartridgeFiles(index, course) {
  if (!index.site_url) throw new Error('a Common Cartridge needs the site\'s published address');
  const r = route(course);
  const links = routePages(index, r).filter((p) => p.module).map((p) => [p.title, index.site_url + p.url]);
  const files = links.map(([title, url], i) => [`weblinks/link-${i + 1}.xml`, utf8(weblink(title, url))]);
  return [['imsmanifest.xml', utf8(cartridgeManifest(r, links.map(([title]) => title)))],
    [ABOUT, utf8(aboutPage(r, links.length ? links[0][1] : index.site_url))], ...files];
}

// ---- EPUB 3 (epub.py) ------------------------------------------------------------------

const OPF = 'http://www.idpf.org/2007/opf', DC = 'http://purl.org/dc/elements/1.1/';
const XHTML = 'http://www.w3.org/1999/xhtml', EPUB_NS = 'http://www.idpf.org/2007/ops', FOLDER = 'EPUB/';

function titlePage(r, book) {
  const by = book.byline ? ` by ${esc(book.byline)}` : '';
  return `<section class="title-page" epub:type="titlepage"><h1>${esc(r.title)}</h1>`
    + `<p>A route through <cite>${esc(book.article_title)}</cite>${by}.</p>`
    + (book.edition ? `<p>${esc(book.edition)}</p>` : '')
    + '</section>'
    + '<p>The text of each module is the authors’ own. The learning objectives, key points, '
    + 'reflection prompts and route guidance were written for this edition.</p>'
    + (r.audience ? `<p><strong>Who it is for.</strong> ${esc(r.audience)}</p>` : '');
}

function xhtml(title, body) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
    + `<html xmlns="${XHTML}" xmlns:epub="${EPUB_NS}" lang="${LANGUAGE}" xml:lang="${LANGUAGE}">`
    + `<head><meta charset="UTF-8"/><title>${esc(title)}</title>`
    + '<link rel="stylesheet" type="text/css" href="style.css"/></head>'
    + `<body>${body}</body></html>\n`;
}

function nav(chapters) {
  const items = chapters.map((c) => `<li><a href="${esc(c.name)}.xhtml">${esc(c.title)}</a></li>`).join('');
  const first = (chapters.find((c) => c.module) || chapters[0]).name, has = (name) => chapters.some((c) => c.name === name);
  return xhtml('Contents', `<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>${items}</ol></nav>`
    + '<nav epub:type="landmarks" id="landmarks" hidden=""><h2>Landmarks</h2><ol>'
    + '<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>'
    + `<li><a epub:type="bodymatter" href="${esc(first)}.xhtml">Start of the text</a></li>`
    + (has('glossary') ? '<li><a epub:type="glossary" href="glossary.xhtml">Glossary</a></li>' : '')
    + (has('references') ? '<li><a epub:type="bibliography" href="references.xhtml">References</a></li>' : '')
    + '</ol></nav>');
}

const CONTAINER = '<?xml version="1.0" encoding="UTF-8"?>\n'
  + '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
  + '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
  + '</rootfiles></container>\n';

// Python's uuid.uuid5(uuid.NAMESPACE_URL, name): the same book gets the same identifier.
async function uuid5(name) {
  const namespace = '6ba7b8119dad11d180b400c04fd430c8'.match(/../g).map((h) => parseInt(h, 16));
  const data = new Uint8Array([...namespace, ...utf8(name)]);
  if (!crypto.subtle) throw new Error('an EPUB can be made only on a site served over https');
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-1', data)).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function packageDocument(r, book, chapters) {
  const text = description(r);
  const dc = (name, value, attrs = '') => `    <dc:${name}${attrs}>${xmlText(value)}</dc:${name}>\n`;
  const meta = (prop, value) => `    <meta property="${xmlAttr(prop)}">${xmlText(value)}</meta>\n`;
  const modified = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const item = (c) => `    <item id="c-${xmlAttr(c.name)}" href="${xmlAttr(c.name)}.xhtml" media-type="application/xhtml+xml"${c.svg ? ' properties="svg"' : ''}/>\n`;
  return XML_HEAD
    + `<package xmlns="${OPF}" version="3.0" unique-identifier="uid" prefix="a11y: http://www.idpf.org/epub/vocab/package/a11y/#" xml:lang="${LANGUAGE}">\n`
    + `  <metadata xmlns:dc="${DC}">\n`
    + dc('identifier', `urn:uuid:${await uuid5(`${book.identity}|${r.id}`)}`, ' id="uid"')
    + dc('title', r.title) + dc('language', LANGUAGE)
    + book.authors.map((author) => dc('creator', author)).join('')
    + (text ? dc('description', text) : '')
    + (book.edition ? dc('publisher', book.edition) : '')
    + meta('dcterms:modified', modified)
    + book.accessibility.map(([prop, value]) => meta(prop, value)).join('')
    + '  </metadata>\n  <manifest>\n'
    + '    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n'
    + '    <item id="style" href="style.css" media-type="text/css"/>\n'
    + chapters.map(item).join('')
    + '  </manifest>\n  <spine>\n'
    + `    <itemref idref="c-${xmlAttr(chapters[0].name)}"/>\n    <itemref idref="nav"/>\n`
    + chapters.slice(1).map((c) => `    <itemref idref="c-${xmlAttr(c.name)}"/>\n`).join('')
    + '  </spine>\n</package>\n';
}

// Every file of the course's book: a title page, the modules, the framework, glossary and references.
async function epubFiles(kit, index, course, get) {
  const r = route(course), book = index.book;
  const byModule = new Map(book.chapters.filter((c) => c.module).map((c) => [c.module, c]));
  const missing = r.modules.filter((m) => !byModule.has(m));
  if (missing.length) throw new Error(`modules not in this site's packages: ${missing.join(', ')}`);
  const picked = [...r.modules.map((m) => byModule.get(m)), ...book.chapters.filter((c) => !c.module)];
  const away = leftOut(book.chapters, new Set(picked.map((c) => c.name)), 'xhtml');
  const bodies = await Promise.all(picked.map((c) => get(`book/${c.name}.xhtml`).then((b) => new TextDecoder().decode(b))));
  const chapters = [{ name: 'title', title: r.title, body: titlePage(r, book), svg: false },
    ...picked.map((c, i) => ({ ...c, body: pointLinksOut(bodies[i], away, index.site_url, {}) }))];
  return [['mimetype', utf8('application/epub+zip')], ['META-INF/container.xml', utf8(CONTAINER)],
    ...chapters.map((c) => [`${FOLDER}${c.name}.xhtml`, utf8(xhtml(c.title, c.body))]),
    [`${FOLDER}nav.xhtml`, utf8(nav(chapters))],
    [`${FOLDER}style.css`, await get('book/style.css')],
    [`${FOLDER}package.opf`, utf8(await packageDocument(r, book, chapters))]];
}

// ---- Zipped -------------------------------------------------------------------------

// archive.py's fixed date, so the same course gives the same files.
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);

// An EPUB's mimetype goes first and uncompressed (level 0: stored), as archive.py writes it.
function zip(files) {
  const entries = {};
  files.forEach(([name, bytes]) => {
    if (name in entries) throw new Error(`'${name}' would be written twice`);
    entries[name] = name === 'mimetype' ? [bytes, { level: 0 }] : bytes;
  });
  return window.fflate.zipSync(entries, { level: 6, mtime: FIXED_DATE });
}

// kit: the URL of downloads/builder/ (ends with /); course: {id, title, audience, notes, modules}.
async function make(kind, kit, index, course) {
  const get = async (name) => {
    const response = await fetch(new URL(name, kit), { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${name} could not be read from the site (${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const files = kind === 'scorm' ? await scormFiles(kit, index, course, get)
    : kind === 'epub' ? await epubFiles(kit, index, course, get) : cartridgeFiles(index, course);
  return { files, zip: zip(files) };
}

window.ResonancePackages = { make, safeName, pointLinksOut };  // pointLinksOut: for its test
})();
