// `.hadolint.yaml` (issue 19): the YAML subset parser, the engine applying the settings, and the
// command line finding the file or taking --config.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHadolintConfig, parseHadolintConfig } from '../../../src/engine/config/hadolint-config';
import { analyze } from '../../../src/engine/node';
import { main } from '../../../src/cli';
import { loadLintConfig } from '../../../src/cli/lint-config';

const CONFIG = `# team settings
ignored:
  - DL3008
  - pipefail
trustedRegistries: [docker.io, "my-company.com:5000"]
override:
  error:
    - DL3059 # consecutive RUNs
  style: [DL3015]
label-schema:
  author: text
strict-labels: true
failure-threshold: warning
`;

describe('parseHadolintConfig', () => {
  it('reads block lists, flow lists, nested maps, quotes and comments', () => {
    const { settings, warnings } = parseHadolintConfig(CONFIG);
    expect(warnings).toEqual([]);
    expect(settings).toEqual({
      ignored: ['DL3008', 'pipefail'],
      trustedRegistries: ['docker.io', 'my-company.com:5000'],
      override: { error: ['DL3059'], style: ['DL3015'] },
      labelSchema: { author: 'text' },
      strictLabels: true,
      failureThreshold: 'warning',
    });
  });

  it('reports unknown keys and unreadable lines, and keeps the rest', () => {
    const { settings, warnings } = parseHadolintConfig('ignored: [DL3000]\nfrobnicate: 1\nnot a setting\n');
    expect(settings.ignored).toEqual(['DL3000']);
    expect(warnings.join('\n')).toMatch(/frobnicate/);
    expect(warnings.join('\n')).toMatch(/Line 3/);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '- a\n- b', ':::', '\u0000\u0001', 'a:\n  - [\n'])
      expect(() => parseHadolintConfig(text)).not.toThrow();
  });
});

describe('the engine applies the settings', () => {
  const DOCKERFILE =
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n';
  it('silences ignored rules by hadolint id and overrides severities', async () => {
    const plain = await analyze(DOCKERFILE);
    expect(plain.findings.some((f) => f.aliases.includes('DL3008'))).toBe(true);
    const configured = await analyze(DOCKERFILE, {
      lint: { ignored: ['DL3008'], override: { error: ['apt-no-install-recommends'] } },
    });
    expect(configured.findings.some((f) => f.aliases.includes('DL3008'))).toBe(false);
    expect(configured.findings.find((f) => f.ruleId === 'apt-no-install-recommends')?.severity).toBe('error');
  });

  it('lists what the ignored list silenced, and nothing when it silences nothing', async () => {
    const plain = await analyze(DOCKERFILE);
    expect(plain.silencedFindings).toBeUndefined();
    const configured = await analyze(DOCKERFILE, { lint: { ignored: ['DL3008'] } });
    const silenced = configured.silencedFindings ?? [];
    expect(silenced.length).toBeGreaterThan(0);
    expect(silenced.every((f) => f.silencedBy === 'dl3008' && f.aliases.includes('DL3008'))).toBe(true);
    expect(silenced.map((f) => f.line)).toEqual(
      plain.findings.filter((f) => f.aliases.includes('DL3008')).map((f) => f.line),
    );
  });

  it('passes trusted registries and the label schema to the rules', async () => {
    const text = 'FROM quay.io/debian:12\nLABEL version="one"\n';
    const plain = await analyze(text);
    expect(plain.findings.some((f) => /DL30(26|49|56)/.test(f.aliases.join()))).toBe(false);
    const configured = await analyze(text, {
      lint: { trustedRegistries: ['docker.io'], labelSchema: { version: 'semver', source: 'url' } },
    });
    const ids = configured.findings.flatMap((f) => f.aliases);
    expect(ids).toEqual(expect.arrayContaining(['DL3026', 'DL3049', 'DL3056']));
  });
});

describe('the command line', () => {
  it('finds .hadolint.yaml in the working folder and fails at the threshold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hadolint-config-'));
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL3008]\nfailure-threshold: error\n');
    expect(loadLintConfig(null, dir).settings.ignored).toEqual(['DL3008']);
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'FROM debian:12\nWORKDIR app\n');
    const config = join(dir, 'strict.yaml');
    writeFileSync(config, 'failure-threshold: info\n');
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => out.push(t),
      readFile: (p: string) => readFileSync(p, 'utf8'),
      readStdin: () => '',
    };
    expect(await main(['analyze', file, '--config', config], io)).toBe(1);
    writeFileSync(config, 'ignored: [DL3000, DL3006, non-root-user]\nfailure-threshold: error\n');
    expect(await main(['analyze', file, '--config', config], io)).toBe(0);
    expect(await main(['analyze', file, '--config', join(dir, 'missing.yaml')], io)).toBe(3);
  });
});

describe('formatHadolintConfig', () => {
  it('writes what parseHadolintConfig reads back', () => {
    const settings = {
      ignored: ['DL3008', 'pin-os-packages'],
      override: { error: ['DL3007'], style: ['DL3059'] },
      trustedRegistries: ['docker.io', '*.example.com'],
      labelSchema: { 'org.opencontainers.image.source': 'url', maintainer: 'email' },
      strictLabels: true,
      failureThreshold: 'warning' as const,
    };
    const text = formatHadolintConfig(settings);
    expect(text).toContain('"*.example.com"');
    expect(parseHadolintConfig(text)).toEqual({ settings, warnings: [] });
  });
  it('writes nothing for no settings', () => expect(formatHadolintConfig({})).toBe(''));
});
