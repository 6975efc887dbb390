// Input that is refused before parsing: binary data and generated text with too many instructions.
import type { LineTable } from './text';

/**
 * Real Dockerfiles have at most a few hundred instructions (183 in the largest of 151 real files);
 * thousands (4,651 chained ARGs, 12,000 RUN lines) only come from generated or hostile text and
 * cost seconds to parse, check and rewrite. Past the cap the file is refused with a clear error.
 */
export const MAX_INSTRUCTIONS = 1000;

export const HEREDOC = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

/** Counts instruction lines without parsing (continuations, comments and heredoc bodies skipped). */
export function tooManyInstructions(
  lines: LineTable,
): { line: number; column: number; message: string } | null {
  let count = 0;
  let continued = false;
  let heredocs: string[] = [];
  for (let l = 0; l < lines.count; l++) {
    const content = lines.line(l);
    if (heredocs.length > 0) {
      if (content.replace(/^\t+/, '').trimEnd() === heredocs[0]) heredocs.shift();
      continue;
    }
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!continued && ++count > MAX_INSTRUCTIONS)
      return {
        line: l + 1,
        column: 1,
        message: `This Dockerfile has more than ${MAX_INSTRUCTIONS.toLocaleString('en')} instructions; real ones have a few hundred at most, so it is not analyzed. Check that the right file was pasted, or split it.`,
      };
    continued = trimmed.endsWith('\\') || trimmed.endsWith('`');
    if (trimmed.includes('<<')) for (const m of trimmed.matchAll(HEREDOC)) heredocs.push(m[2]);
  }
  return null;
}

export function looksBinary(text: string): { line: number; column: number; message: string } | null {
  const nul = text.indexOf('\0');
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  let replaced = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    else if (c === 0xfffd) replaced++;
  }
  // A few bytes that were not UTF-8 (a Latin-1 comment) read as U+FFFD and do not make a file
  // binary; a file made mostly of them does.
  const binary = control / sample.length >= 0.05 || replaced / sample.length >= 0.25;
  if (nul < 0 && (sample.length < 16 || !binary)) return null;
  const offset = nul >= 0 ? nul : 0;
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return {
    line: lines.length,
    column: lines[lines.length - 1].length + 1,
    message:
      nul >= 0
        ? 'This does not look like a Dockerfile: it contains NUL bytes (binary data). Paste the text of a Dockerfile.'
        : 'This does not look like a Dockerfile: it is mostly control characters or bytes that are not UTF-8 text (binary data). Paste the text of a Dockerfile.',
  };
}
