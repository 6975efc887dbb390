// One owner per rewrite step (issue 17, item 2): the multi-stage step is the multi-stage rule's fix,
// carrying its explanation and the promises it changes; the rewriter offers nothing of its own, and
// the central pragma code alone decides what is suppressed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, df, ready, repoRoot } from './helpers';

beforeAll(async () => {
  await ready;
});

const VENV = df(
  'FROM python:3.12',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY . .',
  'CMD ["python", "app.py"]',
);

describe('multi-stage has one owner', () => {
  it('a synthesis without a build in the final stage is the rule’s finding (info) and its fix is the step', () => {
    const a = analyze(VENV);
    const finding = a.findings.find((f) => f.ruleId === 'multi-stage');
    expect(finding?.severity).toBe('info');
    expect(finding?.fixable).toBe(true);
    const step = a.rewrite.steps.find((s) => s.id === 'multi-stage');
    expect(step?.status).toBe('applied');
    // The step explains itself with the fix's own words, not the finding's message.
    expect(step!.explanation).not.toBe(finding?.message);
    expect(finding?.message).toContain(step!.explanation);
  });

  it('a pragma above FROM switches it off through the central suppression', () => {
    const a = analyze('# playground ignore=multi-stage\n' + VENV);
    expect(a.findings.some((f) => f.ruleId === 'multi-stage')).toBe(false);
    expect(a.rewrite.steps.some((s) => s.ruleId === 'multi-stage')).toBe(false);
  });

  it('the rewriter neither synthesizes nor matches pragma text itself', () => {
    const src = readFileSync(path.join(repoRoot, 'src/engine/rewrite/index.ts'), 'utf8');
    expect(src).not.toMatch(/synthesizeMultiStage\(/);
    expect(src).not.toMatch(/ignore\\s\*=/);
  });

  it('rules import nothing from the rewriter: a fix carries its edits (the synthesis is its own module)', () => {
    const dir = path.join(repoRoot, 'src/engine/rules');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const imports = [...readFileSync(path.join(dir, f), 'utf8').matchAll(/from '([^']+)'/g)].map(
        (m) => m[1],
      );
      expect(
        imports.filter((i) => /(^|\/)rewrite(\/|$)/.test(i)),
        f,
      ).toEqual([]);
    }
  });
});
