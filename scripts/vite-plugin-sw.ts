// Build-end steps for offline use and embedding (used by vite.config.ts; build only, dev untouched):
//   1. builds the <dockerfile-playground> element (src/embed/element.ts) as one classic script,
//      dist/embed-element.js, with a stable name that docs pages can reference;
//   2. lists every file of the build (pages, JS, CSS, workers, wasm, data, Monaco, public files) and
//      builds the service worker (src/sw/sw.ts) into dist/sw.js with that list and a version (a hash
//      of the files' contents, so any change installs a new cache).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

export interface ServiceWorkerPluginOptions {
  /** The service worker's source. */
  swEntry: string;
  /** Extra stand-alone classic scripts built first (not precached). */
  scripts?: { entry: string; fileName: string; name: string }[];
  /** Files of the output folder never precached (relative paths, or tests on them). */
  exclude?: (path: string) => boolean;
}

function walk(dir: string, root: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, root, out);
    else out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

export function serviceWorker(options: ServiceWorkerPluginOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'dockerfile-playground:sw',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const scriptNames = new Set<string>();
      for (const script of options.scripts ?? []) {
        scriptNames.add(script.fileName);
        await build({
          configFile: false,
          root: config.root,
          logLevel: 'warn',
          publicDir: false,
          build: {
            outDir,
            emptyOutDir: false,
            copyPublicDir: false,
            minify: true,
            lib: {
              entry: script.entry,
              formats: ['iife'],
              name: script.name,
              fileName: () => script.fileName,
            },
          },
        });
      }
      const files = walk(outDir, outDir, [])
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map') && !scriptNames.has(f) && f !== 'engine.js')
        // Host configuration, not a file the page ever loads.
        .filter((f) => f !== '_headers')
        .filter((f) => !options.exclude?.(f))
        .sort();
      const hash = createHash('sha256');
      for (const f of files)
        hash
          .update(f)
          .update('\0')
          .update(readFileSync(join(outDir, f)));
      const version = hash.digest('hex').slice(0, 16);
      await build({
        configFile: false,
        root: config.root,
        logLevel: 'warn',
        publicDir: false,
        define: {
          __PRECACHE__: JSON.stringify(files),
          __SW_VERSION__: JSON.stringify(version),
        },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          minify: true,
          lib: {
            entry: options.swEntry,
            formats: ['iife'],
            name: 'dockerfilePlaygroundSw',
            fileName: () => 'sw.js',
          },
        },
      });
      const total = files.reduce((n, f) => n + statSync(join(outDir, f)).size, 0);
      config.logger.info(
        `service worker: dist/sw.js precaches ${files.length} files (${(total / 1e6).toFixed(1)} MB), version ${version}`,
      );
    },
  };
}
