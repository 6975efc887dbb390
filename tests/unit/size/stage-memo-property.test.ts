// Property: the stage memo (size/stage-memo.ts) never changes an estimate. Every corpus file is
// estimated with a memo, then edited at random (the edits of the instruction memo's property test)
// and the edited text estimated with the memo warm: the estimate must equal one from scratch, and
// the stages the memo holds must be exactly as they were when remembered (nothing a later estimate
// does may change them). A memo blind to a stage's lines after its FROM must be caught
// by the same check. The seed is printed with every failure; STAGE_MEMO_SEED=<n> replays it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/engine/parse/index';
import { resolveOptions } from '../../../src/engine/options';
import { createStageMemo, estimateImage, type StageMemo } from '../../../src/engine/size';
import type { StageState } from '../../../src/engine/size/ledger';
import { corpusDir, corpusFiles, loadShellParser } from '../parse/helpers';
import { edited, random } from '../parse/random-edits';

const files = corpusFiles('stage memo property test');
const texts = files.map((f) => ({ name: f, text: readFileSync(path.join(corpusDir, f), 'utf8') }));
const seed = Number(process.env.STAGE_MEMO_SEED ?? Date.now() % 1_000_000);
const opts = resolveOptions({});

beforeAll(loadShellParser);

/** A state as text, its package set included (JSON alone would drop a Set's contents). */
function stateText(st: StageState): string {
  return JSON.stringify({ ...st, osInstalled: [...st.osInstalled], os: { ...st.os } });
}

/** A memo that also keeps what each stage looked like when it was remembered. */
function watched(memo: StageMemo, keyOf: (key: string) => string = (k) => k) {
  const remembered: { key: string; state: StageState; text: string }[] = [];
  const wrapper: StageMemo = {
    get: (key) => memo.get(keyOf(key)),
    set: (key, record) => {
      remembered.push({ key, state: record.state, text: stateText(record.state) });
      memo.set(keyOf(key), record);
    },
    counts: memo.counts,
  };
  const changed = () => remembered.filter((r) => stateText(r.state) !== r.text).map((r) => r.key.slice(-60));
  return { memo: wrapper, changed };
}

const estimate = (text: string, memo?: StageMemo) =>
  JSON.stringify(estimateImage(parseDockerfile(text), opts, undefined, memo));

/** Estimates `rounds` random edits of every corpus file both ways; the edits whose results differ. */
function differences(start: number, rounds: number, keyOf?: (key: string) => string, names?: string[]) {
  const pick = random(start);
  const failed: string[] = [];
  const mutated: string[] = [];
  let checked = 0;
  let hits = 0;
  for (const { name, text } of texts) {
    const { memo, changed } = watched(createStageMemo(), keyOf);
    estimate(text, memo);
    for (let r = 0; r < rounds; r++) {
      const edit = edited(text, pick, names);
      if (!edit) continue;
      checked++;
      if (estimate(edit.text, memo) !== estimate(edit.text)) failed.push(`${name}: ${edit.what}`);
    }
    hits += memo.counts.hits;
    mutated.push(...changed().map((k) => `${name}: …${k}`));
  }
  return { checked, failed, mutated, hits };
}

describe.skipIf(texts.length === 0)('stage memo property', () => {
  it('an estimate with stages remembered from the unedited text equals one from scratch', () => {
    const { checked, failed, mutated, hits } = differences(seed, 3);
    expect(failed, `seed ${seed}`).toEqual([]);
    expect(mutated, `seed ${seed}: remembered stages changed by a later estimate`).toEqual([]);
    expect(checked).toBeGreaterThan(texts.length * 2);
    // The check means something only if stages were really taken from the memo.
    expect(hits).toBeGreaterThan(texts.length / 4);
  }, 600_000);

  it("finds a memo blind to the lines after a stage's FROM", () => {
    // The key cut after the FROM line of its stage (the last FROM in the text it was made from).
    const fromOnly = (key: string) => {
      const from = key.toUpperCase().lastIndexOf('FROM ');
      const end = key.indexOf('\n', from);
      return from < 0 || end < 0 ? key : key.slice(0, end);
    };
    const { checked, failed } = differences(11, 1, fromOnly, ['change a line', 'delete a line']);
    expect(checked).toBeGreaterThan(texts.length / 2);
    expect(failed.length, failed.slice(0, 3).join('\n')).toBeGreaterThan(texts.length / 10);
    console.log(`blind after FROM: ${failed.length} of ${checked} edited files differ, e.g. ${failed[0]}`);
  }, 600_000);
});
