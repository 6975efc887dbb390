// The value of a shell word in a tree-sitter-bash tree: quotes removed, escapes undone, known
// variables substituted, and an unquoted expansion split into fields as the shell splits it.
import type { ShellNode as Node } from './shell-tree';
import { processWord } from './variables';
import type { Lookup, WordResult } from './variables';

/** Word types that quote their content (no field splitting inside). */
const QUOTED = new Set(['string', 'raw_string', 'ansi_c_string', 'translated_string']);

/**
 * The fields an argument becomes: an unquoted expansion with a known value is split on blanks
 * as the shell splits it (`apt-get install $DEPS` installs each name; an empty one vanishes);
 * quoted text stays one field.
 */
export function wordFields(
  node: Node,
  source: string,
  lookup: Lookup,
  /** The text a variable of the script holds with some parts unknown (`PKGS="a=$V b"`), if any. */
  partial?: (name: string) => string | undefined,
): string[] {
  const unquoted =
    node.type === 'simple_expansion' ||
    node.type === 'expansion' ||
    (node.type === 'concatenation' &&
      node.namedChildren.some((c) => c?.type === 'simple_expansion' || c?.type === 'expansion') &&
      !node.namedChildren.some((c) => c && QUOTED.has(c.type)));
  const w = wordValue(node, source, lookup);
  if (unquoted && w.unresolved) {
    // `$PKGS` whose value has an unknown part (a version): still split into its words, each
    // keeping the unknown part as written, as a word written out would (`nginx=${VERSION}`).
    const name = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(w.value);
    const held = name && partial?.(name[1] ?? name[2]);
    if (held !== undefined && held !== null) return held.split(/[ \t\n]+/).filter(Boolean);
  }
  if (!unquoted || w.unresolved) return [w.value];
  return w.value.split(/[ \t\n]+/).filter(Boolean);
}

/** The value of a shell word with quotes removed and known variables substituted. */
export function wordValue(node: Node, source: string, lookup: Lookup): WordResult {
  const text = source.slice(node.startIndex, node.endIndex);
  switch (node.type) {
    case 'word':
    case 'command_name':
      if (node.type === 'command_name' && node.namedChildCount > 0) {
        const inner = node.namedChild(0);
        if (inner) return wordValue(inner, source, lookup);
      }
      return { value: unescapeWord(text), unresolved: false };
    case 'raw_string':
      return { value: text.slice(1, -1), unresolved: false };
    case 'ansi_c_string':
      return { value: unescapeAnsi(text.slice(2, -1)), unresolved: false };
    case 'string_content':
      return { value: text.replace(/\\([\\"$`])/g, '$1').replace(/\\\n/g, ''), unresolved: false };
    case 'simple_expansion': {
      const name = text.slice(1);
      const v = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? lookup(name) : undefined;
      return typeof v === 'string' ? { value: v, unresolved: false } : { value: text, unresolved: true };
    }
    case 'expansion':
      return processWord(text, '\\', lookup, { removeQuotes: false });
    case 'command_substitution':
    case 'process_substitution':
    case 'arithmetic_expansion':
      return { value: text, unresolved: true };
    case 'string':
    case 'concatenation':
    case 'translated_string':
      return joinedValue(node, source, lookup);
    default:
      return { value: text, unresolved: false };
  }
}

/** A string or concatenation: its parts' values joined, the text between them kept as written. */
function joinedValue(node: Node, source: string, lookup: Lookup): WordResult {
  let value = '';
  let unresolved = false;
  let at = node.startIndex;
  const quoted = node.type !== 'concatenation';
  for (const child of node.children) {
    if (!child) continue;
    if (child.startIndex > at) value += source.slice(at, child.startIndex);
    at = child.endIndex;
    if (!child.isNamed) {
      if (quoted && (child.type === '"' || child.type === '$"')) continue;
      value += source.slice(child.startIndex, child.endIndex);
      continue;
    }
    const w = wordValue(child, source, lookup);
    value += w.value;
    unresolved ||= w.unresolved;
  }
  if (node.endIndex > at) value += source.slice(at, node.endIndex);
  return { value, unresolved };
}

function unescapeWord(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\\r?\n/g, '').replace(/\\(.)/gs, '$1');
}

function unescapeAnsi(text: string): string {
  const map: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    e: '\x1b',
  };
  return text.replace(/\\(.)/gs, (_, c: string) => map[c] ?? `\\${c}`);
}
