// The page's small pure helpers: Learn addresses, the unsafe-fix preview, the embed's folded diff,
// stage labels.
import { describe, expect, it } from 'vitest';
import { learnHref, parseLearnRoute } from '../../../src/ui/router';
import { fixPreview } from '../../../src/ui/fix-preview';
import { foldUnchanged, lineDiff } from '../../../src/embed/diff';
import { stageLabel } from '../../../src/ui/format';

describe('Learn addresses', () => {
  it('reads #learn and #learn/<rule>, and nothing else', () => {
    expect(parseLearnRoute('#learn')).toEqual({ rule: null });
    expect(parseLearnRoute('#learn/')).toEqual({ rule: null });
    expect(parseLearnRoute('#learn/apt-lists-not-removed')).toEqual({ rule: 'apt-lists-not-removed' });
    expect(parseLearnRoute('#v1/abc')).toBeNull();
    expect(parseLearnRoute('#example/node-naive')).toBeNull();
    expect(parseLearnRoute('#learning')).toBeNull();
    expect(parseLearnRoute('')).toBeNull();
  });

  it('round-trips any rule id through its link', () => {
    for (const id of ['cache-mount', 'DL3008', 'a b/c%'])
      expect(parseLearnRoute(learnHref(id))).toEqual({ rule: id });
    expect(learnHref()).toBe('#learn');
  });
});

describe('fixPreview', () => {
  const text = 'FROM node:20\nRUN npm install\nCMD ["npm", "start"]\n';
  it('shows the whole changed lines, before and after', () => {
    const start = text.indexOf('npm install');
    const preview = fixPreview(text, [
      { start, end: start + 'npm install'.length, text: 'npm ci --omit=dev' },
    ]);
    expect(preview).toEqual({ line: 2, before: 'RUN npm install', after: 'RUN npm ci --omit=dev' });
  });

  it('spans several edits and lines', () => {
    const preview = fixPreview(text, [
      { start: text.indexOf('CMD'), end: text.indexOf('CMD') + 3, text: 'ENTRYPOINT' },
      { start: 0, end: 4, text: 'from' },
    ]);
    expect(preview.line).toBe(1);
    expect(preview.after).toBe('from node:20\nRUN npm install\nENTRYPOINT ["npm", "start"]');
  });
});

describe('foldUnchanged', () => {
  it('folds long unchanged runs into gaps, keeping 3 lines of context', () => {
    const before = Array.from({ length: 1000 }, (_, i) => `RUN echo ${i}`).join('\n');
    const after = before.replace('RUN echo 500', 'RUN echo five hundred');
    const folded = foldUnchanged(lineDiff(before, after)!);
    expect(folded.length).toBeLessThan(12);
    expect(folded.filter((d) => d.kind === 'gap').map((d) => (d.kind === 'gap' ? d.count : 0))).toEqual([
      497, 496,
    ]);
    expect(folded.filter((d) => d.kind === 'add')).toHaveLength(1);
  });
});

describe('stageLabel', () => {
  it('names a stage by its name, or counts from 1', () => {
    expect(stageLabel({ index: 0, name: null })).toBe('stage 1');
    expect(stageLabel({ index: 2, name: 'build' })).toBe('build');
  });
});
