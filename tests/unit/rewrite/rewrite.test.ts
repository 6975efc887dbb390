// The rewriter's mechanics: steps and their ids, safety and switches, overlap deferral, the checks
// that drop a step (syntax, promises, growth), idempotence and bounds; plus the promise comparison,
// offset mapping and the suggested .dockerignore.
import { beforeAll, describe, expect, it } from 'vitest';
import { rewriteDockerfile, MAX_STEPS } from '../../../src/engine/rewrite';
import { BLOW_UP_CPU_MS, withCpuTime } from '../cpu-time';
import { editsConflict, mapBack } from '../../../src/engine/rewrite/apply';
import { applyEdits } from '../../../src/engine/primitives/edits';
import { suggestDockerignore } from '../../../src/engine/rewrite/dockerignore';
import { excludes } from '../../../src/engine/rewrite/verify/dockerignore';
import { resolveOptions } from '../../../src/engine/options';
import { estimateImage } from '../../../src/engine/size';
import type { RuleOutcome } from '../../../src/engine/rules/run';
import type { Fix, Rule } from '../../../src/engine/rules/types';
import type { FixSafety } from '../../../src/engine/types';
import type { DockerfileModel } from '../../../src/engine/model';
import { analyze, df, parseDockerfile, promisesBroken, ready, syntaxErrors } from './helpers';

beforeAll(async () => {
  await ready;
});

const NODE_NAIVE = df(
  'FROM node:20',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm install',
  'RUN npm run build',
  'CMD ["node", "dist/server.js"]',
);

// ---------------------------------------------------------------------------------------------
// Crafted outcomes: the rewriter's mechanics independent of which rules exist.

function fakeRule(id: string): Rule {
  return {
    meta: {
      id,
      technique: 'other',
      severity: 'info',
      title: id,
      hadolint: [],
      buildChecks: [],
      references: [],
      fixable: 'always',
      fixSafety: 'safe',
    },
    docs: { whatItDoes: '', whyItMatters: '', before: '', after: '', fixSafety: '', whenNotToUse: '' },
    check: () => [],
  };
}

function outcome(
  model: DockerfileModel,
  id: string,
  line: number,
  safety: FixSafety,
  edits: Fix['edits'],
): RuleOutcome {
  const fix: Fix = { title: `fix ${id}`, safety, edits };
  return {
    rule: fakeRule(id),
    fix,
    finding: {
      ruleId: id,
      technique: 'other',
      severity: 'info',
      line,
      endLine: line,
      message: `finding ${id}`,
      savingsBytes: null,
      fixable: safety !== 'display-only',
      aliases: [],
      column: 1,
    },
  };
}

function rewriteWith(text: string, make: (m: DockerfileModel) => RuleOutcome[], options = {}) {
  const model = parseDockerfile(text);
  const opts = resolveOptions({ disabledRules: ['multi-stage'], ...options });
  const estimate = estimateImage(model, opts);
  return rewriteDockerfile(model, make(model), opts, estimate);
}

/** An edit replacing the first occurrence of `find` in the text. */
function replace(text: string, find: string, by: string) {
  const start = text.indexOf(find);
  if (start < 0) throw new Error(`no ${find}`);
  return { start, end: start + find.length, text: by };
}

const BASE = df('FROM debian:bookworm-slim', 'LABEL a=b', 'WORKDIR /srv', 'EXPOSE 8080', 'CMD ["./server"]');

