// Shell parsing of RUN (and shell-form CMD/ENTRYPOINT) with web-tree-sitter + tree-sitter-bash.
// The wasm is supplied by the host (setShellWasmSource): URLs in the browser worker, bytes in Node.
// Until the parser is ready (or when it cannot load), a small built-in splitter is used instead,
// so parseDockerfile stays synchronous and always returns commands.
import { Parser, Language } from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';
import type { Connector, ShellCommand, ShellScript } from '../model';
import { processWord } from './variables';
import type { Lookup, VarValue } from './variables';
import { fallbackCommands } from './shell-fallback';
import { deepFreeze } from '../frozen';

export type WasmInput = string | URL | Uint8Array;
export interface ShellWasmSource {
  /** web-tree-sitter's runtime wasm (web-tree-sitter.wasm). */
  runtime: WasmInput;
  /** The bash grammar (tree-sitter-bash.wasm). */
  bash: WasmInput;
}

/**
 * Longest shell text parsed for one instruction; beyond it the script is skipped with an error.
 * The longest script in 151 real Dockerfiles has 3,445 characters; a 34,000-character heredoc
 * took 300 ms to parse (fuzz).
 */
export const MAX_SHELL_CHARS = 24 * 1024;
const MAX_ERRORS = 10;

let wasmSource: ShellWasmSource | null = null;
let parser: Parser | null = null;
let initPromise: Promise<void> | null = null;
let initError: string | null = null;

/** Tells the engine where the wasm files are (call once per host, before ensureShellParser). */
export function setShellWasmSource(source: ShellWasmSource): void {
  wasmSource = source;
  // A failed initialisation may be retried with the new source; one in flight or done is kept
  // (web-tree-sitter's runtime must be initialised only once).
  if (!parser && initError !== null) {
    initPromise = null;
    initError = null;
  }
}

/** Initialises web-tree-sitter and the bash grammar once. Never rejects: failure is recorded. */
export function ensureShellParser(): Promise<void> {
  if (parser) return Promise.resolve();
  if (!initPromise) {
    initPromise = initialise().catch((error: unknown) => {
      initError = error instanceof Error ? error.message : String(error);
    });
  }
  return initPromise;
}

/** True once tree-sitter is ready; parses before that use the built-in splitter. */
export function shellParserReady(): boolean {
  return parser !== null;
}

/** Why tree-sitter is not in use, or null when it is. */
export function shellParserProblem(): string | null {
  if (parser) return null;
  return initError ?? 'the shell parser has not been initialised (call ensureShellParser first)';
}

async function initialise(): Promise<void> {
  const source = wasmSource;
  if (!source) throw new Error('no wasm source was set (setShellWasmSource)');
  const runtime = source.runtime;
  if (runtime instanceof Uint8Array) await Parser.init({ wasmBinary: runtime });
  else {
    const url = String(runtime);
    await Parser.init({ locateFile: () => url });
  }
  const bash = source.bash instanceof URL ? source.bash.href : source.bash;
  const language = await Language.load(bash);
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

export interface ShellParseOptions {
  lookup: Lookup;
  /** Flags in effect from the SHELL instruction (e.g. bash -o pipefail). */
  errexit?: boolean;
  pipefail?: boolean;
}

export function emptyScript(source: string): ShellScript {
  return { source, commands: [], errexit: false, pipefail: false, skipped: null, errors: [], effects: [] };
}

/** Parses shell text into commands. Never throws. Effects are filled in by the caller. */
export function parseShell(source: string, options: ShellParseOptions): ShellScript {
  const script = emptyScript(source);
  script.errexit = options.errexit ?? false;
  script.pipefail = options.pipefail ?? false;
  if (source.length > MAX_SHELL_CHARS) {
    script.errors.push({
      offset: 0,
      message: `This command is ${source.length.toLocaleString('en')} characters long; shell parsing stops at ${MAX_SHELL_CHARS.toLocaleString('en')} characters, so its commands were not analyzed.`,
    });
    return script;
  }
  if (source.trim() === '') return script;
  if (!parser) {
    try {
      script.commands = fallbackCommands(source, options.lookup);
      applySetFlags(script);
    } catch {
      script.commands = [];
    }
    return script;
  }
  // The same RUN text is parsed again and again (every rewrite step re-parses the whole file):
  // reuse the result when the text, the flags and the variables it reads are the same.
  const key = cacheKey(source, options);
  const hit = key === null ? undefined : parsed.get(key);
  if (hit) {
    parsed.delete(key!); // most recently used last
    parsed.set(key!, hit);
    return editableCopy(hit);
  }
  parseTree(source, options, script);
  if (key !== null) {
    if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, deepFreeze(editableCopy(script)));
  }
  return script;
}

