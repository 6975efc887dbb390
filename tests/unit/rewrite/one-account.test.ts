// One account of what a command does, for the multi-stage syntheses too: the Node.js, static-site
// and Python synthesizers decide from the parser's effects, never from the commands' words. With
// every RUN command's program and arguments blanked out (effects kept), each decision is the same:
// whether a synthesis is offered, its stages and images, the deps stage, why it is withheld.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DockerfileModel } from '../../../src/engine/model';
import { singleStageFacts, type SynthesisResult } from '../../../src/engine/synthesize/common';
import { synthesizeNode } from '../../../src/engine/synthesize/node';
import { synthesizeStatic } from '../../../src/engine/synthesize/static';
import { synthesizePython } from '../../../src/engine/synthesize/python';
import { corpusRoot, df, parseDockerfile, ready } from './helpers';

beforeAll(async () => {
  await ready;
});

type Edit = (m: DockerfileModel) => void;

/** Each RUN command's program and arguments replaced by meaningless words (effects kept). */
const blankWords: Edit = (m) => {
  for (const ins of m.stages.flatMap((s) => s.instructions))
    if ('shell' in ins && ins.shell)
      for (const cmd of ins.shell.commands) {
        cmd.name = 'blank';
        cmd.args = cmd.args.map(() => 'word');
        cmd.text = 'blank';
      }
};

/** Each RUN's effects dropped (words kept): the check below must then fail. */
const dropEffects: Edit = (m) => {
  for (const ins of m.stages.flatMap((s) => s.instructions))
    if ('shell' in ins && ins.shell) ins.shell.effects = [];
};

/** What a synthesis decided; the texts it copies from the commands aside. */
function decisions(r: SynthesisResult | null) {
  if (!r) return null;
  const lines = r.text.split('\n');
  const deps = lines.indexOf(lines.find((l) => / AS deps$/.test(l)) ?? '');
  return {
    ecosystem: r.ecosystem,
    images: lines.filter((l) => l.startsWith('FROM ')),
    deps: deps >= 0 ? lines.slice(deps, lines.indexOf('', deps)) : [],
    finalStage: lines.slice(lines.lastIndexOf('') + 1).filter((l) => !l.startsWith('RUN ')),
    explanation: r.explanation,
    caveats: r.caveats,
    withheldAt: r.withheld ? (/line (\d+)/.exec(r.withheld)?.[1] ?? 'yes') : null,
  };
}

function synthesized(text: string, edit?: Edit) {
  const m = structuredClone(parseDockerfile(text)) as DockerfileModel;
  edit?.(m);
  const facts = singleStageFacts(m);
  if (!facts) return null;
  return {
    node: decisions(synthesizeNode(facts)),
    static: decisions(synthesizeStatic(facts)),
    python: decisions(synthesizePython(facts)),
  };
}

const NODE = df(
  'FROM node:20',
  'RUN apt-get update && apt-get install -y python3 make g++ && rm -rf /var/lib/apt/lists/*',
  'RUN corepack enable && npm install -g pm2',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  'COPY . .',
  'RUN npx prisma generate && npm run build',
  'RUN groupadd -r app && useradd -r -g app app && mkdir logs && chown -R app logs && ln -s /app/logs /logs',
  'USER app',
  'CMD ["pm2-runtime", "dist/server.js"]',
);

const PYTHON = df(
  'FROM python:3.12',
  'RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev gcc',
  'WORKDIR /srv',
  'COPY requirements.txt .',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  'RUN mkdir -p /srv/media && touch /srv/media/.keep',
  'CMD ["gunicorn", "app:app"]',
);

describe('the syntheses decide from effects only', () => {
  it('a Node.js stage with setup, a global tool, prisma, a build and carried users synthesizes the same with its words blanked', () => {
    const original = synthesized(NODE);
    expect(original?.node?.deps).toContain('RUN npm ci --omit=dev');
    expect(original?.node?.caveats.join(' ')).toMatch(/prisma generate/);
    expect(original?.node?.images).toEqual([
      'FROM node:20 AS deps',
      'FROM node:20 AS build',
      'FROM node:20-slim',
    ]);
    expect(synthesized(NODE, blankWords)).toEqual(original);
    // The check can fail: without the effects, no install is found and nothing is synthesized.
    expect(synthesized(NODE, dropEffects)?.node).toBeNull();
  });

  it('a Python stage (pip from a requirements file, carried folders) synthesizes the same with its words blanked', () => {
    const original = synthesized(PYTHON);
    expect(original?.python?.images).toEqual(['FROM python:3.12 AS build', 'FROM python:3.12-slim']);
    expect(synthesized(PYTHON, blankWords)).toEqual(original);
    expect(synthesized(PYTHON, dropEffects)?.python).toBeNull();
  });

  it('a RUN the synthesis does not know is still the reason it is withheld, words or not', () => {
    const text = NODE.replace('USER app', 'RUN ./fetch-assets.sh\nUSER app');
    const original = synthesized(text);
    expect(original?.node?.withheldAt).toBe('10');
    expect(synthesized(text, blankWords)).toEqual(original);
  });

  const dir = path.join(corpusRoot, 'dockerfiles');
  it.skipIf(!existsSync(dir))(
    'every corpus file gets the same Node.js, static and Python decisions with its words blanked',
    () => {
      const differ: string[] = [];
      let offered = 0;
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.Dockerfile'))) {
        const text = readFileSync(path.join(dir, f), 'utf8');
        const original = synthesized(text);
        if (original && Object.values(original).some(Boolean)) offered++;
        if (JSON.stringify(synthesized(text, blankWords)) !== JSON.stringify(original)) differ.push(f);
      }
      expect(offered).toBeGreaterThan(0);
      expect(differ).toEqual([]);
    },
  );
});
