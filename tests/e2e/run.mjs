#!/usr/bin/env node
// Runs the e2e tests (tests/e2e/*.e2e.ts) against the production build in Debian's Chromium.
// `npm run test:e2e` builds first, then runs this. Steps:
//   1. make sure /usr/bin/chromium exists (installs it with apt-get when running as root);
//   2. run vitest with vitest.e2e.config.ts, whose global setup serves dist/ with `vite preview`.
// Extra arguments are passed to vitest (e.g. a file filter: `node tests/e2e/run.mjs smoke`).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `e2e: Chromium is missing at ${CHROMIUM}. Install Debian's package, then run the tests again:\n` +
        `  sudo apt-get update && sudo apt-get install -y chromium`,
    );
    process.exit(2);
  }
  console.log(`e2e: ${CHROMIUM} is missing; installing Debian's chromium package (apt-get)…`);
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.error(`e2e: \`apt-get ${args.join(' ')}\` failed (exit ${result.status}).`);
      process.exit(2);
    }
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`e2e: chromium was installed but ${CHROMIUM} is still missing.`);
    process.exit(2);
  }
}

ensureChromium();
if (!existsSync(`${root}dist/index.html`)) {
  console.error('e2e: dist/index.html is missing; run `npm run build` first (`npm run test:e2e` does both).');
  process.exit(2);
}

const result = spawnSync(
  `${root}node_modules/.bin/vitest`,
  ['run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
