// The parser's public surface: text → DockerfileModel (synchronous, never throws), and the
// one-time initialisation of the shell parser (web-tree-sitter + tree-sitter-bash).
import type { DockerfileModel } from '../model';
import { buildModel, emptyModel } from './dockerfile';
import { computeLineStarts } from '../primitives/lines';

export { ensureShellParser, setShellWasmSource, shellParserReady, shellParserProblem } from './shell';
export type { ShellWasmSource, WasmInput } from './shell';
export { parseImageRef, imageRepository, isScratch } from './images';
export type { ImageRef } from './images';
export { findStage } from './stages';
export { cacheOfPath, deriveEffects } from './effects/index';
export { KNOWN_KEYWORDS } from '../primitives/keywords';

/** Parses a Dockerfile. Synchronous and total: problems become `syntaxErrors`, never exceptions. */
export function parseDockerfile(text: string): DockerfileModel {
  const input = typeof text === 'string' ? text : '';
  try {
    return buildModel(input);
  } catch (error) {
    let lineStarts: number[];
    try {
      lineStarts = computeLineStarts(input);
    } catch {
      lineStarts = [0];
    }
    const model = emptyModel(input, lineStarts);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    model.syntaxErrors.push({ line: 1, column: 1, message: `The parser failed on this input (${message}).` });
    return model;
  }
}
