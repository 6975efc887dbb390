// The commands of a simple script without tree-sitter: words of plain text, `$NAME`, `${NAME}`
// and double-quoted strings of those, joined by &&, ||, | and ; (no single quotes, escapes,
// redirections, grouping, comments, assignments or other expansions). About four in five of the
// corpus's RUN scripts are like this (`apt-get update && apt-get install -y curl`, `npm ci`), and
// tree-sitter's parse and the tree walk were most of their cost. Anything else gives null and goes
// to tree-sitter. The result is exactly what the tree-sitter walk gives for the same text, quirks
// included (tests/unit/parse/shell-simple.test.ts: every RUN of the corpus and the peer suites, and
// generated scripts made of the accepted pieces and of near misses).
import type { Connector, ShellCommand } from '../model';
import { processWord, type Lookup, type WordResult } from './variables';

/** Characters of a plain word (tree-sitter-bash reads a run of them as one word or number)… */
const WORD = /[A-Za-z0-9_./:=@%+,*~-]/;
/** …but where a command starts, `a+=`, `a@`, `z%` are read as other syntax: names are narrower. */
const COMMAND_NAME = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;
/** What a double-quoted string may hold besides `$NAME` and `${NAME}` (no escapes, no `!`). */
const QUOTED_TEXT = /[A-Za-z0-9_./:=@%+,*~ \t-]/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** tree-sitter-bash's keywords and declaration words (and bash's `time`, `coproc`): left to it. */
const SYNTAX_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'end',
  'in',
  'function',
  'time',
  'coproc',
  'declare',
  'typeset',
  'export',
  'readonly',
  'local',
  'unset',
  'unsetenv',
]);

/** One piece of a word: plain text, `$NAME`, `${NAME}`, or a double-quoted string of those. */
type Part =
  | { kind: 'plain'; text: string }
  | { kind: 'variable'; text: string; name: string }
  | { kind: 'braced'; text: string }
  | { kind: 'quoted'; parts: Part[] };

interface Word {
  start: number;
  end: number;
  parts: Part[];
}

/** The script's commands, or null when the script is not one of the simple ones. */
export function simpleCommands(source: string, lookup: Lookup): ShellCommand[] | null {
  const commands: ShellCommand[] = [];
  let words: Word[] = [];
  let pending: Connector = null;
  // Closes the command whose words were read; false when there is none or it is not a plain one.
  const close = (): boolean => {
    if (words.length === 0) return false;
    const texts = words.map((w) => source.slice(w.start, w.end));
    // Keywords and declarations are syntax; an argument `==` or `=~` is a test operator.
    if (!COMMAND_NAME.test(texts[0]) || texts.some((t) => SYNTAX_WORDS.has(t) || t.startsWith('=')))
      return false;
    const start = words[0].start;
    const end = words[words.length - 1].end;
    commands.push({
      name: texts[0],
      args: words.slice(1).flatMap((w) => fields(w.parts, lookup)),
      text: source.slice(start, end),
      start,
      end,
      connector: commands.length === 0 ? null : pending,
      env: {},
      nested: false,
      redirects: [],
      heredocs: [],
    });
    words = [];
    return true;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const op = operatorAt(source, i);
    if (op) {
      if (op === 'stop' || !close()) return null;
      pending = op;
      i += op.length;
      continue;
    }
    const word = readWord(source, i);
    if (!word) return null;
    words.push(word);
    i = word.end;
  }
  if (words.length > 0) return close() ? commands : null;
  // Only `;` may end a script; a trailing &&, || or | leaves a command missing.
  return commands.length > 0 && pending === ';' ? commands : null;
}

/** The word at `i`, or null when it is empty or holds anything but the parts above. */
function readWord(source: string, i: number): Word | null {
  const start = i;
  const parts: Part[] = [];
  while (i < source.length) {
    const c = source[i];
    let next: { part: Part; end: number } | null;
    if (WORD.test(c)) next = plainAt(source, i, WORD);
    else if (c === '$') next = expansionAt(source, i);
    else if (c === '"') next = quotedAt(source, i);
    else if (c === ' ' || c === '\t' || operatorAt(source, i)) break;
    else return null;
    if (!next) return null;
    parts.push(next.part);
    i = next.end;
  }
  // tree-sitter-bash ends a word at a second `$` or string after one (`${A}x$B` is two words).
  if (parts.filter((p) => p.kind !== 'plain').length > 1) return null;
  return parts.length > 0 ? { start, end: i, parts } : null;
}

