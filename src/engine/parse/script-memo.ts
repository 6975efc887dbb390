// Incremental parsing: the parse and effects of one shell script, remembered by everything they
// depend on. The rewriter and the savings pass re-parse the whole text for every step, and a step
// changes few lines, so most scripts are seen again unchanged.
//
// The key holds the script text, the shell and its flags, the parser in use and the heredoc layout;
// the variables the script read (through the lookups) are stored with their values and compared on
// a hit, so an ARG or ENV changed elsewhere in the file forces a fresh parse. Stored scripts are
// deep-frozen: callers share them and must copy before changing anything.
import type { ShellScript } from '../model';
import type { Lookup, VarValue } from './variables';

type TextLookup = (name: string) => string | undefined;

interface Entry {
  script: ShellScript;
  /** Variables read through `lookup`, with the value seen. */
  reads: Map<string, VarValue>;
  /** Variables read through `lookupText` (ENV as written), with the value seen. */
  texts: Map<string, string | undefined>;
}

/** Enough for every script of the corpus several times over; a Map keeps insertion (LRU) order. */
const LIMIT = 2000;
const entries = new Map<string, Entry>();
const stats = { hits: 0, misses: 0, staleVariables: 0 };

/** Forgets every remembered script (tests and benchmarks measure from scratch with it). */
export function clearParseMemos(): void {
  entries.clear();
  stats.hits = 0;
  stats.misses = 0;
  stats.staleVariables = 0;
}

/** Hits, misses (of which `staleVariables`: the text matched but a variable read changed), size. */
export function scriptMemoStats(): { hits: number; misses: number; staleVariables: number; size: number } {
  return { ...stats, size: entries.size };
}

/** The remembered script for `key` if every variable it read still has the same value, else `compute`'s. */
export function memoizedScript(
  key: string,
  lookup: Lookup,
  lookupText: TextLookup,
  compute: (lookup: Lookup, lookupText: TextLookup) => ShellScript,
): ShellScript {
  const entry = entries.get(key);
  if (entry) {
    if (sameValues(entry.reads, lookup) && sameValues(entry.texts, lookupText)) {
      stats.hits++;
      entries.delete(key); // most recently used goes last
      entries.set(key, entry);
      return entry.script;
    }
    stats.staleVariables++;
  }
  stats.misses++;
  const reads = new Map<string, VarValue>();
  const texts = new Map<string, string | undefined>();
  const script = compute(recording(lookup, reads), recording(lookupText, texts));
  entries.delete(key);
  entries.set(key, { script: deepFreeze(script), reads, texts });
  if (entries.size > LIMIT) entries.delete(entries.keys().next().value as string);
  return script;
}

function sameValues<T>(seen: Map<string, T>, now: (name: string) => T): boolean {
  for (const [name, value] of seen) if (now(name) !== value) return false;
  return true;
}

function recording<T>(lookup: (name: string) => T, seen: Map<string, T>): (name: string) => T {
  return (name) => {
    const value = lookup(name);
    if (!seen.has(name)) seen.set(name, value);
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}