describe('steps: safety, switches and ids', () => {
  it('a safe fix is applied and listed with ruleId@line, enabled, a measured saving and its title', () => {
    const r = rewriteWith(BASE, (m) => [
      outcome(m, 'x-label', 2, 'safe', [replace(m.text, 'LABEL a=b', 'LABEL a=b c=d')]),
    ]);
    expect(r.dockerfile).toContain('LABEL a=b c=d');
    const step = r.steps.find((s) => s.ruleId === 'x-label')!;
    expect(step).toMatchObject({
      id: 'x-label@2',
      enabled: true,
      title: 'fix x-label',
      explanation: 'finding x-label',
    });
    expect(step.savingsBytes).toBeGreaterThanOrEqual(0);
  });

  it('an unsafe fix is listed switched off, and applied when its id (or rule id) is enabled', () => {
    const make = (m: DockerfileModel) => [
      outcome(m, 'x-unsafe', 2, 'unsafe', [replace(m.text, 'LABEL a=b', 'LABEL a=b z=1')]),
    ];
    const off = rewriteWith(BASE, make);
    expect(off.dockerfile).toBe(BASE);
    expect(off.steps.find((s) => s.id === 'x-unsafe@2')).toMatchObject({ enabled: false });
    const on = rewriteWith(BASE, make, { rewrite: { enabledSteps: ['x-unsafe@2'] } });
    expect(on.steps.find((s) => s.id === 'x-unsafe@2')).toMatchObject({ enabled: true });
    const byRule = rewriteWith(BASE, make, { rewrite: { enabledSteps: ['x-unsafe'] } });
    expect(byRule.steps.find((s) => s.id === 'x-unsafe@2')?.enabled).toBe(true);
  });

  it('a disabled safe step stays off but listed; display-only fixes are never steps', () => {
    const make = (m: DockerfileModel) => [
      outcome(m, 'x-safe', 3, 'safe', [replace(m.text, 'WORKDIR /srv', 'WORKDIR /srv/')]),
      outcome(m, 'x-display', 2, 'display-only', [replace(m.text, 'LABEL a=b', 'LABEL q=r')]),
    ];
    const r = rewriteWith(BASE, make, { rewrite: { disabledSteps: ['x-safe@3'] } });
    expect(r.dockerfile).toBe(BASE);
    expect(r.steps.find((s) => s.id === 'x-safe@3')).toMatchObject({ enabled: false });
    expect(r.steps.some((s) => s.ruleId === 'x-display')).toBe(false);
  });

  it('overlapping fixes: one per pass, the other deferred (and gone once the text changed)', () => {
    const r = rewriteWith(BASE, (m) => [
      outcome(m, 'x-a', 2, 'safe', [replace(m.text, 'LABEL a=b', 'LABEL a=b z=1')]),
      outcome(m, 'x-b', 2, 'safe', [replace(m.text, 'a=b', 'a=b y=2')]),
    ]);
    expect(r.dockerfile).toContain('LABEL a=b z=1\n');
    expect(r.steps.filter((s) => s.enabled && s.ruleId.startsWith('x-')).map((s) => s.ruleId)).toEqual([
      'x-a',
    ]);
  });

  it('non-overlapping fixes of one pass are all applied', () => {
    const r = rewriteWith(BASE, (m) => [
      outcome(m, 'x-a', 2, 'safe', [replace(m.text, 'LABEL a=b', 'LABEL a=b z=1')]),
      outcome(m, 'x-b', 3, 'safe', [replace(m.text, 'WORKDIR /srv', 'WORKDIR /srv/')]),
    ]);
    expect(r.dockerfile).toContain('LABEL a=b z=1');
    expect(r.dockerfile).toContain('WORKDIR /srv/');
  });
});

describe('steps that would do harm are dropped', () => {
  it('a step that makes a syntax error', () => {
    const r = rewriteWith(BASE, (m) => [
      outcome(m, 'x-broken', 2, 'safe', [replace(m.text, 'LABEL a=b', 'LABELL a=b')]),
    ]);
    expect(r.dockerfile).toBe(BASE);
    // Listed as withheld, with its reason, and not counted.
    const step = r.steps.find((s) => s.ruleId === 'x-broken');
    expect(step?.status).toBe('withheld');
    expect(step?.enabled).toBe(false);
    expect(step?.withheldReason).toMatch(/would not parse/);
  });

  it.each([
    ['CMD', 'CMD ["./server"]', 'CMD ["./other"]'],
    ['EXPOSE', 'EXPOSE 8080', 'EXPOSE 9090'],
    ['LABEL', 'LABEL a=b', 'LABEL a=c'],
    ['WORKDIR', 'WORKDIR /srv', 'WORKDIR /opt'],
  ])('a step that changes %s (a promise of the final image)', (_k, from, to) => {
    const r = rewriteWith(BASE, (m) => [outcome(m, 'x-promise', 2, 'safe', [replace(m.text, from, to)])]);
    expect(r.dockerfile).toBe(BASE);
  });

  it('a step that grows the estimate', () => {
    const text = df('FROM debian:bookworm-slim', 'RUN true', 'CMD ["bash"]');
    const r = rewriteWith(text, (m) => [
      outcome(m, 'x-grow', 2, 'safe', [
        replace(m.text, 'RUN true', 'RUN apt-get update && apt-get install -y openjdk-17-jdk'),
      ]),
    ]);
    expect(r.dockerfile).toBe(text);
    expect(r.estimate.uncompressedBytes).toBeLessThanOrEqual(
      estimateImage(parseDockerfile(text), resolveOptions()).uncompressedBytes,
    );
  });

  it('input with syntax errors is left unchanged', () => {
    const text = df('FROM node:20', 'RUNN npm install', 'CMD ["node", "x.js"]');
    const a = analyze(text);
    expect(a.rewrite.dockerfile).toBe(text);
  });
});

