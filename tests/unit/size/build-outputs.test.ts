// Build outputs are effects the size model places where the command puts them: each case checks
// that the layer's items and its basis name the output folder the command wrote.
import { beforeAll, describe, expect, it } from 'vitest';
import { estimate, layerAt, ready } from './helpers';

beforeAll(ready);

/** The layer of the Dockerfile's last line. */
function last(text: string) {
  const lines = text.trimEnd().split('\n');
  return layerAt(estimate(text), lines.length);
}

const paths = (text: string) => (last(text).items ?? []).map((i) => i.path);

describe('python virtualenvs', () => {
  it('poetry with an in-project virtualenv fills the project .venv, from ENV or `poetry config`', () => {
    const env =
      'FROM python:3.12-slim\nWORKDIR /app\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\n';
    const config =
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry config virtualenvs.in-project true && poetry install --no-root\n';
    for (const text of [env, config]) {
      expect(paths(text)).toContain('/app/.venv');
      expect(last(text).basis).toContain('.venv');
    }
    const plain =
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\n';
    expect(paths(plain)).not.toContain('/app/.venv');
  });

  it('a second uv sync adds the project to .venv, not the dependencies again', () => {
    const text =
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen\n';
    const first = layerAt(estimate(text), 4);
    const second = last(text);
    expect(second.items?.map((i) => i.path)).toEqual(['/app/.venv']);
    expect(second.basis).toMatch(/project itself to \/app\/\.venv/);
    expect(second.uncompressedBytes).toBeLessThan(first.uncompressedBytes / 5);
  });
});

describe('javascript builds', () => {
  it('workspace builds (pnpm -r, yarn workspaces, npm --workspaces) write every package’s dist/', () => {
    for (const run of [
      'pnpm -r build',
      'yarn workspaces run build',
      'yarn workspaces foreach -A run build',
      'npm run build --workspaces',
    ]) {
      const l = last(`FROM node:20\nWORKDIR /app\nCOPY . .\nRUN ${run}\n`);
      expect(
        l.items?.map((i) => i.path),
        run,
      ).toEqual(['/app/packages/*/dist']);
      expect(l.basis, run).toContain('workspace');
      expect(l.uncompressedBytes, run).toBeGreaterThan(0);
    }
  });

  it('--outDir / --out name the folder the bundle goes to', () => {
    expect(paths('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npx tsc --outDir lib\n')).toEqual(['/app/lib']);
    const l = last('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm run build -- --out /srv/www\n');
    expect(l.items?.map((i) => i.path)).toEqual(['/srv/www']);
    expect(l.basis).toContain('/srv/www');
  });
});

describe('native and rust builds', () => {
  it('make install goes to PREFIX=, to ./configure --prefix, under DESTDIR, else /usr/local', () => {
    const make = (run: string) => paths(`FROM gcc:13\nWORKDIR /src\nCOPY . .\nRUN ${run}\n`);
    expect(make('make install PREFIX=/opt/app')).toContain('/opt/app');
    expect(make('./configure --prefix=/opt/tool && make && make install')).toContain('/opt/tool');
    expect(make('make && make install DESTDIR=/out')).toContain('/out/usr/local');
    expect(make('make install DESTDIR=/out PREFIX=/usr')).toContain('/out/usr');
    expect(make('make install')).toContain('/usr/local');
    expect(last('FROM gcc:13\nRUN make install PREFIX=/opt/app\n').basis).toContain('into /opt/app');
  });

  it('cargo build --target-dir moves target/ and the binary there', () => {
    const text = 'FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --target-dir /tmp/tgt\n';
    expect(paths(text)).toEqual(expect.arrayContaining(['/tmp/tgt', '/tmp/tgt/release/*']));
    expect(paths(text)).not.toContain('/src/target');
    expect(last(text).basis).toContain('/tmp/tgt');
  });
});
