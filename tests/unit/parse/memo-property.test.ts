// Property: the instruction memo (parse/instruction-memo.ts) never changes a result. Corpus files
// are edited at random (lines inserted, deleted or changed, a variable's value, a base image, a
// stage's name, a SHELL added, neighbouring instructions swapped, several edits at once); parsing
// and analyzing the edited text with the memo warm from the unedited one must equal doing it from
// scratch. The same check run against a memo with a deliberate flaw (a hit that ignores the
// variables read, or that leaves the stored positions unmoved) must find differences: that shows
// the check can fail. The seed is printed with every failure; MEMO_SEED=<n> replays it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSync } from '../../../src/engine/node';
import { parseDockerfile } from '../../../src/engine/parse/index';
import { clearInstructionMemo, introduceMemoFlaw } from '../../../src/engine/parse/instruction-memo';
import type { MemoFlaw } from '../../../src/engine/parse/instruction-memo';
import type { DockerfileModel } from '../../../src/engine/model';
import { corpusDir, corpusFiles, loadShellParser } from './helpers';
import { canonical } from '../hardening/canonical';

const files = corpusFiles('memo property test');
const texts = files.map((f) => ({ name: f, text: readFileSync(path.join(corpusDir, f), 'utf8') }));
const seed = Number(process.env.MEMO_SEED ?? Date.now() % 1_000_000);

beforeAll(loadShellParser);
afterEach(() => introduceMemoFlaw(null));

