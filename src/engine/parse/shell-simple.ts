// The commands of a trivially simple script without tree-sitter: plain words (no quotes,
// expansions, redirections, grouping, comments or assignments) joined by &&, ||, | and ;. Two
// thirds of the corpus's RUN scripts are like this (`apt-get update && apt-get install -y curl`,
// `npm ci`), and tree-sitter's parse and the tree walk were most of their cost. Anything else gives
// null and goes to tree-sitter. The result is exactly what the tree-sitter walk gives for the same
// text (tests/unit/parse/shell-simple.test.ts: every RUN of the corpus and the peer suites, and
// generated scripts made of the accepted pieces and of near misses).
import type { Connector, ShellCommand } from '../model';

/** Characters of a plain word (tree-sitter-bash reads a run of them as one word or number)… */
const WORD = /[A-Za-z0-9_./:=@%+,*~-]/;
/** …but where a command starts, `a+=`, `a@`, `z%` are read as other syntax: names are narrower. */
const COMMAND_NAME = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;

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

interface Word {
  start: number;
  end: number;
}

/** The script's commands, or null when the script is not one of the simple ones. */
export function simpleCommands(source: string): ShellCommand[] | null {
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
      args: texts.slice(1),
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
    if (!WORD.test(c)) return null;
    const start = i;
    while (i < source.length && WORD.test(source[i])) i++;
    words.push({ start, end: i });
  }
  if (words.length > 0) return close() ? commands : null;
  // Only `;` may end a script; a trailing &&, || or | leaves a command missing.
  return commands.length > 0 && pending === ';' ? commands : null;
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
