// RUNs the runtime stage repeats (users, folders, permissions) make the same folders as in the
// original: a `mkdir app` that ran in / before `WORKDIR /app` must not become /app/app.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { DockerfileModel, Stage } from '../../../src/engine/model';
import { resolvePath } from '../../../src/engine/primitives/paths';
import { baseWorkdir } from '../../../src/engine/size/index';
import { analyze, corpusRoot, df, finalStage, parseDockerfile, ready } from './helpers';

beforeAll(async () => {
  await ready;
});

/** The absolute folders a stage's RUNs make with mkdir, each resolved in the folder it ran in. */
function madeDirs(stage: Stage): string[] {
  const out: string[] = [];
  let wd: string | null = baseWorkdir(stage.from.resolvedImage ?? stage.from.image);
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR')
      wd = resolvePath(wd, ins.argsAfterFlags.trim().replace(/^["']|["']$/g, ''));
    if (ins.keyword !== 'RUN' || !('shell' in ins) || !ins.shell) continue;
    let cwd = wd;
    for (const e of ins.shell.effects) {
      if (e.kind === 'chdir') cwd = resolvePath(cwd, e.path);
      if (e.kind === 'make-dir') for (const p of e.paths) if (!p.includes('$')) out.push(resolvePath(cwd, p));
    }
  }
  return out;
}

const allMade = (m: DockerfileModel) => new Set(m.stages.flatMap(madeDirs));

/** Folders the rewrite's final stage makes that the original never made. */
function newFolders(text: string): string[] {
  const rewritten = analyze(text).rewrite.dockerfile;
  const before = allMade(parseDockerfile(text));
  return madeDirs(finalStage(parseDockerfile(rewritten))).filter((d) => !before.has(d));
}

describe('carried RUNs keep their working folder', () => {
  it('a mkdir before the first WORKDIR still makes /app, in the deps and the final stage', () => {
    const text = df(
      'FROM node:20',
      'RUN mkdir app',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN mkdir logs && chown node logs',
      'CMD ["node", "server.js"]',
    );
    const rewritten = parseDockerfile(analyze(text).rewrite.dockerfile);
    expect(rewritten.stages.length).toBeGreaterThan(1);
    for (const stage of rewritten.stages) {
      const made = madeDirs(stage);
      expect(made).not.toContain('/app/app');
    }
    expect(madeDirs(finalStage(rewritten))).toEqual(expect.arrayContaining(['/app', '/app/logs']));
    expect(newFolders(text)).toEqual([]);
  });

  it('a python runtime keeps a relative mkdir made under the app folder where it was', () => {
    const text = df(
      'FROM python:3.12',
      'WORKDIR /srv',
      'RUN mkdir -p data/uploads',
      'COPY requirements.txt .',
      'RUN pip install -r requirements.txt',
      'COPY . .',
      'CMD ["python", "app.py"]',
    );
    expect(newFolders(text)).toEqual([]);
  });

  it("before any WORKDIR, a RUN ran in the base image's own folder (golang: /go)", () => {
    expect(baseWorkdir('golang:1.22')).toBe('/go');
    expect(baseWorkdir('node:20')).toBe('/');
    const text = df(
      'FROM golang:1.22',
      'RUN mkdir data && chmod 777 data',
      'COPY . /src',
      'WORKDIR /src',
      'RUN CGO_ENABLED=0 go build -o /app .',
      'CMD ["/app"]',
    );
    const final = finalStage(parseDockerfile(analyze(text).rewrite.dockerfile));
    expect(madeDirs(final)).toContain('/go/data');
    expect(newFolders(text)).toEqual([]);
  });

  const dir = path.join(corpusRoot, 'dockerfiles');
  it.skipIf(!existsSync(dir))('corpus: no rewritten final stage makes a folder the original did not', () => {
    const offenders: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.Dockerfile'))) {
      const extra = newFolders(readFileSync(path.join(dir, f), 'utf8'));
      if (extra.length) offenders.push(`${f}: ${extra.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });
});
