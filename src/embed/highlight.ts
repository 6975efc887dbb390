// A tiny Dockerfile highlighter for the embed's first paint (Monaco loads later, if at all). It
// splits each line into tokens of a few classes; the caller renders them as text nodes (never as
// HTML), so the Dockerfile cannot inject markup. Line continuations and heredoc bodies are followed
// across lines; everything else is per line. Long lines are cut into one plain token.
import { KNOWN_KEYWORDS } from '../engine/primitives/keywords';

export type TokenClass =
  | 'plain'
  | 'comment'
  | 'directive'
  | 'keyword'
  | 'flag'
  | 'string'
  | 'variable'
  | 'operator'
  | 'heredoc'
  | 'stage';

export interface Token {
  c: TokenClass;
  v: string;
}

const INSTRUCTIONS: ReadonlySet<string> = new Set(KNOWN_KEYWORDS);

const MAX_LINE = 2000;

/** Splits the text into lines of tokens. */
export function highlight(text: string): Token[][] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Token[][] = [];
  let continued = false;
  let heredocEnd: string | null = null;
  for (const line of lines) {
    if (line.length > MAX_LINE) {
      out.push([{ c: 'plain', v: line }]);
      continued = /\\\s*$/.test(line);
      continue;
    }
    if (heredocEnd !== null) {
      out.push([{ c: 'heredoc', v: line }]);
      if (line.replace(/^\t+/, '') === heredocEnd) heredocEnd = null;
      continue;
    }
    const tokens: Token[] = [];
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#')) {
      const directive = /^#\s*(syntax|escape|check)\s*=/i.test(trimmed) && !continued;
      tokens.push({ c: directive ? 'directive' : 'comment', v: line });
      out.push(tokens);
      continue;
    }
    let rest = line;
    if (!continued) {
      const m = /^(\s*)([A-Za-z]+)(?=\s|$)/.exec(line);
      if (m && INSTRUCTIONS.has(m[2].toUpperCase())) {
        if (m[1]) tokens.push({ c: 'plain', v: m[1] });
        tokens.push({ c: 'keyword', v: m[2] });
        rest = line.slice(m[0].length);
        if (m[2].toUpperCase() === 'FROM') {
          const as = /^(.*\s)(AS|as)(\s+)(\S+)(.*)$/.exec(rest);
          if (as) {
            tokenizeArgs(as[1], tokens);
            tokens.push({ c: 'keyword', v: as[2] }, { c: 'plain', v: as[3] }, { c: 'stage', v: as[4] });
            rest = as[5];
          }
        }
      }
    }
    tokenizeArgs(rest, tokens);
    out.push(tokens);
    const heredoc = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line);
    if (heredoc && !continued && /^\s*(RUN|COPY|ADD)\b/i.test(line)) heredocEnd = heredoc[2];
    else if (heredoc && continued) heredocEnd = heredoc[2];
    continued = /\\\s*$/.test(line);
  }
  return out;
}

/** Flags, strings, variables and shell operators inside an instruction's arguments. */
function tokenizeArgs(text: string, tokens: Token[]): void {
  const re =
    /(\s--[a-z][a-z0-9-]*(?:=[^\s]*)?)|("(?:[^"\\]|\\.)*"?|'[^']*'?)|(\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_]*)|(&&|\|\||[|;]|\\\s*$)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const index = m.index ?? 0;
    if (index > last) push(tokens, 'plain', text.slice(last, index));
    const cls: TokenClass = m[1] ? 'flag' : m[2] ? 'string' : m[3] ? 'variable' : 'operator';
    push(tokens, cls, m[0]);
    last = index + m[0].length;
  }
  if (last < text.length) push(tokens, 'plain', text.slice(last));
}

function push(tokens: Token[], c: TokenClass, v: string): void {
  if (!v) return;
  const prev = tokens[tokens.length - 1];
  if (prev && prev.c === c) prev.v += v;
  else tokens.push({ c, v });
}
