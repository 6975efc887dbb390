// Issue 20: the app's dependencies run no install script. tree-sitter-bash ran node-gyp-build (a
// native addon build the playground never uses); only its wasm is needed, so the app depends on
// vendor/tree-sitter-bash, which holds that wasm unchanged (scripts/vendor-tree-sitter-bash.mjs).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url));
const lock = JSON.parse(read('package-lock.json').toString()) as {
  packages: Record<string, { dev?: boolean; hasInstallScript?: boolean; link?: boolean; resolved?: string }>;
};

describe('install scripts', () => {
  it('no runtime dependency runs an install script', () => {
    const scripted = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript && !p.dev)
      .map(([path]) => path);
    expect(scripted).toEqual([]);
  });

  it('tree-sitter-bash is the vendored wasm-only package, with the published wasm unchanged', () => {
    const pkg = JSON.parse(read('package.json').toString());
    expect(pkg.dependencies['tree-sitter-bash']).toBe('file:vendor/tree-sitter-bash');
    expect(lock.packages['node_modules/tree-sitter-bash']).toMatchObject({
      link: true,
      resolved: 'vendor/tree-sitter-bash',
    });
    const vendored = JSON.parse(read('vendor/tree-sitter-bash/package.json').toString());
    expect(vendored.scripts).toBeUndefined();
    expect(vendored.dependencies).toBeUndefined();
    const wasm = read(`vendor/tree-sitter-bash/${vendored.source.file}`);
    expect(createHash('sha256').update(wasm).digest('hex')).toBe(vendored.source.sha256);
    // The version the wasm came from is the one the app's parser tests were written against.
    expect(vendored.source).toMatchObject({ package: 'tree-sitter-bash', version: '0.25.1' });
  });
});
