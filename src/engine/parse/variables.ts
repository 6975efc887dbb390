// Variable resolution and word processing for Dockerfile instructions, done here rather than by
// dockerfile-ast (whose resolution is quadratic, mishandles ${A:+x} and ${X:-d}, and can overflow
// the stack). One left-to-right pass per word; nested defaults (${A:-${B}}) recurse on their text.

/**
 * What a variable holds at some point of the file:
 * - a string: its known value;
 * - `null`: declared (ARG without a default) but its value is not known here (a build argument);
 * - `undefined`: not declared by this Dockerfile (unset, or set by the base image we cannot see).
 */
export type VarValue = string | null | undefined;
export type Lookup = (name: string) => VarValue;

export interface WordResult {
  value: string;
  /** True when some variable could not be resolved (its text is kept as written). */
  unresolved: boolean;
}

export interface ExpandOptions {
  /** Undeclared variables expand to '' (FROM lines see only global ARGs) instead of staying unresolved. */
  undeclaredIsEmpty?: boolean;
  /** Remove quotes (Dockerfile word rules); false keeps quotes as written and only expands. */
  removeQuotes?: boolean;
  /** Keep variable references exactly as written (only quotes and escapes are processed). */
  keepVariables?: boolean;
}

const NAME_START = /[A-Za-z_]/;
const MAX_NESTING = 16;
let nesting = 0;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Scope of variables for one stage (or the global scope): a plain map with a parent. */
export class Scope {
  private readonly vars = new Map<string, string | null>();
  constructor(private readonly parent: Scope | null = null) {}
  set(name: string, value: string | null): void {
    this.vars.set(name, value);
  }
  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }
  get(name: string): VarValue {
    if (this.vars.has(name)) return this.vars.get(name);
    return this.parent ? this.parent.get(name) : undefined;
  }
  /** Own variables only (not the parent's). */
  entries(): [string, string | null][] {
    return [...this.vars.entries()];
  }
  readonly lookup: Lookup = (name) => this.get(name);
}

/**
 * Expands variables (and, unless told otherwise, removes quotes) in one Dockerfile word or value,
 * following BuildKit's shell lexer: `\` (or the escape character) escapes the next character
 * outside single quotes, single quotes are literal, double quotes allow expansion.
 */
export function processWord(
  input: string,
  escape: string,
  lookup: Lookup,
  options: ExpandOptions = {},
): WordResult {
  const removeQuotes = options.removeQuotes ?? true;
  let out = '';
  let unresolved = false;
  let quote: '"' | "'" | null = null;
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i];
    if (quote === "'") {
      if (c === "'") {
        quote = null;
        if (!removeQuotes) out += c;
      } else out += c;
      i++;
      continue;
    }
    if (c === escape && i + 1 < n) {
      const next = input[i + 1];
      if (quote === '"' && next !== '"' && next !== '$' && next !== escape) {
        // Inside double quotes the escape only escapes ", $ and itself.
        out += c + next;
      } else {
        out += removeQuotes ? next : c + next;
      }
      i += 2;
      continue;
    }
    if (c === '"' || (c === "'" && quote === null)) {
      if (quote === c) quote = null;
      else if (quote === null) quote = c;
      else {
        out += c;
        i++;
        continue;
      }
      if (!removeQuotes) out += c;
      i++;
      continue;
    }
    if (c === '$' && i + 1 < n) {
      const r = expandAt(input, i, escape, lookup, options);
      if (r) {
        out += options.keepVariables ? input.slice(i, r.end) : r.value;
        unresolved ||= r.unresolved;
        i = r.end;
        continue;
      }
    }
    out += c;
    i++;
  }
  return { value: out, unresolved };
}

/** A variable reference's value and the index just past it. */
type Expansion = WordResult & { end: number };

/** Expands the variable reference starting at input[i] === '$'; null when it is not one. */
function expandAt(
  input: string,
  i: number,
  escape: string,
  lookup: Lookup,
  options: ExpandOptions,
): Expansion | null {
  const next = input[i + 1];
  if (NAME_START.test(next)) {
    let j = i + 2;
    while (j < input.length && NAME_CHAR.test(input[j])) j++;
    const name = input.slice(i + 1, j);
    const v = lookup(name);
    if (typeof v === 'string') return { value: v, unresolved: false, end: j };
    if (v === undefined && options.undeclaredIsEmpty) return { value: '', unresolved: false, end: j };
    return { value: input.slice(i, j), unresolved: true, end: j };
  }
  if (next !== '{') return null;
  // ${...}: find the matching brace.
  let depth = 1;
  let j = i + 2;
  while (j < input.length && depth > 0) {
    const c = input[j];
    if (c === escape) j++;
    else if (c === '{' && input[j - 1] === '$') depth++;
    else if (c === '}') depth--;
    j++;
  }
  if (depth > 0) return { value: input.slice(i), unresolved: true, end: input.length };
  return { ...expandBraced(input.slice(i, j), escape, lookup, options), end: j };
}

