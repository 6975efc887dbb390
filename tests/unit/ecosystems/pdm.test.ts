// pdm, added as the proof of the package-manager recipe (CONTRIBUTING.md): its name in the python
// module, its detector in the parser and its .venv in the size model; the rest comes from the module.
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheMountFor, cacheOfPath, ecosystemOfManager, LOCKFILES } from '../../../src/engine/ecosystems';
import { installSizer } from '../../../src/engine/size/ecosystems/index';
import { effectsOf, loadShellParser } from '../parse/helpers';
import { estimate, layerAt, ready } from '../size/helpers';
import { suggestDockerignore } from '../../../src/engine/rewrite/dockerignore';
import { parseDockerfile } from '../../../src/engine/node';

beforeAll(async () => {
  await loadShellParser();
  await ready();
});

const DOCKERFILE = `FROM python:3.12-slim
WORKDIR /app
COPY pyproject.toml pdm.lock ./
RUN pdm install --prod --no-self
`;

describe('pdm', () => {
  it('belongs to the python ecosystem, with its lockfile, cache folder and cache mount', () => {
    expect(ecosystemOfManager('pdm')?.id).toBe('python');
    expect(LOCKFILES.has('pdm.lock')).toBe(true);
    expect(cacheOfPath('/root/.cache/pdm')).toBe('pdm');
    expect(cacheMountFor('pdm')?.target).toBe('/root/.cache/pdm');
    expect(installSizer('pdm')).not.toBeNull();
  });

  it('the parser reads install/sync (--prod), add and cache clear', () => {
    expect(effectsOf('pdm install --prod --no-self', 'python:3.12')[0]).toMatchObject({
      kind: 'package-install',
      manager: 'pdm',
      fromManifest: 'pdm.lock',
      productionOnly: true,
    });
    expect(effectsOf('pdm sync', 'python:3.12')[0]).toMatchObject({ manager: 'pdm', productionOnly: false });
    const add = effectsOf('pdm add requests==2.32.3', 'python:3.12')[0];
    expect(add).toMatchObject({ manager: 'pdm' });
    expect(add.kind === 'package-install' && add.packages.map((p) => p.name)).toEqual(['requests']);
    expect(effectsOf('pdm cache clear', 'python:3.12')[0]).toMatchObject({
      kind: 'cache-clean',
      cache: 'pdm',
    });
  });

  it('the size model puts the packages in the project .venv and the cache in ~/.cache/pdm', () => {
    const l = layerAt(estimate(DOCKERFILE), 4);
    expect(l.items?.map((i) => [i.kind, i.path])).toEqual([
      ['site-packages', '/app/.venv'],
      ['pip-cache', '/root/.cache/pdm'],
    ]);
    expect(l.basis).toMatch(/^pdm install of the packages of pdm\.lock/i);
  });

  it('the suggested .dockerignore is the python one', () => {
    expect(suggestDockerignore(parseDockerfile(DOCKERFILE))).toContain('.venv');
  });
});
