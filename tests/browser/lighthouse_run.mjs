// Run Lighthouse (from node_modules) on pages of a locally served site, offline.
//
// Used by tests/browser/test_lighthouse.py and bench/run.py through
// tests/browser/lighthouse.py, which passes one JSON argument:
//   {"base": "http://127.0.0.1:PORT/", "paths": ["", "glossary/"], "runs": 1,
//    "categories": ["accessibility"], "chrome": "/usr/bin/chromium",
//    "chromeFlags": ["--headless", ...]}
// and reads one JSON object from stdout: {"lighthouse": VERSION, "results": [...]},
// one result per page and run (see summarise() below).
//
// One Chromium is started for all pages (with a fresh temporary profile);
// Lighthouse opens a new tab for each run, resets the origin's storage and
// cache, and closes the tab. Pages run one after another: Lighthouse's
// figures are unreliable when runs share the CPU.
//
// Nothing leaves the machine: Lighthouse's error reporting (Sentry) is off;
// Chromium resolves no host name except the local server's (every other
// request fails at once, and is listed in the result, where the test
// catches it); chrome-launcher's default flags turn off its background
// services (translate, optimisation hints, safe browsing, component updates).

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const VERSION = require('lighthouse/package.json').version;
// Failing items listed per audit (elements, resources): enough to find the cause.
const ITEMS_SHOWN = 5;

function fail(message) {
  process.stderr.write(`lighthouse_run: ${message}\n`);
  process.exit(2);
}

let spec;
try {
  spec = JSON.parse(process.argv[2] ?? '');
} catch (error) {
  fail(`expected one JSON argument {base, paths, runs, categories, chrome, chromeFlags}: ${error.message}`);
}
const { base, paths, runs = 1, categories, chrome, chromeFlags = [] } = spec;
const host = new URL(base).hostname;

// Everything but the local server's host is unresolvable; an IP address
// other than the server's is refused by the proxy rule below.
const offlineFlags = [
  `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${host}`,
  '--proxy-server=http://0.0.0.0:9',
  `--proxy-bypass-list=${host}`,
];

// Mobile, simulated throttling: Lighthouse's defaults, spelled out.
const flags = {
  output: 'json',
  logLevel: 'error',
  onlyCategories: categories,
  onlyAudits: ['network-requests'], // every URL the page fetched, for the offline check
  formFactor: 'mobile',
  throttlingMethod: 'simulate',
  enableErrorReporting: false,
  disableFullPageScreenshot: true, // not needed for scores; saves a second per page
  skipAboutBlank: true, // each run has a new tab, blank already
};

function items(audit) {
  const list = audit.details?.items ?? [];
  return list.slice(0, ITEMS_SHOWN).map((item) => {
    const node = item.node ?? item.subItems?.items?.[0]?.node;
    if (node) return `${node.selector ?? ''} ${node.snippet ?? ''}`.trim();
    if (item.description) return `${item.sourceLocation?.url ?? item.url ?? ''}: ${item.description}`;
    if (item.url) return `${item.url}${item.wastedMs ? ` (${Math.round(item.wastedMs)} ms)` : ''}`;
    return JSON.stringify(item).slice(0, 200);
  });
}

// The scores, the failing audits of each category, the requests and, for
// the performance category, the metrics and what held the first paints back.
function summarise(path, run, lhr) {
  const scores = {};
  const failing = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      const scored = ref.weight > 0 && ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode);
      if (id !== 'performance' && scored && audit.score !== null && audit.score < 1) {
        failing.push({ category: id, id: ref.id, title: audit.title, score: audit.score,
          displayValue: audit.displayValue ?? '', items: items(audit) });
      }
    }
  }
  const requests = (lhr.audits['network-requests']?.details?.items ?? [])
    .map((r) => ({ url: r.url, status: r.statusCode, finished: r.finished }));
  const result = { path, run, url: lhr.finalDisplayedUrl, scores, failing, requests,
    runWarnings: lhr.runWarnings, runtimeError: lhr.runtimeError?.message ?? null,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null };
  if (lhr.categories.performance) {
    const value = (id) => lhr.audits[id]?.numericValue ?? null;
    result.metrics = {
      fcp: value('first-contentful-paint'), lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'), cls: value('cumulative-layout-shift'), si: value('speed-index'),
    };
    const [lcpTable, lcpPhases] = lhr.audits['largest-contentful-paint-element']?.details?.items ?? [];
    const lcpNode = lcpTable?.items?.[0]?.node;
    result.diagnostics = {
      renderBlocking: (lhr.audits['render-blocking-resources']?.details?.items ?? [])
        .map((r) => ({ url: r.url, bytes: r.totalBytes, wastedMs: r.wastedMs })),
      renderBlockingMs: value('render-blocking-resources'), // Lighthouse's estimate of the whole saving
      lcpElement: lcpNode ? { selector: lcpNode.selector ?? '', label: lcpNode.nodeLabel ?? '' } : null,
      lcpPhases: Object.fromEntries((lcpPhases?.items ?? []).map((p) => [p.phase, p.timing])),
      mainThread: Object.fromEntries((lhr.audits['mainthread-work-breakdown']?.details?.items ?? [])
        .map((g) => [g.group, g.duration])),
      domElements: value('dom-size'),
      totalBytes: value('total-byte-weight'),
      bootupMs: value('bootup-time'),
      opportunities: Object.values(lhr.audits)
        .filter((a) => a.details?.type === 'opportunity' && (a.numericValue ?? 0) > 0)
        .map((a) => ({ id: a.id, ms: a.numericValue, bytes: a.details.overallSavingsBytes ?? 0 })),
    };
  }
  return result;
}

const launched = await chromeLauncher.launch({
  chromePath: chrome,
  chromeFlags: [...chromeFlags, ...offlineFlags],
  logLevel: 'silent',
});
// Stopped from outside (a timeout, a killed test run): take Chromium down too.
// chrome-launcher already does this on Ctrl-C (SIGINT).
process.on('SIGTERM', () => { launched.kill(); process.exit(143); });
const results = [];
try {
  for (let run = 1; run <= runs; run += 1) {
    for (const path of paths) {
      const answer = await lighthouse(new URL(path, base).href, { ...flags, port: launched.port });
      if (!answer) fail(`no result for /${path}`);
      results.push(summarise(path, run, answer.lhr));
    }
  }
} finally {
  await launched.kill();
}
process.stdout.write(JSON.stringify({ lighthouse: VERSION, results }));