/** `${NAME}` and `${NAME<op>word}` (raw, braces included), with BuildKit's modifiers. */
function expandBraced(raw: string, escape: string, lookup: Lookup, options: ExpandOptions): WordResult {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(raw.slice(2, -1));
  if (!m) return { value: raw, unresolved: true };
  const [, name, rest] = m;
  const v = lookup(name);
  if (rest === '') {
    const known = typeof v === 'string' || (v === undefined && options.undeclaredIsEmpty === true);
    if (known) return { value: typeof v === 'string' ? v : '', unresolved: false };
    return { value: raw, unresolved: true };
  }
  const op = /^(:?[-+?=])/.exec(rest);
  if (!op) {
    // ${V#pat}, ${V%pat}, ${V/a/b}, ...: not resolved.
    return { value: raw, unresolved: true };
  }
  const word = rest.slice(op[1].length);
  const sub = (): WordResult => {
    // Nested defaults (${A:-${B:-...}}) recurse; past a sane depth they stay unresolved (linear time).
    if (nesting >= MAX_NESTING) return { value: raw, unresolved: true };
    nesting++;
    try {
      return processWord(word, escape, lookup, { ...options, removeQuotes: true });
    } finally {
      nesting--;
    }
  };
  return applyModifier(op[1], v, sub, raw);
}

/**
 * The value of `${V<op>word}` for V's value `v`; `sub` expands the word. Undeclared variables with
 * a modifier are taken as unset (the usual case for build args); a bare undeclared `$X` stays
 * unresolved (it may come from the base image's environment).
 */
function applyModifier(op: string, v: VarValue, sub: () => WordResult, raw: string): WordResult {
  const value = typeof v === 'string' ? v : '';
  const isSet = typeof v === 'string';
  const isEmpty = typeof v !== 'string' || v === '';
  switch (op) {
    case ':-':
    case ':=':
      if (!isEmpty) return { value, unresolved: false };
      return sub();
    case '-':
    case '=':
      if (isSet) return { value, unresolved: false };
      return sub();
    case ':+':
      if (!isEmpty) return sub();
      return { value: '', unresolved: false };
    case '+':
      if (isSet) return sub();
      return { value: '', unresolved: false };
    default:
      // ${V:?msg} / ${V?msg}: the value, or an error at build time.
      if (op === ':?' ? !isEmpty : isSet) return { value, unresolved: false };
      return { value: raw, unresolved: true };
  }
}

/**
 * Splits an instruction's arguments into words on unquoted blanks, then processes each word.
 * Returns the words as written (`raw`) and processed.
 */
export function splitWords(
  input: string,
  escape: string,
  lookup: Lookup,
  options: ExpandOptions = {},
): { raw: string; start: number; end: number; result: WordResult }[] {
  const words: { raw: string; start: number; end: number; result: WordResult }[] = [];
  for (const w of rawWords(input, escape)) {
    words.push({ ...w, result: processWord(w.raw, escape, lookup, options) });
  }
  return words;
}

/** Splits on unquoted blanks without processing (positions into `input`). */
export function rawWords(input: string, escape: string): { raw: string; start: number; end: number }[] {
  const words: { raw: string; start: number; end: number }[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && isBlank(input[i])) i++;
    if (i >= n) break;
    const start = i;
    let quote: string | null = null;
    while (i < n) {
      const c = input[i];
      if (quote === null && isBlank(c)) break;
      if (c === escape && quote !== "'" && i + 1 < n) {
        i += 2;
        continue;
      }
      if (quote === null && (c === '"' || c === "'")) quote = c;
      else if (quote === c) quote = null;
      i++;
    }
    words.push({ raw: input.slice(start, i), start, end: i });
  }
  return words;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * Parses `key=value` pairs (ENV, ARG, LABEL). The legacy `ENV key value words` form (no '=' in the
 * first word) gives one pair whose value is the rest of the text.
 */
export function parsePairs(
  input: string,
  escape: string,
  allowLegacy: boolean,
): { pairs: { key: string; value: string | null }[]; legacy: boolean } {
  const words = rawWords(input, escape);
  if (words.length === 0) return { pairs: [], legacy: false };
  const first = words[0].raw;
  if (allowLegacy && !first.includes('=')) {
    if (words.length === 1) return { pairs: [{ key: first, value: null }], legacy: true };
    return { pairs: [{ key: first, value: input.slice(words[1].start).trim() }], legacy: true };
  }
  const pairs = words.map((w) => {
    const eq = w.raw.indexOf('=');
    if (eq < 0) return { key: w.raw, value: null };
    return { key: w.raw.slice(0, eq), value: w.raw.slice(eq + 1) };
  });
  return { pairs, legacy: false };
}
