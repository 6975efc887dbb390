// Shell parsing of RUN (and shell-form CMD/ENTRYPOINT) with web-tree-sitter + tree-sitter-bash.
// The wasm is supplied by the host (setShellWasmSource): URLs in the browser worker, bytes in Node.
// Until the parser is ready (or when it cannot load), a small built-in splitter is used instead,
// so parseDockerfile stays synchronous and always returns commands.
import { Parser, Language } from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';
import type { ShellScript } from '../model';
import type { Lookup } from './variables';
import { fallbackCommands } from './shell-fallback';
import { Walker } from './shell-walker';
import { plainTree } from './shell-tree';
import { simpleCommands } from './shell-simple';

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
  // The grammar downloads while the runtime loads, not after it (two requests in parallel).
  const bash =
    source.bash instanceof Uint8Array ? Promise.resolve(source.bash) : download(String(source.bash));
  // Settled here too, so a failed download cannot go unhandled while the runtime loads.
  bash.catch(() => {});
  const runtime = source.runtime;
  if (runtime instanceof Uint8Array) await Parser.init({ wasmBinary: runtime });
  else {
    const url = String(runtime);
    await Parser.init({ locateFile: () => url });
  }
  const language = await Language.load(await bash);
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
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
  // A script of plain words joined by && || | ; needs no parse tree (shell-simple.ts).
  const simple = simpleCommands(source, options.lookup);
  if (simple) {
    script.commands = simple;
    applySetFlags(script);
    return script;
  }
  parseTree(source, options, script);
  return script;
}

/** What the tree-sitter walk makes of `source`, simple or not (tests compare it with shell-simple.ts). */
export function treeSitterScript(source: string, options: ShellParseOptions): ShellScript | null {
  if (!parser) return null;
  const script = emptyScript(source);
  script.errexit = options.errexit ?? false;
  script.pipefail = options.pipefail ?? false;
  parseTree(source, options, script);
  return script;
}

function parseTree(source: string, options: ShellParseOptions, script: ShellScript): void {
  if (!parser) return;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(source);
    if (!tree) return;
    const walker = new Walker(source, options.lookup);
    walker.visit(plainTree(tree), false);
    script.commands = walker.commands;
    applySetFlags(script);
    if (tree.rootNode.hasError) script.errors = collectErrors(tree.rootNode, source);
  } catch (error) {
    script.errors.push({ offset: 0, message: `The shell parser failed: ${String(error)}` });
  } finally {
    tree?.delete();
  }
}

/** The tree-sitter tree of `source` handed to `read`, then freed; null before the parser is ready (tests). */
export function readShellTree<T>(source: string, read: (tree: Tree) => T): T | null {
  const tree = parser?.parse(source);
  if (!tree) return null;
  try {
    return read(tree);
  } finally {
    tree.delete();
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