/**
 * Parsed scripts by cacheKey(), oldest first, frozen: they are shared by every later parse of the
 * same text, so a change made by one analysis would reach the next (issue 20).
 */
const parsed = new Map<string, ShellScript>();

/**
 * A copy of a cached script with fresh objects where the parser's callers write (the script's
 * fields, each command's span, redirects and heredocs, each error's span); the arguments, the
 * assignments and the strings stay shared and frozen. Far cheaper than a deep clone on every hit.
 */
function editableCopy(script: ShellScript): ShellScript {
  return {
    ...script,
    commands: script.commands.map((c) => ({
      ...c,
      redirects: c.redirects.map((r) => ({ ...r })),
      heredocs: [...c.heredocs],
    })),
    errors: script.errors.map((e) => ({ ...e })),
    effects: [...script.effects],
  };
}
const PARSE_CACHE_SIZE = 512;

/**
 * What a parse depends on besides the text: the SHELL flags and the value of every defined
 * variable whose name appears in the text (`$V`, `${V}`, `${#V}`, `${V:-x}`: a script reads outer
 * variables only by name). Null (no caching) for indirect expansion (`${!ref}`), whose names are
 * not in the text.
 */
function cacheKey(source: string, options: ShellParseOptions): string | null {
  if (source.includes('${!')) return null;
  const values: [string, VarValue][] = [];
  const seen = new Set<string>();
  for (const [name] of source.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    if (seen.has(name)) continue;
    seen.add(name);
    const value = options.lookup(name);
    if (value !== undefined) values.push([name, value]);
  }
  return JSON.stringify([source, !!options.errexit, !!options.pipefail, values]);
}

function parseTree(source: string, options: ShellParseOptions, script: ShellScript): void {
  if (!parser) return;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(source);
    if (!tree) return;
    const walker = new Walker(source, options.lookup);
    walker.visit(tree.rootNode, false);
    script.commands = walker.commands;
    applySetFlags(script);
    if (tree.rootNode.hasError) script.errors = collectErrors(tree.rootNode, source);
  } catch (error) {
    script.errors.push({ offset: 0, message: `The shell parser failed: ${String(error)}` });
  } finally {
    tree?.delete();
  }
}

/** `set -e`, `set -eux`, `set -o errexit`, `set -o pipefail`, `set -euo pipefail` (top level). */
function applySetFlags(script: ShellScript): void {
  for (const cmd of script.commands) {
    if (cmd.name !== 'set' || cmd.nested) continue;
    const args = cmd.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const on = a.startsWith('-');
      if (!(on || a.startsWith('+')) || a.startsWith('--')) continue;
      const letters = a.slice(1);
      if (letters.includes('e')) script.errexit = on;
      if (letters.includes('o') && i + 1 < args.length) {
        const option = args[i + 1];
        if (option === 'errexit') script.errexit = on;
        if (option === 'pipefail') script.pipefail = on;
        i++;
      }
    }
  }
}

const OPERATORS: Record<string, Connector> = {
  '&&': '&&',
  '||': '||',
  ';': ';',
  '|': '|',
  '|&': '|',
  '&': '&',
};

/** Constructs whose bodies may not run unconditionally (or run in a separate process). */
const NESTING = new Set([
  'subshell',
  'if_statement',
  'elif_clause',
  'else_clause',
  'for_statement',
  'c_style_for_statement',
  'while_statement',
  'case_statement',
  'case_item',
  'function_definition',
  'command_substitution',
  'process_substitution',
]);

