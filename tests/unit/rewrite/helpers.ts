// Helpers for the rewriter's tests: the engine through src/engine/node.ts (which loads the shell
// parser's wasm), and checks shared by the synthesizer, rewriter, seed and corpus tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeSync, parseDockerfile, shellParserLoaded } from '../../../src/engine/node';
import type { AnalyzeOptions, Analysis } from '../../../src/engine/types';
import type { DockerfileModel, Stage } from '../../../src/engine/model';
import { brokenPromises, extractPromises } from '../../../src/engine/promises';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

export const ready = shellParserLoaded;
export { analyzeSync, parseDockerfile };

export function df(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeSync(text, options);
}

export function finalStage(model: DockerfileModel): Stage {
  return model.stages.find((s) => s.final) ?? model.stages[model.stages.length - 1];
}

/** The final stage's base image as written. */
export function finalBase(text: string): string {
  return finalStage(parseDockerfile(text)).from.image;
}

/** Lines of the final stage (FROM included), trimmed. */
export function finalLines(text: string): string[] {
  const m = parseDockerfile(text);
  const s = finalStage(m);
  return s.instructions.map((i) => i.raw.trim());
}

/** What the final image of `before` promised and `after` no longer keeps. */
export function promisesBroken(before: string, after: string, allow: string[] = []): string[] {
  return brokenPromises(
    extractPromises(parseDockerfile(before)),
    extractPromises(parseDockerfile(after)),
    new Set(allow as never[]),
  );
}

export function syntaxErrors(text: string): number {
  return parseDockerfile(text).syntaxErrors.length;
}

export function reduction(a: Analysis): number {
  const before = a.estimate.uncompressedBytes;
  return before ? 1 - a.rewrite.estimate.uncompressedBytes / before : 0;
}

export function mb(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