describe('the whole pipeline', () => {
  it('multi-stage synthesis comes first, alone, with its explanation and caveats; later passes fix on top', () => {
    const a = analyze(NODE_NAIVE);
    const ms = a.rewrite.steps.find((s) => s.id === 'multi-stage')!;
    expect(ms).toMatchObject({ ruleId: 'multi-stage', technique: 'multi-stage', enabled: true });
    expect(ms.explanation).toMatch(/deps/);
    expect(ms.caveats!.length).toBeGreaterThan(0);
    expect(a.rewrite.dockerfile).toMatch(/AS deps/);
    expect(syntaxErrors(a.rewrite.dockerfile)).toBe(0);
    expect(a.rewrite.estimate.uncompressedBytes).toBeLessThan(a.estimate.uncompressedBytes);
    expect(promisesBroken(NODE_NAIVE, a.rewrite.dockerfile)).toEqual([]);
  });

  it('an install followed by a cleanup RUN: joined once, the lists are not deleted twice', () => {
    const a = analyze(
      df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl',
        'RUN apt-get clean && rm -rf /var/lib/apt/lists/*',
        'CMD ["curl", "--version"]',
      ),
    );
    expect(a.rewrite.dockerfile.match(/rm -rf \/var\/lib\/apt\/lists/g)).toHaveLength(1);
    expect(a.rewrite.dockerfile).toMatch(
      /apt-get install -y curl \\\n\s+&& apt-get clean && rm -rf \/var\/lib\/apt\/lists\/\*/,
    );
    expect(a.rewrite.estimate.uncompressedBytes).toBeLessThan(a.estimate.uncompressedBytes);
  });

  it('after the synthesis, switched-off steps are those found on the synthesized text', () => {
    const a = analyze(NODE_NAIVE);
    const after = a.rewrite.dockerfile.split('\n');
    for (const s of a.rewrite.steps.filter((x) => !x.enabled && x.id !== 'dockerignore')) {
      const line = Number(s.id!.split('@')[1]);
      expect(line).toBeGreaterThan(0);
      expect(line).toBeLessThanOrEqual(after.length);
    }
  });

  it('switching multi-stage off keeps one stage and lists the step as off', () => {
    const a = analyze(NODE_NAIVE, { rewrite: { disabledSteps: ['multi-stage'] } });
    expect(a.rewrite.dockerfile).not.toMatch(/AS deps/);
    expect(a.rewrite.steps.find((s) => s.id === 'multi-stage')).toMatchObject({ enabled: false });
  });

  it('the .dockerignore is a step of its own; switched off, none is suggested', () => {
    const on = analyze(NODE_NAIVE);
    expect(on.rewrite.dockerignore).toMatch(/^\*\*\/node_modules$/m);
    expect(on.rewrite.steps.find((s) => s.id === 'dockerignore')).toMatchObject({
      technique: 'dockerignore',
      enabled: true,
    });
    const off = analyze(NODE_NAIVE, { rewrite: { disabledSteps: ['dockerignore'] } });
    expect(off.rewrite.dockerignore).toBeNull();
    expect(off.rewrite.steps.find((s) => s.id === 'dockerignore')).toMatchObject({ enabled: false });
  });

  it('no .dockerignore step without a missing-dockerignore finding (it would save nothing)', () => {
    const named = analyze(
      df('FROM node:20-slim', 'WORKDIR /app', 'COPY server.js .', 'CMD ["node", "server.js"]'),
    );
    expect(named.findings.some((f) => f.ruleId === 'missing-dockerignore')).toBe(false);
    expect(named.rewrite.steps.some((s) => s.id === 'dockerignore')).toBe(false);
    expect(named.rewrite.dockerignore).toBeNull();
    const whole = analyze(df('FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["node", "server.js"]'));
    expect(whole.findings.some((f) => f.ruleId === 'missing-dockerignore')).toBe(true);
    expect(whole.rewrite.steps.some((s) => s.id === 'dockerignore')).toBe(true);
  });

  it('savings are measured in application order and add up to the total reduction', () => {
    const a = analyze(NODE_NAIVE);
    const sum = a.rewrite.steps.filter((s) => s.enabled).reduce((n, s) => n + s.savingsBytes, 0);
    expect(sum).toBe(a.estimate.uncompressedBytes - a.rewrite.estimate.uncompressedBytes);
  });

  it('rewriting is idempotent', () => {
    for (const text of [
      NODE_NAIVE,
      df('FROM ubuntu:22.04', 'RUN apt-get update', 'RUN apt-get install -y curl', 'CMD ["bash"]'),
      df(
        'FROM python:3.12',
        'WORKDIR /app',
        'COPY . .',
        'RUN pip install -r requirements.txt',
        'CMD ["python", "app.py"]',
      ),
    ]) {
      const once = analyze(text).rewrite.dockerfile;
      expect(analyze(once).rewrite.dockerfile).toBe(once);
    }
  });

  it('every step id is unique and every technique is from the vocabulary', () => {
    const a = analyze(
      df(
        'FROM ubuntu:latest',
        'RUN apt-get update',
        'RUN apt-get install -y curl',
        'RUN apt install -y git',
        'COPY . /app',
        'CMD ["bash"]',
      ),
    );
    const ids = a.rewrite.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a huge file stays bounded', () => {
    const lines = ['FROM ubuntu:22.04'];
    for (let k = 0; k < 150; k++) lines.push(`RUN apt-get install pkg${k}`);
    lines.push('CMD ["bash"]');
    const { result: a, cpuMs } = withCpuTime(() => analyze(df(...lines)));
    expect(a.rewrite.steps.filter((s) => s.enabled).length).toBeLessThanOrEqual(MAX_STEPS + 1);
    expect(syntaxErrors(a.rewrite.dockerfile)).toBe(0);
    expect(cpuMs).toBeLessThan(3 * BLOW_UP_CPU_MS);
  });
});