function plainAt(source: string, i: number, chars: RegExp): { part: Part; end: number } {
  let end = i;
  while (end < source.length && chars.test(source[end])) end++;
  return { part: { kind: 'plain', text: source.slice(i, end) }, end };
}

/** `$NAME` or `${NAME}` at `i` (a `$`); null for any other use of `$` (`$1`, `${A:-b}`, `$(…)`). */
function expansionAt(source: string, i: number): { part: Part; end: number } | null {
  const braced = source[i + 1] === '{';
  const from = braced ? i + 2 : i + 1;
  if (!NAME_START.test(source[from] ?? '')) return null;
  let end = from;
  while (end < source.length && NAME_CHAR.test(source[end])) end++;
  if (!braced)
    return { part: { kind: 'variable', text: source.slice(i, end), name: source.slice(from, end) }, end };
  if (source[end] !== '}') return null;
  return { part: { kind: 'braced', text: source.slice(i, end + 1) }, end: end + 1 };
}

/** A double-quoted string of plain text, blanks and `$NAME` / `${NAME}`; null for anything else. */
function quotedAt(source: string, i: number): { part: Part; end: number } | null {
  const parts: Part[] = [];
  let at = i + 1;
  while (at < source.length) {
    const c = source[at];
    if (c === '"') {
      // The tree walk drops a blank that ends the string and keeps `" $A"` unexpanded: left to it.
      const inner = source.slice(i + 1, at);
      if (/^[ \t]|[ \t]$/.test(inner)) return null;
      return { part: { kind: 'quoted', parts }, end: at + 1 };
    }
    const next =
      c === '$' ? expansionAt(source, at) : QUOTED_TEXT.test(c) ? plainAt(source, at, QUOTED_TEXT) : null;
    if (!next) return null;
    parts.push(next.part);
    at = next.end;
  }
  return null;
}

/** A part's value as the tree walk works it out (shell-words.ts wordValue). */
function valueOf(part: Part, lookup: Lookup): WordResult {
  switch (part.kind) {
    case 'plain':
      return { value: part.text, unresolved: false };
    case 'variable': {
      const v = lookup(part.name);
      return typeof v === 'string' ? { value: v, unresolved: false } : { value: part.text, unresolved: true };
    }
    case 'braced':
      return processWord(part.text, '\\', lookup, { removeQuotes: false });
    case 'quoted':
      return joined(part.parts, lookup);
  }
}

function joined(parts: Part[], lookup: Lookup): WordResult {
  let value = '';
  let unresolved = false;
  for (const p of parts) {
    const w = valueOf(p, lookup);
    value += w.value;
    unresolved ||= w.unresolved;
  }
  return { value, unresolved };
}

/**
 * The fields an argument becomes (shell-words.ts wordFields): an unquoted expansion with a known
 * value splits on blanks; anything quoted, or unresolved, stays one field.
 */
function fields(parts: Part[], lookup: Lookup): string[] {
  const w = joined(parts, lookup);
  const unquoted =
    parts.some((p) => p.kind === 'variable' || p.kind === 'braced') &&
    !parts.some((p) => p.kind === 'quoted');
  if (!unquoted || w.unresolved) return [w.value];
  return w.value.split(/[ \t\n]+/).filter(Boolean);
}

/** The connector at `i`, 'stop' for an operator outside the simple scripts, or null for none. */
function operatorAt(source: string, i: number): Exclude<Connector, null | '&'> | 'stop' | null {
  const c = source[i];
  const next = source[i + 1];
  if (c === '&') return next === '&' ? '&&' : 'stop';
  if (c === '|') return next === '|' ? '||' : next === '&' ? 'stop' : '|';
  if (c === ';') return next === ';' ? 'stop' : ';';
  return null;
}
