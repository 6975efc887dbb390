#!/usr/bin/env node
// Takes tree-sitter-bash.wasm (and its LICENSE) unchanged out of the npm package tree-sitter-bash
// into vendor/tree-sitter-bash/, a local package that the app depends on instead of the real one:
// the real package runs a native install script (node-gyp-build) and pulls in native build
// dependencies, none of which the playground uses — it only loads the wasm.
//
//   node scripts/vendor-tree-sitter-bash.mjs            fetch the version named in the local
//                                                       package.json with `npm pack`, check the
//                                                       wasm's sha256, write the files
//   node scripts/vendor-tree-sitter-bash.mjs --check    only check the committed wasm's sha256
//
// To move to another version: change source.version and source.sha256 (the sha256 of the wasm in
// that package) in vendor/tree-sitter-bash/package.json, run this script, run the parse tests.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../vendor/tree-sitter-bash/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const { package: name, version, file, sha256 } = manifest.source;
const digest = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

if (process.argv.includes('--check')) {
  const actual = digest(join(dir, file));
  if (actual !== sha256) {
    console.error(`vendor: ${file} has sha256 ${actual}, expected ${sha256} (${name}@${version})`);
    process.exit(1);
  }
  console.log(`vendor: ${file} is ${name}@${version}'s (sha256 ${sha256})`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'vendor-tree-sitter-bash-'));
try {
  const tarball = execFileSync(
    'npm',
    ['pack', `${name}@${version}`, '--silent', '--pack-destination', work],
    {
      encoding: 'utf8',
    },
  ).trim();
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, `package/${file}`, 'package/LICENSE']);
  const actual = digest(join(work, 'package', file));
  if (actual !== sha256)
    throw new Error(`${name}@${version}: ${file} has sha256 ${actual}, expected ${sha256}`);
  copyFileSync(join(work, 'package', file), join(dir, file));
  copyFileSync(join(work, 'package', 'LICENSE'), join(dir, 'LICENSE'));
  console.log(`vendor: wrote ${file} and LICENSE of ${name}@${version} into vendor/tree-sitter-bash/`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
