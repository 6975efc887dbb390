// Serves the production build (dist/) with `vite preview` on a free port for the e2e tests, and
// stops it (the whole process group) at the end. The build is made by `npm run test:e2e`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../..', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

let server: ChildProcess | null = null;

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(`${root}dist/index.html`)) {
    throw new Error('dist/index.html is missing: run `npm run build` first (npm run test:e2e does).');
  }
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseURL', external.replace(/\/$/, ''));
    return;
  }
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // Spawn vite itself (not npx, which would leave a child behind) as the leader of its own group.
  server = spawn(
    `${root}node_modules/.bin/vite`,
    ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitForServer(`${baseURL}/`, server, 30_000);
  project.provide('baseURL', baseURL);
}

export async function teardown(): Promise<void> {
  const child = server;
  server = null;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 3000);
  await exited;
  clearTimeout(timer);
}
