// The runner: central suppression (playground / hadolint pragmas, stage and global ignores, BuildKit
// check=skip), disabled rules, the Finding fields and savings measured by the size model.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/engine/node';
import { resolveOptions } from '../../../src/engine/options';
import { estimateImage } from '../../../src/engine/size';
import { runRules, parsePragmas, MAX_SAVINGS_ESTIMATES } from '../../../src/engine/rules/run';
import { df, lint, ready } from './helpers';

beforeAll(ready);

const ids = (text: string, options = {}) => lint(text, undefined, options).map((o) => o.finding.ruleId);

describe('suppression', () => {
  const base = ['FROM debian:12-slim', 'USER nobody'];
  it('warn: an apt install without cleanup (control)', () => {
    expect(ids(df(...base, 'RUN apt-get update && apt-get install -y curl'))).toContain(
      'apt-lists-not-removed',
    );
  });
  it("don't warn: # playground ignore=<id> above the instruction", () => {
    const found = ids(
      df(
        ...base,
        '# playground ignore=apt-lists-not-removed,pin-os-packages',
        'RUN apt-get update && apt-get install -y curl',
      ),
    );
    expect(found).not.toContain('apt-lists-not-removed');
    expect(found).not.toContain('pin-os-packages');
    expect(found).toContain('apt-no-install-recommends');
  });
  it("don't warn: # hadolint ignore=DL3009,DL3015 for the rules mapped to those ids", () => {
    const found = ids(
      df(...base, '# hadolint ignore=DL3009,DL3015', 'RUN apt-get update && apt-get install -y curl'),
    );
    expect(found).not.toContain('apt-lists-not-removed');
    expect(found).not.toContain('apt-no-install-recommends');
    expect(found).toContain('pin-os-packages');
  });
  it('a hadolint id only suppresses the finding it maps to (DL3008 keeps apk pinning findings)', () => {
    const found = lint(
      df(...base, '# hadolint ignore=DL3008', 'RUN apt-get install -y curl && apk add git'),
      'pin-os-packages',
    );
    expect(found.map((o) => o.finding.aliases)).toEqual([['DL3018', 'd3499f6d-1651-41bb-a9a7-de925fea487b']]);
  });
  it('a pragma applies only to the instruction directly below', () => {
    const found = ids(
      df(...base, '# hadolint ignore=DL3009', 'RUN echo', 'RUN apt-get update && apt-get install -y curl'),
    );
    expect(found).toContain('apt-lists-not-removed');
  });
  it("don't warn: global ignore (hadolint and playground)", () => {
    for (const pragma of [
      '# hadolint global ignore=DL3009',
      '# playground global ignore=apt-lists-not-removed',
    ]) {
      const found = ids(df(pragma, ...base, 'RUN apt-get update && apt-get install -y curl'));
      expect(found, pragma).not.toContain('apt-lists-not-removed');
    }
  });
  it("don't warn: stage ignore above FROM applies to the whole stage", () => {
    const text = df(
      '# playground stage ignore=pin-os-packages',
      ...base,
      'RUN apt-get install -y curl',
      'RUN apt-get install -y git',
    );
    expect(ids(text)).not.toContain('pin-os-packages');
  });
  it("don't warn: BuildKit # check=skip=JSONArgsRecommended", () => {
    expect(ids(df('# check=skip=JSONArgsRecommended', ...base, 'CMD node server.js'))).not.toContain(
      'json-args',
    );
    expect(ids(df(...base, 'CMD node server.js'))).toContain('json-args');
  });
  it('disabledRules turns a rule off', () => {
    expect(ids(df(...base, 'CMD node server.js'), { disabledRules: ['json-args'] })).not.toContain(
      'json-args',
    );
  });
  it('parses pragmas with a trailing reason', () => {
    expect([...parsePragmas([' hadolint ignore=DL3008, DL3015 # pinned elsewhere'], 'line')]).toEqual([
      'dl3008',
      'dl3015',
    ]);
    expect([...parsePragmas([' playground global ignore=x'], 'line')]).toEqual([]);
  });
});

describe('findings', () => {
  it('carry rule id, technique, severity, lines, aliases, title, fix and its safety', () => {
    const [o] = lint(df('FROM node:22-slim', 'CMD node server.js'), 'json-args');
    expect(o.finding).toMatchObject({
      ruleId: 'json-args',
      technique: 'correctness',
      severity: 'warning',
      line: 2,
      endLine: 2,
      aliases: ['DL3025', 'JSONArgsRecommended', 'b86987e1-6397-4619-81d5-8807f2387c79'],
      fixable: true,
      fixSafety: 'safe',
      title: 'Use the JSON (exec) form for CMD and ENTRYPOINT',
      savingsBytes: null,
    });
    expect(o.finding.fix?.edits).toEqual(o.fix?.edits);
  });
  it('are sorted by line', () => {
    const lines = lint(df('FROM node:22', 'RUN npm install', 'CMD npm start')).map((o) => o.finding.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
  it('never throw on broken input', () => {
    for (const text of [
      '',
      'FROM',
      'RUN echo',
      '\\\n',
      'FROM a AS\nCOPY --from= . .\nEXPOSE\nENV\nWORKDIR\nUSER\n',
      '{{ template }}\n',
    ]) {
      expect(() => lint(text)).not.toThrow();
    }
  });
});

describe('savings come from the size model', () => {
  it('are measured for size techniques with a fix, null otherwise, never negative', () => {
    const text = df('FROM python:3.12', 'RUN pip install flask==3.0.3', 'CMD python app.py');
    const model = parseDockerfile(text);
    const opts = resolveOptions();
    const outcomes = runRules(model, opts, estimateImage(model, opts));
    for (const o of outcomes) {
      const sized = o.fix && o.fix.safety !== 'display-only' && o.rule.meta.technique !== 'correctness';
      if (!sized) expect(o.finding.savingsBytes, o.finding.ruleId).toBeNull();
      else expect(o.finding.savingsBytes ?? 0, o.finding.ruleId).toBeGreaterThanOrEqual(0);
    }
    const pip = outcomes.find((o) => o.finding.ruleId === 'pip-no-cache-dir');
    expect(pip?.finding.savingsBytes).not.toBeNull();
  });
  it('are bounded', () => expect(MAX_SAVINGS_ESTIMATES).toBeLessThanOrEqual(40));
});
