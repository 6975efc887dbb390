// Writes one generated section of src/data/PROVENANCE.md, between
// <!-- generated:NAME:start --> and <!-- generated:NAME:end --> markers (appended when absent).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROVENANCE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'src',
  'data',
  'PROVENANCE.md',
);

export function writeProvenanceSection(name: string, markdown: string): void {
  const start = `<!-- generated:${name}:start -->`;
  const end = `<!-- generated:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const text = existsSync(PROVENANCE) ? readFileSync(PROVENANCE, 'utf8') : '# Data provenance\n';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next =
    i >= 0 && j > i
      ? text.slice(0, i) + block + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(PROVENANCE, next);
}

/** The current text of a generated section (without its markers), or null when absent. */
export function readProvenanceSection(name: string): string | null {
  const start = `<!-- generated:${name}:start -->`;
  const end = `<!-- generated:${name}:end -->`;
  const text = existsSync(PROVENANCE) ? readFileSync(PROVENANCE, 'utf8') : '';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  return i >= 0 && j > i ? text.slice(i + start.length, j) : null;
}
