// Trivy, Checkov and KICS ids on findings (issue 19): every table entry names a real rule or alias,
// findings carry the ids of their own check only, and SARIF lists them by tool.
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../../src/engine/rules/registry';
import {
  CROSS_REF_KEYS,
  CROSS_REF_SOURCES,
  crossRefIds,
  toolOfAlias,
} from '../../../src/engine/rules/cross-refs';
import { analyze } from '../../../src/engine/node';
import { formatSarif } from '../../../src/cli/sarif';
import { df, ready } from './helpers';

beforeAll(ready);

describe('cross-referenced ids', () => {
  it('every entry names one of our rules or one of their aliases, and each tool its source', () => {
    const known = new Set(allRules.flatMap((r) => [r.meta.id, ...r.meta.hadolint, ...r.meta.buildChecks]));
    for (const key of CROSS_REF_KEYS) expect(known.has(key), key).toBe(true);
    for (const source of Object.values(CROSS_REF_SOURCES)) expect(source).toMatch(/commit [0-9a-f]{12}/);
  });

  it('classifies ids by tool', () => {
    expect(toolOfAlias('DS026')).toBe('trivy');
    expect(toolOfAlias('CKV_DOCKER_2')).toBe('checkov');
    expect(toolOfAlias('CKV2_DOCKER_1')).toBe('checkov');
    expect(toolOfAlias('b03a748a-542d-44f4-bb86-9199ab4fd2d5')).toBe('kics');
    expect(toolOfAlias('DL3057')).toBeNull();
  });

  it('a finding carries the ids of its own check only (apt, not apk)', async () => {
    const { findings } = await analyze(df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl'));
    const pin = findings.find((f) => f.ruleId === 'pin-os-packages')!;
    expect(pin.aliases).toEqual(['DL3008', '965a08d7-ef86-4f14-8792-4a3b2098937e']);
    expect(crossRefIds('pin-os-packages', ['DL3018'])).toEqual(['d3499f6d-1651-41bb-a9a7-de925fea487b']);
  });

  it('MAINTAINER carries hadolint, BuildKit, Trivy, Checkov and KICS ids, also in SARIF', async () => {
    const analysis = await analyze(df('FROM alpine:3.20', 'MAINTAINER me@example.com'));
    const f = analysis.findings.find((x) => x.ruleId === 'maintainer-deprecated')!;
    expect(f.aliases).toEqual(
      expect.arrayContaining([
        'DL4000',
        'MaintainerDeprecated',
        'DS022',
        'CKV_DOCKER_6',
        '99614418-f82b-4852-a9ae-5051402b741c',
      ]),
    );
    const sarif = JSON.parse(formatSarif([{ file: 'Dockerfile', analysis }]));
    const rule = sarif.runs[0].tool.driver.rules.find(
      (r: { id: string }) => r.id === 'maintainer-deprecated',
    );
    expect(rule.properties).toMatchObject({
      trivy: ['DS022'],
      checkov: ['CKV_DOCKER_6'],
      kics: ['99614418-f82b-4852-a9ae-5051402b741c'],
    });
  });

  it('the lint settings can ignore a rule by another tool’s id', async () => {
    const text = df('FROM alpine:3.20', 'MAINTAINER me@example.com');
    const { findings, silencedFindings } = await analyze(text, { lint: { ignored: ['CKV_DOCKER_6'] } });
    expect(findings.some((f) => f.ruleId === 'maintainer-deprecated')).toBe(false);
    expect(silencedFindings?.[0]?.silencedBy).toBe('ckv_docker_6');
  });
});
