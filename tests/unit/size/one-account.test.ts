// One account of what a command does: the size model reads the parser's effects, never the
// commands' words. With every program name and argument blanked out (effects, shell structure and
// environment kept), each corpus file and seed estimates to exactly the same bytes.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DockerfileModel } from '../../../src/engine/model';
import { estimateImage } from '../../../src/engine/size/index';
import { resolveOptions } from '../../../src/engine/options';
import { model, ready } from './helpers';

beforeAll(ready);

/** The model with each RUN command's program and arguments replaced by meaningless words. */
function blanked(m: DockerfileModel): DockerfileModel {
  const copy = structuredClone(m) as DockerfileModel;
  for (const stage of copy.stages)
    for (const ins of stage.instructions) {
      if (!('shell' in ins) || !ins.shell) continue;
      for (const cmd of ins.shell.commands) {
        cmd.name = 'blank';
        cmd.args = cmd.args.map(() => 'word');
        cmd.text = 'blank';
      }
    }
  return copy;
}

const sizes = (m: DockerfileModel) => {
  const e = estimateImage(m, resolveOptions({}));
  return { total: e.uncompressedBytes, layers: e.layers.map((l) => [l.line, l.uncompressedBytes]) };
};

const corpusDir = path.resolve(__dirname, '../../../../shared/corpus/dockerfiles');

describe('the size model reads effects only', () => {
  it('a RUN whose words are blanked sizes the same (apt, pip --prefix, npm ci, venv, chown -R, mv, curl | sh)', () => {
    const text = [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/*',
      'RUN python -m venv /opt/venv && /opt/venv/bin/pip install --prefix /opt/py flask',
      'RUN chown -R nobody /app && mv /app/static /srv/static',
      'RUN curl -fsSL https://sh.rustup.rs | sh -s -- -y',
      'RUN ./configure --prefix=/opt/tool && make && make install',
    ].join('\n');
    const m = model(text);
    expect(sizes(blanked(m))).toEqual(sizes(m));
    // The check can fail: blanking the effects instead changes the sizes.
    const noEffects = structuredClone(m) as DockerfileModel;
    for (const s of noEffects.stages)
      for (const i of s.instructions) if ('shell' in i && i.shell) i.shell.effects = [];
    expect(sizes(noEffects)).not.toEqual(sizes(m));
  });

  it.skipIf(!existsSync(corpusDir))('every corpus file sizes the same with its commands blanked', () => {
    const differ: string[] = [];
    for (const f of readdirSync(corpusDir).filter((n) => n.endsWith('.Dockerfile'))) {
      const m = model(readFileSync(path.join(corpusDir, f), 'utf8'));
      if (JSON.stringify(sizes(blanked(m))) !== JSON.stringify(sizes(m))) differ.push(f);
    }
    expect(differ).toEqual([]);
  });
});
