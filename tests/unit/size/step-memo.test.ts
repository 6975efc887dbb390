// The per-instruction step memo (size/step-memo.ts) never changes an estimate: after random edits
// of corpus files (a variable's value, one RUN, two instructions swapped, the base image's tag, a
// line inserted), an estimate that resumes from the memo equals one from scratch. A memo whose key
// leaves out the state before the step (the chain) must fail the same check: the test can fail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shellParserLoaded, parseDockerfile } from '../../../src/engine/node';
import { estimateWith, memoizedBaseImages, memoSizer } from '../../../src/engine/size';
import { packageSizer } from '../../../src/engine/size/packages';
import { createStepMemo } from '../../../src/engine/size/step-memo';
import type { StepMemo } from '../../../src/engine/size/step-memo';
import { resolveOptions } from '../../../src/engine/options';
import type { DockerfileModel, Instruction } from '../../../src/engine/model';
import { corpusDir, corpusFiles } from '../parse/helpers';

const files = corpusFiles('step memo test');
const opts = resolveOptions({});
const packages = memoSizer(packageSizer);
const plain = { bases: memoizedBaseImages, packages };

beforeAll(() => shellParserLoaded);

/** A small seeded generator, so a failure names an edit that can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Edit = (model: DockerfileModel, pick: () => number) => { name: string; text: string } | null;

function splice(text: string, at: number, end: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(end);
}

function any<T>(list: T[], pick: () => number): T | null {
  return list.length ? list[Math.floor(pick() * list.length)] : null;
}

const body = (model: DockerfileModel) =>
  model.instructions.filter((i) => i.keyword !== 'FROM' && i.stage >= 0);

/** A new value for an ARG or ENV (every later instruction that reads it changes). */
const changeVariable: Edit = (model, pick) => {
  const ins = any(
    model.instructions.filter((i) => (i.keyword === 'ARG' || i.keyword === 'ENV') && /=\S/.test(i.raw)),
    pick,
  );
  if (!ins) return null;
  const at = ins.span.start + ins.raw.indexOf('=') + 1;
  return { name: `value on line ${ins.span.line}`, text: splice(model.text, at, at, 'x9') };
};

/** One RUN gets another command (a package install, so that the ledger changes). */
const editRun: Edit = (model, pick) => {
  const run = any(
    body(model).filter((i) => i.keyword === 'RUN' && i.form === 'shell' && !i.heredocs.length),
    pick,
  );
  if (!run) return null;
  const add = pick() < 0.5 ? ' && rm -rf /var/lib/apt/lists/*' : ' && apt-get install -y curl';
  return { name: `RUN on line ${run.span.line}`, text: splice(model.text, run.span.end, run.span.end, add) };
};

/** Two neighbouring instructions of one stage swapped. */
const swap: Edit = (model, pick) => {
  const list = body(model);
  const pairs = list.slice(0, -1).flatMap((a, k) => {
    const b = list[k + 1];
    return a.stage === b.stage && b.index === a.index + 1 ? [[a, b] as [Instruction, Instruction]] : [];
  });
  const pair = any(pairs, pick);
  if (!pair) return null;
  const [a, b] = pair;
  const t = model.text;
  const text =
    t.slice(0, a.span.start) + b.raw + t.slice(a.span.end, b.span.start) + a.raw + t.slice(b.span.end);
  return { name: `swap lines ${a.span.line} and ${b.span.line}`, text };
};

/** The first stage's base image changes (everything after it must be sized again). */
const rebase: Edit = (model) => {
  const from = model.stages[0]?.from;
  if (!from || model.stages[0].implicit) return null;
  const image = /alpine/.test(from.raw) ? 'debian:bookworm-slim' : 'alpine:3.20';
  const text = splice(
    model.text,
    from.span.start,
    from.span.end,
    `FROM ${image}${from.stageName ? ` AS ${from.stageName}` : ''}`,
  );
  return { name: `base image on line ${from.span.line}`, text };
};

/** A line inserted before an instruction (every later line moves). */
const insertLine: Edit = (model, pick) => {
  const ins = any(body(model), pick);
  if (!ins) return null;
  return {
    name: `line before ${ins.span.line}`,
    text: splice(model.text, ins.span.start, ins.span.start, 'ENV ADDED=1\n'),
  };
};

const EDITS: Edit[] = [changeVariable, editRun, swap, rebase, insertLine];

/** For every corpus file and edit: the estimate with the memo (warmed on the original) and without. */
function compare(memo: StepMemo, seed: number): { compared: number; differing: string[] } {
  const pick = random(seed);
  const withMemo = { ...plain, steps: memo };
  const differing: string[] = [];
  let compared = 0;
  for (const file of files) {
    const original = readFileSync(path.join(corpusDir, file), 'utf8');
    const model = parseDockerfile(original);
    estimateWith(model, opts, withMemo);
    for (const edit of EDITS) {
      const edited = edit(model, pick);
      if (!edited) continue;
      const next = parseDockerfile(edited.text);
      const warm = JSON.stringify(estimateWith(next, opts, withMemo));
      const cold = JSON.stringify(estimateWith(next, opts, plain));
      compared++;
      if (warm !== cold) differing.push(`${file}: ${edited.name}`);
    }
    // The original again: every step known, the result as before.
    const again = JSON.stringify(estimateWith(model, opts, withMemo));
    if (again !== JSON.stringify(estimateWith(model, opts, plain))) differing.push(`${file}: unedited`);
  }
  return { compared, differing };
}

describe.skipIf(files.length === 0)('the per-instruction size memo', () => {
  it('gives the from-scratch estimate after random edits of corpus files', () => {
    const memo = createStepMemo();
    const { compared, differing } = compare(memo, 29);
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(files.length * 3);
    const stats = memo.stats();
    expect(stats.hits).toBeGreaterThan(stats.misses / 4); // the memo was used, not only filled
  }, 600_000);

  it('is caught by the same check when its key leaves out the state before the step', () => {
    const stateless = createStepMemo({ chain: (_previous, step) => step });
    const { differing } = compare(stateless, 29);
    expect(differing.length).toBeGreaterThan(0);
  }, 600_000);

  it('takes a snapshot at every stage end and resumes a stage another text went on with', () => {
    const memo = createStepMemo({ every: 1000 });
    const deps = { ...plain, steps: memo };
    const short = 'FROM debian:bookworm-slim AS build\nRUN apt-get update && apt-get install -y curl\n';
    const long = `${short}RUN apt-get install -y git\nFROM build\nCOPY --from=build /usr /usr\n`;
    estimateWith(parseDockerfile(short), opts, deps);
    const warm = estimateWith(parseDockerfile(long), opts, deps);
    expect(memo.stats().hits).toBe(2);
    expect(JSON.stringify(warm)).toBe(JSON.stringify(estimateWith(parseDockerfile(long), opts, plain)));
  });
});
