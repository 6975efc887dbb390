// Starts a worker thread on a module of this repository. Under tsx (npm run cli, the unit tests)
// the module is TypeScript, which a bare worker cannot load: the worker first registers tsx's
// loader, then imports the module. A built .js module is started directly.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