/** A small seeded generator, so a failure can be replayed from its seed. */
function random(start: number): () => number {
  let s = start >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Pick = () => number;
const choose = <T>(items: readonly T[], pick: Pick): T => items[Math.floor(pick() * items.length)];

/** One random edit of a text's lines; null when the text offers no place for it. */
type Edit = (lines: string[], model: DockerfileModel, pick: Pick) => string | null;

const INSERTED = [
  '',
  '# a comment',
  'RUN echo inserted',
  'ENV INSERTED=1',
  'ARG V9=x',
  'WORKDIR sub',
  'LABEL a=b',
];

const EDITS: Record<string, Edit> = {
  'insert a line': (lines, _m, pick) => {
    lines.splice(Math.floor(pick() * (lines.length + 1)), 0, choose(INSERTED, pick));
    return 'inserted';
  },
  'delete a line': (lines, _m, pick) =>
    lines.length > 1 ? lines.splice(Math.floor(pick() * lines.length), 1)[0] : null,
  'change a line': (lines, _m, pick) => {
    const at = Math.floor(pick() * lines.length);
    lines[at] = pick() < 0.5 ? `${lines[at]} x` : choose(lines, pick);
    return lines[at];
  },
  'change a variable': (lines, model, pick) => {
    const pairs = model.instructions.flatMap((ins) =>
      ins.keyword === 'ARG' || ins.keyword === 'ENV'
        ? (ins as { pairs: { key: string; value: string | null }[] }).pairs
            .filter((p) => p.key && p.value !== null)
            .map((p) => ({ line: ins.span.line - 1, key: p.key }))
        : [],
    );
    if (pairs.length === 0) return null;
    const { line, key } = choose(pairs, pick);
    if (!lines[line].includes(`${key}=`)) return null;
    lines[line] = lines[line].replace(`${key}=`, `${key}=v2`);
    return key;
  },
  'change a base image': (lines, model, pick) => {
    if (model.stages.length === 0) return null;
    const from = choose(model.stages, pick).from;
    if (from.span.line < 1) return null;
    const line = from.span.line - 1;
    if (!from.image || !lines[line].includes(from.image)) return null;
    lines[line] = lines[line].replace(
      from.image,
      choose(['alpine:3.20', 'debian:12-slim', 'scratch', 'builder'], pick),
    );
    return lines[line];
  },
  'rename a stage': (lines, model, pick) => {
    const named = model.stages.filter((s) => s.name && s.from.span.line >= 1);
    if (named.length === 0) return null;
    const line = choose(named, pick).from.span.line - 1;
    lines[line] = lines[line].replace(/(\s[Aa][Ss]\s+)(\S+)/, '$1$2x');
    return lines[line];
  },
  'add a SHELL': (lines, model, pick) => {
    const froms = model.stages.filter((s) => s.from.span.line >= 1);
    if (froms.length === 0) return null;
    const line = choose(froms, pick).from.span.endLine;
    lines.splice(line, 0, 'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]');
    return 'SHELL';
  },
  'swap two instructions': (lines, model, pick) => {
    const pairs = model.instructions
      .slice(0, -1)
      .map((a, i) => [a, model.instructions[i + 1]] as const)
      .filter(([a, b]) => a.stage === b.stage && a.keyword !== 'FROM');
    if (pairs.length === 0) return null;
    const [a, b] = choose(pairs, pick);
    const first = lines.slice(a.span.line - 1, a.span.endLine);
    const second = lines.slice(b.span.line - 1, b.span.endLine);
    const between = lines.slice(a.span.endLine, b.span.line - 1);
    lines.splice(a.span.line - 1, b.span.endLine - a.span.line + 1, ...second, ...between, ...first);
    return `${a.keyword}/${b.keyword}`;
  },
};

/** Applies one to three random edits; returns the edited text and what was done. */
function edited(text: string, pick: Pick, names = Object.keys(EDITS)): { text: string; what: string } | null {
  let current = text;
  const done: string[] = [];
  const count = 1 + Math.floor(pick() * 3);
  for (let i = 0; i < count; i++) {
    const name = choose(names, pick);
    const lines = current.split('\n');
    const detail = EDITS[name](lines, parseDockerfile(current), pick);
    if (detail === null) continue;
    current = lines.join('\n');
    done.push(`${name} (${detail.slice(0, 40)})`);
  }
  return done.length > 0 && current !== text ? { text: current, what: done.join(', ') } : null;
}

/** The edited text parsed with the memo warm from the original, and parsed from scratch. */
function parsedBothWays(original: string, text: string): { warm: DockerfileModel; cold: DockerfileModel } {
  clearInstructionMemo();
  const cold = parseDockerfile(text);
  clearInstructionMemo();
  parseDockerfile(original);
  return { warm: parseDockerfile(text), cold };
}

/** Checks `rounds` random edits of every corpus file; returns the descriptions of those that differ. */
function differences(start: number, rounds: number, names?: string[]): { checked: number; failed: string[] } {
  const pick = random(start);
  const failed: string[] = [];
  let checked = 0;
  for (const { name, text } of texts) {
    for (let r = 0; r < rounds; r++) {
      const edit = edited(text, pick, names);
      if (!edit) continue;
      const { warm, cold } = parsedBothWays(text, edit.text);
      checked++;
      if (JSON.stringify(warm) !== JSON.stringify(cold)) failed.push(`${name}: ${edit.what}`);
    }
  }
  return { checked, failed };
}

describe.skipIf(texts.length === 0)('instruction memo property', () => {
  it('a parse with the memo warm from the unedited text equals one from scratch', () => {
    const { checked, failed } = differences(seed, 3);
    expect(failed, `seed ${seed}`).toEqual([]);
    expect(checked).toBeGreaterThan(texts.length * 2);
  }, 600_000);

  it('an analysis with the memo warm from the unedited text equals one from scratch', () => {
    const pick = random(seed + 1);
    let checked = 0;
    for (const { name, text } of texts.filter((_, i) => i % 6 === 0)) {
      const edit = edited(text, pick);
      if (!edit) continue;
      clearInstructionMemo();
      const cold = canonical(analyzeSync(edit.text));
      clearInstructionMemo();
      analyzeSync(text); // phase 2 too: the memo then holds the fixed and rewritten texts' instructions
      const warm = canonical(analyzeSync(edit.text));
      expect(warm, `seed ${seed + 1}, ${name}: ${edit.what}`).toBe(cold);
      checked++;
    }
    expect(checked).toBeGreaterThan(texts.length / 8);
  }, 600_000);

  // The negative control: each flaw is found by the same check (fixed seeds: this must always hold).
  const flaws: [Exclude<MemoFlaw, null>, string[]][] = [
    ['ignores-variables', ['change a variable']],
    ['keeps-positions', ['insert a line', 'delete a line']],
  ];
  for (const [flaw, edits] of flaws) {
    it(`finds a memo that ${flaw.replace('-', ' ')}`, () => {
      introduceMemoFlaw(flaw);
      const { checked, failed } = differences(7, 1, edits);
      expect(checked).toBeGreaterThan(texts.length / 4);
      expect(failed.length, failed.slice(0, 3).join('\n')).toBeGreaterThan(0);
      console.log(`${flaw}: ${failed.length} of ${checked} edited files differ, e.g. ${failed[0]}`);
    }, 600_000);
  }
});
