// Colours for the stand-in editor (before Monaco loads): the same tokens Monaco's own Dockerfile
// grammar gives (monaco-editor/esm/vs/languages/definitions/dockerfile/dockerfile.js, a Monarch
// state machine), so the swap to Monaco changes no colour. This is a port of those rules, state
// carried across lines as Monarch does; it never renders HTML (the caller makes text nodes).

export type StandinClass = 'plain' | 'keyword' | 'comment' | 'string' | 'variable';

export interface StandinToken {
  c: StandinClass;
  v: string;
}

/** Monarch's state stack, reduced to what the grammar uses: root → arguments → a string body. */
type State = 'root' | 'arguments' | 'single' | 'double';

const KEYWORD =
  /FROM|MAINTAINER|RUN|EXPOSE|ENV|ADD|ARG|VOLUME|LABEL|USER|WORKDIR|COPY|CMD|STOPSIGNAL|SHELL|HEALTHCHECK|ENTRYPOINT/y;
const ONBUILD = /(ONBUILD)(\s+)/y;
const ENV_NAME = /(ENV)(\s+)(\w+)/y;
const WHITESPACE = /\s+/y;
const VARIABLE = /\$\{?\w+\}?/y;

/** Above this many characters the stand-in shows plain text (Monaco takes over soon anyway). */
export const STANDIN_MAX_CHARS = 100_000;

function at(re: RegExp, line: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(line);
}

function push(tokens: StandinToken[], c: StandinClass, v: string): void {
  if (!v) return;
  const prev = tokens[tokens.length - 1];
  if (prev && prev.c === c) prev.v += v;
  else tokens.push({ c, v });
}

/** Splits the text into lines of tokens, as Monaco's Dockerfile tokenizer colours them. */
export function standinTokens(text: string): StandinToken[][] {
  const out: StandinToken[][] = [];
  const stack: State[] = ['root'];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const tokens: StandinToken[] = [];
    let pos = 0;
    while (pos < line.length) pos = step(line, pos, stack, tokens);
    // Monarch matches `$` (end of line) inside a string body and leaves it (`@popall`).
    const top = stack[stack.length - 1];
    if ((top === 'single' || top === 'double') && !line.endsWith('\\')) stack.splice(1);
    out.push(tokens);
  }
  return out;
}

/** One Monarch rule applied at `pos`: pushes its tokens, updates the stack, returns the new position. */
function step(line: string, pos: number, stack: State[], tokens: StandinToken[]): number {
  const state = stack[stack.length - 1];
  const popAllAtEnd = (end: number) => {
    if (end >= line.length) stack.splice(1);
  };
  if (state === 'single' || state === 'double') return stringStep(line, pos, stack, tokens);
  const ws = at(WHITESPACE, line, pos);
  if (ws) {
    push(tokens, 'plain', ws[0]);
    popAllAtEnd(pos + ws[0].length);
    return pos + ws[0].length;
  }
  if (state === 'root') {
    if (pos === 0 && line[0] === '#') {
      push(tokens, 'comment', line);
      stack.splice(1);
      return line.length;
    }
    const onbuild = at(ONBUILD, line, pos);
    if (onbuild) {
      push(tokens, 'keyword', onbuild[1]);
      push(tokens, 'plain', onbuild[2]);
      return pos + onbuild[0].length;
    }
    const env = at(ENV_NAME, line, pos);
    if (env) {
      push(tokens, 'keyword', env[1]);
      push(tokens, 'plain', env[2]);
      push(tokens, 'variable', env[3]);
      stack.push('arguments');
      return pos + env[0].length;
    }
    const keyword = at(KEYWORD, line, pos);
    if (keyword) {
      push(tokens, 'keyword', keyword[0]);
      stack.push('arguments');
      return pos + keyword[0].length;
    }
    push(tokens, 'plain', line[pos]);
    return pos + 1;
  }
  return argumentsStep(line, pos, stack, tokens);
}

/** The `arguments` state: strings, variables, a backslash, any other character. */
function argumentsStep(line: string, pos: number, stack: State[], tokens: StandinToken[]): number {
  const rest = line.length - pos;
  const ch = line[pos];
  if (ch === '\\' && line[pos + 1] === "'") {
    push(tokens, 'plain', "\\'");
    if (rest === 2) stack.splice(1);
    return pos + 2;
  }
  if (ch === "'" || ch === '"') {
    push(tokens, 'string', ch);
    if (rest === 1) stack.splice(1);
    else stack.push(ch === "'" ? 'single' : 'double');
    return pos + 1;
  }
  const variable = at(VARIABLE, line, pos);
  if (variable) {
    push(tokens, 'variable', variable[0]);
    if (pos + variable[0].length >= line.length) stack.splice(1);
    return pos + variable[0].length;
  }
  push(tokens, 'plain', ch);
  // A trailing backslash keeps the arguments state into the next line; any other last character ends it.
  if (rest === 1 && ch !== '\\') stack.splice(1);
  return pos + 1;
}

/** Inside '…' or "…": string characters, escapes, variables; the closing quote pops back. */
function stringStep(line: string, pos: number, stack: State[], tokens: StandinToken[]): number {
  const quote = stack[stack.length - 1] === 'single' ? "'" : '"';
  const ch = line[pos];
  const last = pos === line.length - 1;
  if (ch === '\\') {
    push(tokens, 'string', line.slice(pos, pos + 2));
    return pos + Math.min(2, line.length - pos);
  }
  if (ch === quote) {
    push(tokens, 'string', ch);
    if (last) stack.splice(1);
    else stack.pop();
    return pos + 1;
  }
  if (ch === '$') {
    const variable = at(VARIABLE, line, pos);
    if (variable) {
      push(tokens, 'variable', variable[0]);
      return pos + variable[0].length;
    }
    // Monarch's fallback: one character, the default token, state unchanged.
    push(tokens, 'plain', ch);
    return pos + 1;
  }
  push(tokens, 'string', ch);
  if (last) stack.splice(1);
  return pos + 1;
}
