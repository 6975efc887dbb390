// Corpus pass: every real Dockerfile of ../shared/corpus runs through all rules without throwing;
// prints the number of findings per rule (a reviewable signal when rules change).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/engine/node';
import { resolveOptions } from '../../../src/engine/options';
import { estimateImage } from '../../../src/engine/size';
import { runRules } from '../../../src/engine/rules/run';
import { allRules } from '../../../src/engine/rules/registry';
import { applyEdits } from '../../../src/engine/primitives/edits';
import { corpusDir, ready } from './helpers';

const present = existsSync(corpusDir);
if (!present)
  console.warn(`[rules corpus] skipped: ${corpusDir} is absent (the shared corpus is not checked out).`);

beforeAll(ready);

describe.skipIf(!present)('rules over the shared corpus', () => {
  it('runs every rule on every file without throwing; fixes stay inside the text and do not overlap', () => {
    const files = readdirSync(corpusDir).filter((f) => f.endsWith('.Dockerfile') || f.includes('Dockerfile'));
    expect(files.length).toBeGreaterThan(0);
    const counts = new Map<string, number>(allRules.map((r) => [r.meta.id, 0]));
    const errors: string[] = [];
    const started = Date.now();
    for (const file of files) {
      const text = readFileSync(path.join(corpusDir, file), 'utf8');
      const model = parseDockerfile(text);
      const opts = resolveOptions();
      const outcomes = runRules(model, opts, estimateImage(model, opts), {
        skipSavings: true,
        onError: (rule, error) =>
          errors.push(`${file}: ${rule.meta.id}: ${error instanceof Error ? error.message : String(error)}`),
      });
      for (const o of outcomes) {
        counts.set(o.finding.ruleId, (counts.get(o.finding.ruleId) ?? 0) + 1);
        expect(o.finding.line).toBeGreaterThanOrEqual(1);
        if (!o.fix) continue;
        const edits = [...o.fix.edits].sort((a, b) => a.start - b.start);
        for (let i = 0; i < edits.length; i++) {
          expect(edits[i].start).toBeGreaterThanOrEqual(0);
          expect(edits[i].end).toBeLessThanOrEqual(text.length);
          if (i > 0) expect(edits[i].start).toBeGreaterThanOrEqual(edits[i - 1].end);
        }
        expect(typeof applyEdits(text, edits)).toBe('string');
      }
    }
    const ms = Date.now() - started;
    const table = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    console.log(
      `[rules corpus] ${files.length} files, ${table.reduce((n, [, c]) => n + c, 0)} findings in ${ms} ms\n` +
        table.map(([id, n]) => `  ${String(n).padStart(5)}  ${id}`).join('\n'),
    );
    expect(errors).toEqual([]);
  });
});
