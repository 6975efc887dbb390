// Shared pieces of the hardening tests: the corpus (read-only, beside the repository), the schema
// check plus the invariants the UI relies on, and a small seeded mutator for whole files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Analysis } from '../../../src/engine/types';
import { validateAnalysis } from '../cli/schema';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus');
export const corpusDir = path.join(corpusRoot, 'dockerfiles');

export interface CorpusFile {
  name: string;
  text: string;
}

/** The corpus Dockerfiles, or null when the shared folder is absent (the caller skips). */
export function loadCorpus(): CorpusFile[] | null {
  if (!existsSync(corpusDir)) return null;
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith('.Dockerfile') || name.endsWith('Dockerfile'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(corpusDir, name), 'utf8') }));
}

export const CORPUS_ABSENT = `corpus folder ${corpusDir} is absent: the corpus-based hardening tests are skipped`;

/** An analysis that ended in a caught exception carries this syntax error. */
export function internalErrors(analysis: Analysis): string[] {
  return analysis.syntaxErrors.map((e) => e.message).filter((m) => m.startsWith('Internal error'));
}

/**
 * Everything that must hold for any input: the schema, no caught exception, and the invariants the
 * page relies on (lines inside the text, fix edits inside the analyzed text, JSON round trip).
 */
export function problemsOf(text: string, analysis: Analysis): string[] {
  const problems = validateAnalysis(analysis);
  problems.push(...internalErrors(analysis).map((m) => `caught exception: ${m}`));
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const [i, f] of analysis.findings.entries()) {
    if (f.line > lineCount + 1 || f.endLine > lineCount + 1) {
      problems.push(`findings[${i}] (${f.ruleId}) lines ${f.line}-${f.endLine} past the end (${lineCount})`);
    }
    if (f.endLine < f.line) problems.push(`findings[${i}] (${f.ruleId}) endLine < line`);
    for (const edit of f.fix?.edits ?? []) {
      if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length)) {
        problems.push(
          `findings[${i}] (${f.ruleId}) fix edit ${edit.start}-${edit.end} outside 0-${text.length}`,
        );
      }
    }
  }
  const roundTrip = JSON.parse(JSON.stringify(analysis)) as unknown;
  if (validateAnalysis(roundTrip).length > 0) problems.push('the JSON round trip is not schema-valid');
  return problems;
}

/** Tokens that tend to confuse Dockerfile parsers (the same families as scripts/fuzz.ts). */
export const TRAP_TOKENS = [
  'FROM ',
  'RUN ',
  'COPY ',
  'ADD ',
  'ARG ',
  'ENV ',
  'ONBUILD ',
  'HEALTHCHECK ',
  'SHELL ',
  ' AS ',
  '--from=',
  '--mount=type=cache,target=/root/.cache',
  '\\\n',
  '`\n',
  '<<EOF\n',
  '<<-EOT\n',
  'EOF\n',
  '${A:-',
  '${B:+x}',
  '$C',
  '}',
  '"',
  "'",
  '["sh", "-c", "',
  ']',
  '# escape=`\n',
  '# escape=\\\n',
  '# syntax=docker/dockerfile:1\n',
  '# playground ignore=',
  '# hadolint ignore=DL3008\n',
  '&&',
  '||',
  '|',
  ';',
  '$(',
  ')',
  '\t',
  '\r\n',
  '\r',
  '\0',
  '\ufeff',
  '\u202e',
  ' RUN $B\n',
  'apt-get install -y ',
  'pip install -r r.txt',
  'npm ci',
  'apk add --no-cache ',
  '\u00e9\ud83d\udc33',
  '\ud800',
];
