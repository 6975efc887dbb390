// The parser's instruction memo (parse/instruction-memo.ts) never changes a result: after
// random edits of corpus files (a variable's value, one RUN, two instructions swapped), parsing with
// warm memos equals parsing from scratch, and analyzing files in two different orders gives the same
// analyses. tests/unit/parse/memo-property.test.ts tries many more kinds of edits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/node';
import { parseDockerfile } from '../../../src/engine/parse/index';
import { clearInstructionMemo, instructionMemoStats } from '../../../src/engine/parse/instruction-memo';
import type { DockerfileModel, Instruction } from '../../../src/engine/model';
import { corpusDir, corpusFiles, loadShellParser } from './helpers';
import { canonical } from '../hardening/canonical';

const files = corpusFiles('incremental test');
const present = files.length > 0;

beforeAll(loadShellParser);

/** A small seeded generator, so a failure names an edit that can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Edit = { name: string; text: string };

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Changes the value of an ARG or ENV that a RUN reads (or any ARG/ENV when none is read). */
function changeVariable(model: DockerfileModel, pick: () => number): Edit | null {
  const candidates = model.instructions.flatMap((ins) =>
    ins.keyword === 'ARG' || ins.keyword === 'ENV'
      ? (ins as { pairs: { key: string; value: string | null }[] }).pairs
          .filter((p) => p.key && p.value)
          .map((p) => ({ ins, key: p.key }))
      : [],
  );
  const read = candidates.filter(({ key }) =>
    model.instructions.some((i) => i.keyword === 'RUN' && new RegExp(`\\$\\{?${key}\\b`).test(i.raw)),
  );
  const pool = read.length > 0 ? read : candidates;
  if (pool.length === 0) return null;
  const { ins, key } = pool[Math.floor(pick() * pool.length)];
  const at = ins.raw.indexOf(`${key}=`);
  if (at < 0) return null;
  const valueAt = ins.span.start + at + key.length + 1;
  return { name: `value of ${key}`, text: splice(model.text, valueAt, valueAt, 'x9') };
}

/** Adds a command to one RUN (shell form, no heredoc). */
function editRun(model: DockerfileModel, pick: () => number): Edit | null {
  const runs = model.instructions.filter(
    (i) => i.keyword === 'RUN' && i.form === 'shell' && i.heredocs.length === 0,
  );
  if (runs.length === 0) return null;
  const run = runs[Math.floor(pick() * runs.length)];
  return {
    name: `RUN on line ${run.span.line}`,
    text: splice(model.text, run.span.end, run.span.end, ' && true'),
  };
}

/** Swaps two neighbouring instructions of one stage (FROM excluded). */
function reorder(model: DockerfileModel, pick: () => number): Edit | null {
  const pairs = model.instructions
    .slice(0, -1)
    .map((a, i) => [a, model.instructions[i + 1]] as const)
    .filter(([a, b]) => a.stage === b.stage && a.keyword !== 'FROM' && b.keyword !== 'FROM');
  if (pairs.length === 0) return null;
  const [a, b] = pairs[Math.floor(pick() * pairs.length)];
  const t = model.text;
  const between = t.slice(a.span.end, b.span.start);
  return {
    name: `swap lines ${a.span.line} and ${b.span.line}`,
    text: t.slice(0, a.span.start) + b.raw + between + a.raw + t.slice(b.span.end),
  };
}

describe.skipIf(!present)('incremental parsing', () => {
  it('equals a from-scratch parse after random edits of corpus files', () => {
    const pick = random(17);
    let compared = 0;
    let variableEdits = 0;
    for (const file of files) {
      const original = readFileSync(path.join(corpusDir, file), 'utf8');
      const model = parseDockerfile(original);
      for (const edit of [changeVariable, editRun, reorder]) {
        const edited = edit(model, pick);
        if (!edited) continue;
        parseDockerfile(original); // the memo holds the instructions of the unedited text
        const warm = parseDockerfile(edited.text);
        clearInstructionMemo();
        const cold = parseDockerfile(edited.text);
        expect(warm, `${file}: ${edited.name}`).toEqual(cold);
        compared++;
        if (edit === changeVariable) variableEdits++;
      }
    }
    expect(compared).toBeGreaterThan(files.length);
    expect(variableEdits).toBeGreaterThan(20);
  });

  it('serves unchanged instructions from the memo, moved, and re-reads those whose variables changed', () => {
    clearInstructionMemo();
    const text = 'FROM alpine:3.20\nARG V=1\nRUN echo $V\nRUN apk add --no-cache curl\n';
    const first = parseDockerfile(text);
    const again = parseDockerfile(text);
    expect(instructionMemoStats()).toMatchObject({ hits: 2, misses: 2 });
    expect(again).toEqual(first);
    const changed = parseDockerfile(text.replace('V=1', 'V=2'));
    expect(instructionMemoStats()).toMatchObject({ hits: 3, misses: 3, staleReads: 1 });
    const echo = changed.instructions[2] as { shell: { commands: { args: string[] }[] } };
    expect(echo.shell.commands[0].args).toEqual(['2']);
    // Two lines inserted above: both RUNs are re-used, at their new lines and offsets.
    const moved = parseDockerfile(changed.text.replace('ARG', '# a\n\nARG'));
    expect(instructionMemoStats()).toMatchObject({ hits: 5, misses: 3 });
    const apk = moved.instructions[3] as Instruction & { shell: { commands: { span?: unknown }[] } };
    expect(apk.span).toMatchObject({ line: 6, start: first.instructions[3].span.start + 5 });
    expect(apk.shell.commands[0].span).toMatchObject({ line: 6 });
  });

  it('gives the same analyses when files are analyzed in two different orders', async () => {
    const sample = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / 40)) === 0).slice(0, 40);
    const texts = sample.map((f) => readFileSync(path.join(corpusDir, f), 'utf8'));
    const forward = [];
    for (const text of texts) forward.push(canonical(await analyze(text)));
    const backward: string[] = [];
    for (const text of [...texts].reverse()) backward.unshift(canonical(await analyze(text)));
    for (let i = 0; i < sample.length; i++) expect(backward[i], sample[i]).toBe(forward[i]);
  }, 600_000);
});