/** Word types that quote their content (no field splitting inside). */
const QUOTED = new Set(['string', 'raw_string', 'ansi_c_string', 'translated_string']);
/** Commands that print the architecture, inside $( ) or backquotes. */
const ARCH_PROBE = /(\$\(|`)\s*(dpkg --print-architecture|uname -m|apk --print-arch|arch)\s*(\)|`)/;
/** How linux/amd64 is spelled by those commands (Debian, uname, Alpine, Go/Docker). */
const AMD64_NAMES = ['amd64', 'x86_64', 'x86-64'];

/** A case pattern (`amd64|x86_64` is split by the parser; `*`, `?` and [..] are globs). */
function globMatches(pattern: string, word: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  try {
    return new RegExp(`^${re}$`).test(word);
  } catch {
    return false;
  }
}

class Walker {
  readonly commands: ShellCommand[] = [];
  private pending: Connector = null;
  /** Variables assigned by the script itself (`V=1; curl .../$V`, `export V=1`). */
  private readonly local = new Map<string, string | null>();
  private readonly lookup: Lookup;
  /** Variables holding the architecture (`arch="$(dpkg --print-architecture)"`). */
  private readonly archVars = new Set<string>();
  private depth = 0;

  constructor(
    private readonly source: string,
    outer: Lookup,
  ) {
    this.lookup = (name) => (this.local.has(name) ? this.local.get(name) : outer(name));
  }

  visit(node: Node, nested: boolean): void {
    if (this.depth > 400) return; // pathological nesting: stop descending
    this.depth++;
    try {
      this.visitInner(node, nested);
    } finally {
      this.depth--;
    }
  }

  private visitInner(node: Node, nested: boolean): void {
    const type = node.type;
    if (!node.isNamed) {
      const op = OPERATORS[type];
      if (op !== undefined) this.pending = op;
      return;
    }
    switch (type) {
      case 'comment':
        return;
      case 'command':
        this.command(node, nested, []);
        return;
      case 'redirected_statement':
        this.redirected(node, nested);
        return;
      case 'variable_assignment':
        this.assignment(node, nested);
        return;
      case 'variable_assignments':
        for (const child of node.namedChildren) if (child) this.assignment(child, nested);
        return;
      case 'declaration_command':
      case 'unset_command':
        this.declaration(node, nested);
        return;
      case 'test_command':
        this.substitutionsIn(node);
        return;
      case 'case_statement':
        if (this.archCase(node, nested)) return;
        for (const child of node.children) if (child) this.visit(child, true);
        return;
      case 'list': {
        // `a && b && c` nests to the left; walk the chain without recursion (long && chains).
        const tails: Node[][] = [];
        let current: Node = node;
        while (current.type === 'list' && current.childCount > 0) {
          const children = current.children.filter((c): c is Node => c !== null);
          tails.push(children.slice(1));
          current = children[0];
        }
        this.visit(current, nested);
        for (let i = tails.length - 1; i >= 0; i--) for (const child of tails[i]) this.visit(child, nested);
        return;
      }
      default: {
        const inner = nested || NESTING.has(type);
        for (const child of node.children) if (child) this.visit(child, inner);
      }
    }
  }

  private newCommand(node: Node, name: string, args: string[], nested: boolean): ShellCommand {
    const cmd: ShellCommand = {
      name,
      args,
      text: this.source.slice(node.startIndex, node.endIndex),
      start: node.startIndex,
      end: node.endIndex,
      connector: this.commands.length === 0 ? null : (this.pending ?? ';'),
      env: {},
      nested,
      redirects: [],
      heredocs: [],
    };
    this.pending = null;
    this.commands.push(cmd);
    return cmd;
  }

  private command(node: Node, nested: boolean, extraRedirects: Node[]): ShellCommand | null {
    let nameNode: Node | null = null;
    const argNodes: Node[] = [];
    const envNodes: Node[] = [];
    const redirects: Node[] = [...extraRedirects];
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (!child) continue;
      const field = node.fieldNameForChild(i);
      if (field === 'name') nameNode = child;
      else if (field === 'argument') argNodes.push(child);
      else if (child.type === 'variable_assignment') envNodes.push(child);
      else if (child.type.endsWith('_redirect')) redirects.push(child);
    }
    const name = nameNode ? this.word(nameNode.namedChild(0) ?? nameNode).value : '';
    const args = argNodes.flatMap((a) => this.fields(a));
    const cmd = this.newCommand(node, name, args, nested);
    for (const e of envNodes) {
      const { key, value } = this.assignmentParts(e);
      if (key) cmd.env[key] = value ?? '';
    }
    this.addRedirects(cmd, redirects);
    // Commands inside $( ) and <( ) of the name, the arguments and the assignments.
    for (const n of [...envNodes, ...(nameNode ? [nameNode] : []), ...argNodes]) this.substitutionsIn(n);
    return cmd;
  }

  private addRedirects(cmd: ShellCommand, redirects: Node[]): void {
    for (const r of redirects) {
      if (r.type === 'heredoc_redirect') {
        let strip = false;
        for (const child of r.children) {
          if (!child) continue;
          if (child.type === '<<-') strip = true;
          else if (child.type === 'heredoc_body') {
            const body = this.source.slice(child.startIndex, child.endIndex);
            cmd.heredocs.push(strip ? body.replace(/^\t+/gm, '') : body);
          } else if (child.type === 'file_redirect') this.addRedirects(cmd, [child]);
          else if (!child.isNamed) {
            const op = OPERATORS[child.type];
            if (op !== undefined) this.pending = op;
          } else if (child.type !== 'heredoc_start' && child.type !== 'heredoc_end') {
            this.visit(child, cmd.nested);
          }
        }
        continue;
      }
      let op = '';
      let target = '';
      for (let i = 0; i < r.childCount; i++) {
        const child = r.child(i);
        if (!child) continue;
        const field = r.fieldNameForChild(i);
        if (field === 'descriptor') op += child.text;
        else if (field === 'destination') target = this.word(child).value;
        else if (!child.isNamed) op += child.type;
      }
      cmd.redirects.push({ op, target });
    }
  }

  private redirected(node: Node, nested: boolean): void {
    const body = node.childForFieldName('body');
    const redirects: Node[] = [];
    for (const child of node.children) {
      if (child && child !== body && child.type.endsWith('_redirect')) redirects.push(child);
    }
    if (body && body.type === 'command') {
      this.command(body, nested, redirects);
      return;
    }
    const before = this.commands.length;
    if (body) this.visit(body, nested);
    // tree-sitter-bash hangs redirects after `a && b > f` on the whole list: they belong to the last command.
    const owner = this.commands.length > before ? this.commands[this.commands.length - 1] : undefined;
    if (owner) this.addRedirects(owner, redirects);
    else {
      // Only redirects (e.g. `> file`): nothing to attach to; still walk heredoc pipelines.
      for (const r of redirects)
        for (const c of r.namedChildren) if (c && c.type !== 'heredoc_body') this.substitutionsIn(c);
    }
  }

  private assignmentParts(node: Node): { key: string; value: string | null } {
    const nameNode = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    const key = nameNode ? nameNode.text : '';
    if (!valueNode) return { key, value: '' };
    const w = this.word(valueNode);
    return { key, value: w.unresolved ? null : w.value };
  }

  private assignment(node: Node, _nested: boolean): void {
    const { key, value } = this.assignmentParts(node);
    if (key) this.local.set(key, value);
    if (key && ARCH_PROBE.test(this.source.slice(node.startIndex, node.endIndex))) this.archVars.add(key);
    this.substitutionsIn(node);
  }

  private declaration(node: Node, nested: boolean): void {
    const keyword = node.child(0)?.type ?? '';
    const args: string[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'variable_assignment') {
        const { key, value } = this.assignmentParts(child);
        if (key && keyword !== 'local') this.local.set(key, value);
        args.push(
          `${key}=${value ?? this.source.slice(child.startIndex, child.endIndex).slice(key.length + 1)}`,
        );
      } else {
        args.push(this.word(child).value);
        if (keyword === 'unset') this.local.set(child.text, undefined as unknown as null);
      }
    }
    this.newCommand(node, keyword, args, nested);
    this.substitutionsIn(node);
  }

  /** Visits commands inside $( ), ` `, <( ) and >( ) found within a word. */
  private substitutionsIn(node: Node): void {
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      const saved = this.pending;
      this.pending = null;
      for (const child of node.children) if (child) this.visit(child, true);
      this.pending = saved;
      return;
    }
    if (node.childCount === 0) return;
    for (const child of node.namedChildren) if (child) this.substitutionsIn(child);
  }

  /**
   * The fields an argument becomes: an unquoted expansion with a known value is split on blanks
   * as the shell splits it (`apt-get install $DEPS` installs each name; an empty one vanishes);
   * quoted text stays one field.
   */
  private fields(node: Node): string[] {
    const unquoted =
      node.type === 'simple_expansion' ||
      node.type === 'expansion' ||
      (node.type === 'concatenation' &&
        node.namedChildren.some((c) => c?.type === 'simple_expansion' || c?.type === 'expansion') &&
        !node.namedChildren.some((c) => c && QUOTED.has(c.type)));
    const w = this.word(node);
    if (!unquoted || w.unresolved) return [w.value];
    return w.value.split(/[ \t\n]+/).filter(Boolean);
  }

  /**
   * `case "$(dpkg --print-architecture)" in amd64) ...;; arm64) ...;; esac`: on linux/amd64 only
   * the matching branch runs, so only its commands are walked. Returns false when the case is not
   * about the architecture (or no branch decides), and the caller walks every branch.
   */
  private archCase(node: Node, nested: boolean): boolean {
    const value = node.childForFieldName('value');
    if (!value || !this.isArchWord(value)) return false;
    for (const item of node.namedChildren) {
      if (!item || item.type !== 'case_item') continue;
      const patterns: string[] = [];
      const body: Node[] = [];
      for (let i = 0; i < item.childCount; i++) {
        const child = item.child(i);
        if (!child) continue;
        if (item.fieldNameForChild(i) === 'value') patterns.push(this.word(child).value);
        else body.push(child);
      }
      if (!patterns.some((p) => AMD64_NAMES.some((a) => globMatches(p, a)))) continue;
      for (const child of body) this.visit(child, true);
      return true;
    }
    return false;
  }

  /** The word names the build's architecture: `$(dpkg --print-architecture)`, `$(uname -m)`, $TARGETARCH. */
  private isArchWord(node: Node): boolean {
    const text = this.source.slice(node.startIndex, node.endIndex);
    if (ARCH_PROBE.test(text)) return true;
    const m = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(text);
    return !!m && (m[1] === 'TARGETARCH' || this.archVars.has(m[1]));
  }

  /** The value of a shell word with quotes removed and known variables substituted. */
  word(node: Node): { value: string; unresolved: boolean } {
    const src = this.source;
    const text = src.slice(node.startIndex, node.endIndex);
    switch (node.type) {
      case 'word':
      case 'command_name':
        if (node.type === 'command_name' && node.namedChildCount > 0) {
          const inner = node.namedChild(0);
          if (inner) return this.word(inner);
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
        const v = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? this.lookup(name) : undefined;
        return typeof v === 'string' ? { value: v, unresolved: false } : { value: text, unresolved: true };
      }
      case 'expansion':
        return processWord(text, '\\', this.lookup, { removeQuotes: false });
      case 'command_substitution':
      case 'process_substitution':
      case 'arithmetic_expansion':
        return { value: text, unresolved: true };
      case 'string':
      case 'concatenation':
      case 'translated_string': {
        let value = '';
        let unresolved = false;
        let at = node.startIndex;
        const quoted = node.type !== 'concatenation';
        for (const child of node.children) {
          if (!child) continue;
          if (child.startIndex > at) value += src.slice(at, child.startIndex);
          at = child.endIndex;
          if (!child.isNamed) {
            if (quoted && (child.type === '"' || child.type === '$"')) continue;
            value += src.slice(child.startIndex, child.endIndex);
            continue;
          }
          const w = this.word(child);
          value += w.value;
          unresolved ||= w.unresolved;
        }
        if (node.endIndex > at) value += src.slice(at, node.endIndex);
        return { value, unresolved };
      }
      default:
        return { value: text, unresolved: false };
    }
  }
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

function collectErrors(root: Node, source: string): { offset: number; message: string }[] {
  const errors: { offset: number; message: string }[] = [];
  const cursor = root.walk();
  try {
    let visitedChildren = false;
    for (;;) {
      if (!visitedChildren) {
        const node = cursor.currentNode;
        if (node.isMissing) {
          errors.push({ offset: node.startIndex, message: `Shell syntax error: missing "${node.type}".` });
        } else if (node.type === 'ERROR') {
          const snippet = source
            .slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 30))
            .replace(/\s+/g, ' ');
          errors.push({ offset: node.startIndex, message: `Shell syntax error near "${snippet}".` });
        }
        if (errors.length >= MAX_ERRORS) break;
        if (node.type !== 'ERROR' && node.hasError && cursor.gotoFirstChild()) continue;
      }
      if (cursor.gotoNextSibling()) {
        visitedChildren = false;
        continue;
      }
      if (!cursor.gotoParent()) break;
      visitedChildren = true;
    }
  } finally {
    cursor.delete();
  }
  return errors;
}
