// The first tap, answered before Python runs (build/outside_help_build/first_taps.py): the
// engine's replies, made at build time, for the example answers and for each one answer changed.
// The table is fetched when the reader first touches the form; `reply(request)` gives the
// engine's reply only when the request is, word for word, the one the build asked with, apart
// from at most one answer. Anything else (a second change, a weight, the cost part) gets null and
// waits for Python.

import { siteRoot } from "./calculator-client.mjs";

const FORMAT = 1;   // first_taps.FORMAT

export class FirstTaps {
  constructor(config) {
    this.path = config.taps && typeof config.taps.path === "string" ? config.taps.path : null;
    this.example = config.example ? config.example.share : null;
    this.table = null;
  }

  // Fetch the table once; a failure or a table for other answers means no table (null).
  load() {
    if (!this.table) {
      this.table = !this.path ? Promise.resolve(null) : fetch(new URL(this.path, siteRoot()))
        .then((response) => (response.ok ? response.json() : null))
        .then((table) => (table && table.format === FORMAT && table.example === this.example ? table : null))
        .catch(() => null);
    }
    return this.table;
  }

  async reply(request) {
    const table = await this.load();
    if (!table) return null;
    const { answers, ...rest } = request;
    if (!sameJSON(rest, table.request)) return null;
    const questions = new Set([...Object.keys(answers), ...Object.keys(table.answers)]);
    const changed = [...questions].filter((q) => answers[q] !== table.answers[q]);
    if (changed.length > 1) return null;
    const key = changed.length ? `${changed[0]}=${answers[changed[0]]}` : "";
    return Object.hasOwn(table.replies, key) ? table.replies[key] : null;
  }
}

// Whether two JSON values are the same (objects compared key by key, in any order).
export function sameJSON(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && sameJSON(a[k], b[k]));
}
