/* SCORM 1.2 runtime adapter of a Resonance package (the launch page's only script).

   The launch page holds the connection to the learning platform and shows the
   package's pages in a frame, so the learner can move between them freely.
   This script tells the platform one thing: whether the learner has finished.
     - on start: LMSInitialize(""), then cmi.core.lesson_status = "incomplete"
       (unless an earlier attempt already completed it), and LMSCommit("");
     - when the frame shows the last page: "completed", and LMSCommit("");
     - when the learner leaves: LMSFinish("").
   Nothing else is sent. Reflections typed in the package stay in this browser.
   Opened outside a learning platform, it finds no API and does nothing. */
(function () {
  'use strict';

  // The SCORM 1.2 API discovery algorithm: window.API on this window or up the
  // chain of parents (at most 7 steps), then on the opener's chain.
  var MAX_PARENTS = 7;

  function apiOf(win) {
    try { return win.API || null; } catch (e) { return null; } // another origin
  }

  function parentOf(win) {
    try { return win.parent && win.parent !== win ? win.parent : null; } catch (e) { return null; }
  }

  function findAPI(win) {
    for (var tries = 0; win && tries <= MAX_PARENTS; tries += 1) {
      var api = apiOf(win);
      if (api) return api;
      win = parentOf(win);
    }
    return null;
  }

  function getAPI() {
    return findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  }

  var script = document.currentScript;
  var frame = document.getElementById(script.dataset.frame);
  var endPage = new URL(script.dataset.endPage, location.href).href;
  var api = getAPI();
  var started = false;
  var finished = false;

  function call(name, a, b) {
    try { return String(b === undefined ? api[name](a) : api[name](a, b)); } catch (e) { return 'false'; }
  }

  function setStatus(status) {
    if (started && !finished && call('LMSSetValue', 'cmi.core.lesson_status', status) === 'true') {
      call('LMSCommit', '');
    }
  }

  function start() {
    if (!api || call('LMSInitialize', '') !== 'true') return;
    started = true;
    var before = call('LMSGetValue', 'cmi.core.lesson_status');
    if (before !== 'completed' && before !== 'passed') setStatus('incomplete');
  }

  function reachedEnd() {
    var here;
    try { here = frame.contentWindow.location.href.split('#')[0]; } catch (e) { return; }
    if (here === endPage) setStatus('completed');
  }

  function finish() {
    if (!started || finished) return;
    finished = true;
    call('LMSFinish', '');
  }

  start();
  frame.addEventListener('load', reachedEnd);
  reachedEnd();
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);
})();
