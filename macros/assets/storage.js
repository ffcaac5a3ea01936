/* The reader's data in this browser: their layer, pathway, progress and journal,
   kept in localStorage under keys that start with "resonance:". Nothing here is
   ever sent anywhere.

   Shared by the other scripts, so it is loaded before them (LOAD_FIRST in
   macros/adapter/hooks.py). Every function copes with storage that is full,
   switched off or holding something unreadable: the page then works as it
   would for a first visit, and nothing the reader wrote is overwritten. */
(() => {
  const resonance = (window.resonance = window.resonance || {});
  const PREFIX = 'resonance:';

  /** The stored value for `key` (parsed from JSON), or `fallback` when there is none. */
  function read(key, fallback) {
    try {
      const text = localStorage.getItem(PREFIX + key);
      if (text === null) {
        return fallback;
      }
      const value = JSON.parse(text);
      return value === null ? fallback : value;
    } catch {
      return fallback;
    }
  }

  /** Store `value` as JSON under `key`; false when the browser refused (full or switched off). */
  function write(key, value) {
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  function remove(key) {
    try {
      localStorage.removeItem(PREFIX + key);
    } catch {
      /* storage switched off: there is nothing to remove */
    }
  }

  /** Every key this site has stored, without the prefix. */
  function keys() {
    try {
      return Object.keys(localStorage)
        .filter((key) => key.startsWith(PREFIX))
        .map((key) => key.slice(PREFIX.length));
    } catch {
      return [];
    }
  }

  resonance.storage = Object.freeze({ read, write, remove, keys });
})();