describe('promises', () => {
  it('exec and simple shell forms of CMD are the same promise; other changes are not', () => {
    const base = df('FROM alpine', 'CMD npm start');
    expect(promisesBroken(base, df('FROM alpine', 'CMD ["npm", "start"]'))).toEqual([]);
    expect(promisesBroken(base, df('FROM alpine', 'CMD ["npm", "run", "start"]'))).toEqual(['CMD']);
  });

  it('a USER may be added where there was none, never changed', () => {
    expect(
      promisesBroken(df('FROM alpine', 'CMD ["x"]'), df('FROM alpine', 'USER app', 'CMD ["x"]')),
    ).toEqual([]);
    expect(promisesBroken(df('FROM alpine', 'USER a'), df('FROM alpine', 'USER b'))).toEqual(['USER']);
  });

  it('ENV, LABEL, EXPOSE, VOLUME, HEALTHCHECK, STOPSIGNAL, ENTRYPOINT and WORKDIR must survive', () => {
    const before = df(
      'FROM alpine',
      'ENV A=1 B=2',
      'LABEL x=y',
      'EXPOSE 80 443/tcp',
      'VOLUME /data',
      'HEALTHCHECK CMD wget -q -O- localhost || exit 1',
      'STOPSIGNAL SIGTERM',
      'WORKDIR /srv',
      'ENTRYPOINT ["/init"]',
    );
    expect(promisesBroken(before, before)).toEqual([]);
    expect(promisesBroken(before, df('FROM alpine', 'WORKDIR /srv'))).toEqual(
      expect.arrayContaining([
        'ENV A',
        'ENV B',
        'LABEL x',
        'EXPOSE',
        'VOLUME',
        'HEALTHCHECK',
        'STOPSIGNAL',
        'ENTRYPOINT',
      ]),
    );
    // Promises of the final stage are read through FROM <stage> chains.
    const multi = df('FROM alpine AS base', 'ENV A=1 B=2', 'FROM base', 'CMD ["x"]');
    expect(promisesBroken(multi, df('FROM alpine', 'ENV A=1', 'CMD ["x"]'))).toEqual(['ENV B']);
  });
});

