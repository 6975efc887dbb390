// TEMPORARY stub: replaced by the parser (issue 3).
import type { DockerfileModel } from '../model';
export async function ensureShellParser(): Promise<void> {}
export function parseDockerfile(text: string): DockerfileModel {
  return { text, lineStarts: [0], directives: { syntax: null, escape: '\\', check: null, all: [] }, globalArgs: [], instructions: [], stages: [], syntaxErrors: [], globalIgnores: [] };
}
