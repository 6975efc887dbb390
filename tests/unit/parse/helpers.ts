// Test helpers for the parser: load the shell parser from node_modules without importing the
// whole engine (so parser tests do not depend on the size model, rules or rewriter).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureShellParser, parseDockerfile, setShellWasmSource } from '../../../src/engine/parse/index';
import type { DockerfileModel, Effect, Instruction, RunInstruction } from '../../../src/engine/model';

const require = createRequire(import.meta.url);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/dockerfiles');

/** The corpus file names, sorted; empty (with a warning naming the test) when ../shared is absent. */
export function corpusFiles(testName: string): string[] {
  if (existsSync(corpusDir))
    return readdirSync(corpusDir)
      .filter((f) => !f.startsWith('.'))
      .sort();
  console.warn(
    `${testName} skipped: ${corpusDir} is absent (it lives in ../shared/corpus next to the repository)`,
  );
  return [];
}

let ready: Promise<void> | null = null;
export function loadShellParser(): Promise<void> {
  if (!ready) {
    setShellWasmSource({
      runtime: new Uint8Array(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))),
      bash: new Uint8Array(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'))),
    });
    ready = ensureShellParser();
  }
  return ready;
}

/** Parses lines joined with \n. */
export function parse(...lines: string[]): DockerfileModel {
  return parseDockerfile(lines.join('\n'));
}

export function runs(model: DockerfileModel): RunInstruction[] {
  return model.instructions.filter((i): i is RunInstruction => i.keyword === 'RUN');
}

export function only<K extends Instruction['keyword']>(model: DockerfileModel, keyword: K): Instruction[] {
  return model.instructions.filter((i) => i.keyword === keyword);
}

/** The effects of the first RUN of a one-stage Dockerfile made of `FROM debian` + the given RUN text. */
export function effectsOf(run: string, from = 'debian:12'): Effect[] {
  const model = parseDockerfile(`FROM ${from}\nRUN ${run}`);
  return runs(model)[0]?.shell.effects ?? [];
}

const peerDir = path.resolve(repoRoot, '../shared/peer-suites/files');

/**
 * The shell source of every RUN (ONBUILD triggers included) of the corpus and the peer suites'
 * files, deduplicated; empty when ../shared is absent. Call after loadShellParser().
 */
export function runSources(testName: string): string[] {
  const texts = corpusFiles(testName).map((f) => readFileSync(path.join(corpusDir, f), 'utf8'));
  if (existsSync(peerDir))
    for (const f of readdirSync(peerDir).sort()) texts.push(readFileSync(path.join(peerDir, f), 'utf8'));
  const sources = new Set<string>();
  for (const text of texts)
    for (const ins of parseDockerfile(text).instructions) {
      const run = ins.keyword === 'ONBUILD' && 'trigger' in ins ? ins.trigger : ins;
      if (run?.keyword === 'RUN' && 'shell' in run) sources.add(run.shell.source);
    }
  return [...sources];
}