describe('offsets', () => {
  it('mapBack maps through insertions and replacements; inserted text maps to null', () => {
    const edits = [
      { start: 2, end: 2, text: 'XX' },
      { start: 5, end: 7, text: 'Y' },
    ];
    // "abcdefgh" → "abXXcdeYh"
    expect(applyEdits('abcdefgh', edits)).toBe('abXXcdeYh');
    expect(mapBack(0, edits)).toBe(0);
    expect(mapBack(2, edits)).toBeNull();
    expect(mapBack(4, edits)).toBe(2);
    expect(mapBack(8, edits)).toBe(7);
  });

  it('conflicts: intersecting ranges and two insertions at one point', () => {
    expect(editsConflict({ start: 0, end: 3, text: '' }, { start: 2, end: 5, text: '' })).toBe(true);
    expect(editsConflict({ start: 0, end: 3, text: '' }, { start: 3, end: 5, text: '' })).toBe(false);
    expect(editsConflict({ start: 4, end: 4, text: 'a' }, { start: 4, end: 4, text: 'b' })).toBe(true);
    expect(editsConflict({ start: 4, end: 4, text: 'a' }, { start: 2, end: 6, text: '' })).toBe(true);
  });
});

describe('suggested .dockerignore', () => {
  it('per ecosystem, never excluding what the Dockerfile copies or tests', () => {
    const node = suggestDockerignore(parseDockerfile(NODE_NAIVE))!;
    for (const e of [
      '.git',
      '**/node_modules',
      '.env',
      '*.log',
      '.vscode',
      '.idea',
      'Dockerfile*',
      'coverage',
      'dist',
    ])
      expect(node.split('\n')).toContain(e);
    const prebuilt = suggestDockerignore(
      parseDockerfile(df('FROM nginx:alpine', 'COPY dist/ /usr/share/nginx/html')),
    )!;
    expect(prebuilt.split('\n')).not.toContain('dist');
    const tested = suggestDockerignore(
      parseDockerfile(df('FROM python:3.12', 'COPY . .', 'RUN pytest tests/')),
    )!;
    expect(tested.split('\n')).not.toContain('tests');
    expect(tested.split('\n')).toContain('**/__pycache__');
    expect(suggestDockerignore(parseDockerfile(df('FROM golang:1.22', 'COPY . .')))!.split('\n')).toContain(
      'bin',
    );
    expect(suggestDockerignore(parseDockerfile(df('FROM rust:1', 'COPY . .')))!.split('\n')).toContain(
      'target',
    );
  });

  it('local dependency folders are excluded at any depth, unless the Dockerfile copies one', () => {
    const text = suggestDockerignore(
      parseDockerfile(df('FROM node:20', 'WORKDIR /app', 'COPY . .', 'COPY web/ ./web/', 'RUN npm ci')),
    )!;
    const lines = text.split('\n');
    // A monorepo's packages/a/node_modules and web/node_modules stay out, as the root one does.
    for (const path of ['node_modules', 'web/node_modules', 'packages/a/node_modules/x'])
      expect(lines.some((l) => excludes(l, path))).toBe(true);
    // Build outputs stay anchored at the root: a source folder named build/ deeper down is kept.
    expect(lines.some((l) => excludes(l, 'src/build/index.ts'))).toBe(false);
    const prebuilt = suggestDockerignore(
      parseDockerfile(df('FROM node:20', 'COPY . .', 'COPY vendor/node_modules ./node_modules')),
    )!;
    expect(prebuilt.split('\n').some((l) => excludes(l, 'vendor/node_modules'))).toBe(false);
  });

  it('null when nothing comes from the build context', () => {
    expect(suggestDockerignore(parseDockerfile(df('FROM alpine', 'RUN echo hi')))).toBeNull();
    expect(
      suggestDockerignore(parseDockerfile(df('FROM alpine', 'COPY --from=busybox /bin/sh /sh'))),
    ).toBeNull();
  });
});

describe('static front-ends through the whole rewriter', () => {
  it('keeps the nginx synthesis although the Node app folder (WORKDIR) is gone', () => {
    const text = df(
      'FROM node:18',
      'WORKDIR /app',
      'COPY package.json .',
      'RUN npm install',
      'COPY . .',
      'RUN npm run build',
      'RUN npm install -g serve',
      'EXPOSE 3000',
      'CMD ["serve", "-s", "build", "-l", "3000"]',
    );
    const a = analyze(text);
    expect(a.rewrite.steps.find((s) => s.id === 'multi-stage')?.enabled).toBe(true);
    expect(a.rewrite.dockerfile).toMatch(/^FROM nginx:alpine$/m);
    expect(a.rewrite.estimate.uncompressedBytes).toBeLessThan(a.estimate.uncompressedBytes * 0.2);
    expect(syntaxErrors(a.rewrite.dockerfile)).toBe(0);
  });
});
