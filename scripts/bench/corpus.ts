// The shared corpus of real Dockerfiles (../shared/corpus beside the repository), read-only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../../shared/corpus/dockerfiles');

export interface CorpusFile {
  name: string;
  text: string;
}

/** The corpus files, or null (with the reason printed by the caller) when the folder is absent. */
export function loadCorpus(): CorpusFile[] | null {
  if (!existsSync(CORPUS_DIR)) return null;
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.Dockerfile'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS_DIR, name), 'utf8') }));
}
