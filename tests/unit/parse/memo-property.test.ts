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
import { edited, random } from './random-edits';
import { canonical } from '../hardening/canonical';

const files = corpusFiles('memo property test');
const texts = files.map((f) => ({ name: f, text: readFileSync(path.join(corpusDir, f), 'utf8') }));
const seed = Number(process.env.MEMO_SEED ?? Date.now() % 1_000_000);

beforeAll(loadShellParser);
afterEach(() => introduceMemoFlaw(null));

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
