// The ledger's mechanics with fake tables: additivity, stages, COPY --from, context assumptions,
// per-type compression, confidence and basis on every layer.
import { beforeAll, describe, expect, it } from 'vitest';
import { alternatives, estimate, fakeDeps, layerAt, MB, own, ready } from './helpers';

beforeAll(ready);

const df = (...lines: string[]) => lines.join('\n');

describe('layers are additive', () => {
  const sameRun = df(
    'FROM debian:bookworm',
    'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
  );
  const separate = df(
    'FROM debian:bookworm',
    'RUN apt-get update && apt-get install -y curl',
    'RUN rm -rf /var/lib/apt/lists/*',
  );

  it('cleanup in the same RUN keeps the apt lists out of the layer', () => {
    const e = estimate(sameRun, {}, fakeDeps);
    const l = layerAt(e, 2);
    expect(l.items!.some((i) => i.kind === 'apt-lists')).toBe(false);
    expect(l.uncompressedBytes).toBeGreaterThanOrEqual(15 * MB);
    expect(l.uncompressedBytes).toBeLessThan(16 * MB);
    expect(l.basis).toMatch(/same RUN/);
    expect(e.wastedBytes).toBe(0);
  });

  it('cleanup in a separate RUN saves nothing and the bytes count as wasted', () => {
    const a = estimate(sameRun, {}, fakeDeps);
    const b = estimate(separate, {}, fakeDeps);
    const install = layerAt(b, 2);
    const cleanup = layerAt(b, 3);
    expect(install.items!.some((i) => i.kind === 'apt-lists')).toBe(true);
    expect(cleanup.uncompressedBytes).toBe(0);
    expect(cleanup.basis).toMatch(/saves nothing/);
    expect(b.uncompressedBytes - a.uncompressedBytes).toBeGreaterThan(15 * MB);
    expect(install.wastedBytes).toBeGreaterThan(15 * MB);
    expect(b.wastedBytes).toBe(install.wastedBytes);
  });

  it('apt-get without update says the install fails on list-less images, and archives are auto-cleaned', () => {
    const e = estimate(df('FROM debian:bookworm', 'RUN apt-get install -y curl'), {}, fakeDeps);
    expect(layerAt(e, 2).basis).toMatch(/no apt-get update/);
    const e2 = estimate(sameRun, {}, fakeDeps);
    expect(layerAt(e2, 2).basis).toMatch(/docker-clean/);
  });

  it('apk --virtual groups deleted in the same RUN leave nothing; in a later RUN they are wasted', () => {
    const same = estimate(
      df('FROM node:22-alpine', 'RUN apk add --no-cache --virtual .b gcc make && echo hi && apk del .b'),
      {},
      fakeDeps,
    );
    expect(layerAt(same, 2).uncompressedBytes).toBe(0);
    const later = estimate(
      df('FROM node:22-alpine', 'RUN apk add --no-cache --virtual .b gcc make', 'RUN apk del .b'),
      {},
      fakeDeps,
    );
    expect(layerAt(later, 2).uncompressedBytes).toBeGreaterThan(20 * MB);
    expect(layerAt(later, 3).basis).toMatch(/saves nothing/);
    expect(later.wastedBytes).toBeGreaterThan(20 * MB);
  });

  it('apk without --no-cache keeps the index; pip without --no-cache-dir keeps wheels', () => {
    const e = estimate(df('FROM node:22-alpine', 'RUN apk add curl'), {}, fakeDeps);
    expect(layerAt(e, 2).items!.some((i) => i.kind === 'apk-cache')).toBe(true);
    const p = estimate(df('FROM debian:bookworm', 'RUN pip install flask'), {}, fakeDeps);
    expect(layerAt(p, 2).items!.some((i) => i.kind === 'pip-cache')).toBe(true);
    const q = estimate(df('FROM debian:bookworm', 'RUN pip install --no-cache-dir flask'), {}, fakeDeps);
    expect(layerAt(q, 2).items!.some((i) => i.kind === 'pip-cache')).toBe(false);
  });

  it('npm cache clean in the same RUN drops the cache', () => {
    const a = estimate(df('FROM node:22', 'WORKDIR /app', 'RUN npm ci --omit=dev'), {}, fakeDeps);
    const b = estimate(
      df('FROM node:22', 'WORKDIR /app', 'RUN npm ci --omit=dev && npm cache clean --force'),
      {},
      fakeDeps,
    );
    expect(layerAt(a, 3).items!.some((i) => i.kind === 'npm-cache')).toBe(true);
    expect(layerAt(b, 3).items!.some((i) => i.kind === 'npm-cache')).toBe(false);
    expect(layerAt(b, 3).uncompressedBytes).toBeLessThan(layerAt(a, 3).uncompressedBytes);
  });

  it('devDependencies cost about 2.5–3× the production set', () => {
    const dev = estimate(df('FROM node:22', 'WORKDIR /app', 'RUN npm ci'), {}, fakeDeps);
    const prod = estimate(df('FROM node:22', 'WORKDIR /app', 'RUN npm ci --omit=dev'), {}, fakeDeps);
    const nm = (e: typeof dev) =>
      layerAt(e, 3).items!.find((i) => i.kind === 'node_modules')!.uncompressedBytes;
    expect(nm(dev) / nm(prod)).toBeGreaterThanOrEqual(2.5);
    expect(nm(dev) / nm(prod)).toBeLessThanOrEqual(3);
  });

  it('a downloaded archive extracted and removed in the same RUN costs only the extracted files', () => {
    const keep = estimate(
      df(
        'FROM debian:bookworm',
        'RUN curl -fsSLO https://example.org/dist/node-v22.1.0-linux-x64.tar.xz && tar -xJf node-v22.1.0-linux-x64.tar.xz -C /usr/local',
      ),
      {},
      fakeDeps,
    );
    const rm = estimate(
      df(
        'FROM debian:bookworm',
        'RUN curl -fsSLO https://example.org/dist/node-v22.1.0-linux-x64.tar.xz && tar -xJf node-v22.1.0-linux-x64.tar.xz -C /usr/local && rm node-v22.1.0-linux-x64.tar.xz',
      ),
      {},
      fakeDeps,
    );
    expect(layerAt(keep, 2).uncompressedBytes - layerAt(rm, 2).uncompressedBytes).toBeGreaterThan(20 * MB);
    expect(layerAt(rm, 2).items!.map((i) => i.kind)).toEqual(['toolchain']);
  });

  it('chown -R in a later layer stores the files twice', () => {
    const e = estimate(
      df('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN chown -R node:node /app'),
      {},
      fakeDeps,
    );
    expect(layerAt(e, 4).uncompressedBytes).toBe(layerAt(e, 3).uncompressedBytes);
    expect(layerAt(e, 4).basis).toMatch(/twice/);
  });

  it('a BuildKit cache mount keeps the cache out of the layer', () => {
    const e = estimate(
      df('FROM node:22', 'WORKDIR /app', 'RUN --mount=type=cache,target=/root/.npm npm ci'),
      {},
      fakeDeps,
    );
    expect(layerAt(e, 3).items!.some((i) => i.kind === 'npm-cache')).toBe(false);
    expect(layerAt(e, 3).basis).toMatch(/mount/);
  });
});

describe('stages', () => {
  const multi = df(
    'FROM node:22 AS build',
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    'COPY . .',
    'RUN npm run build',
    '',
    'FROM node:22-alpine',
    'WORKDIR /app',
    'COPY --from=build /app/dist ./dist',
    'CMD ["node", "dist/index.js"]',
  );

  it('only the final stage ships; builders are reported as discarded', () => {
    const e = estimate(multi, {}, fakeDeps);
    expect(e.stages!.map((s) => [s.discarded, s.final])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(e.layers.every((l) => l.stage === 1)).toBe(true);
    expect(e.discardedLayers!.length).toBeGreaterThan(0);
    expect(e.discardedLayers!.every((l) => l.stage === 0)).toBe(true);
    expect(e.uncompressedBytes).toBeLessThan(200 * MB);
    expect(e.stages![0].uncompressedBytes).toBeGreaterThan(1300 * MB);
  });

  it('COPY --from carries only the ledger items under the copied paths', () => {
    const e = estimate(multi, {}, fakeDeps);
    const copy = layerAt(e, 10);
    expect(copy.items!.map((i) => i.kind)).toEqual(['dist']);
    expect(copy.items![0].path).toBe('/app/dist');
    expect(copy.uncompressedBytes).toBeLessThan(10 * MB);
    const withModules = estimate(
      multi.replace(
        'COPY --from=build /app/dist ./dist',
        'COPY --from=build /app/node_modules ./node_modules',
      ),
      {},
      fakeDeps,
    );
    expect(layerAt(withModules, 10).items!.map((i) => i.kind)).toEqual(['node_modules']);
    const all = estimate(
      multi.replace('COPY --from=build /app/dist ./dist', 'COPY --from=build /app /app'),
      {},
      fakeDeps,
    );
    const kinds = layerAt(all, 10)
      .items!.map((i) => i.kind)
      .sort();
    expect(kinds).toEqual(['context', 'context', 'context', 'dist', 'git', 'node_modules']);
    expect(kinds).not.toContain('npm-cache'); // ~/.npm is not under /app
  });

  it('COPY --from a relative path resolves against the stage WORKDIR; a deleted item is not carried', () => {
    const e = estimate(
      df(
        'FROM node:22 AS b',
        'WORKDIR /app',
        'RUN npm ci',
        'RUN rm -rf node_modules && npm ci --omit=dev',
        'FROM node:22-alpine',
        'COPY --from=b node_modules /srv/node_modules',
      ),
      {},
      fakeDeps,
    );
    const copy = layerAt(e, 6);
    expect(copy.items!.length).toBe(1);
    expect(copy.items![0].path).toBe('/srv/node_modules');
    expect(copy.uncompressedBytes).toBe(60 * MB);
  });

  it('FROM <stage> inherits the whole ledger', () => {
    const e = estimate(
      df('FROM node:22 AS base', 'WORKDIR /app', 'RUN npm ci', 'FROM base', 'RUN npm run build'),
      {},
      fakeDeps,
    );
    expect(e.stages!.map((s) => s.discarded)).toEqual([false, false]);
    expect(e.layers.some((l) => l.stage === 0 && l.line === 3)).toBe(true);
    expect(e.layers.some((l) => l.stage === 1 && l.line === 5)).toBe(true);
    expect(e.uncompressedBytes).toBeGreaterThan(1130 * MB + 170 * MB);
    expect(e.discardedLayers).toEqual([]);
  });

  it('scratch starts empty and known base paths are sized', () => {
    const e = estimate(
      df(
        'FROM golang:1.26-alpine AS b',
        'WORKDIR /src',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app .',
        'FROM scratch',
        'COPY --from=b /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
        'COPY --from=b /out/app /app',
      ),
      {},
      fakeDeps,
    );
    expect(e.layers.filter((l) => l.kind === 'base')).toEqual([]);
    expect(e.uncompressedBytes).toBeGreaterThan(5 * MB);
    expect(e.uncompressedBytes).toBeLessThan(15 * MB);
    expect(layerAt(e, 6).basis).toMatch(/CA certificate/);
  });
});

describe('build context assumptions', () => {
  const text = df('FROM node:22', 'WORKDIR /app', 'COPY . .');
  it('COPY . . without .dockerignore brings .git (and node_modules when present)', () => {
    const d = estimate(text, {}, fakeDeps);
    expect(
      layerAt(d, 3)
        .items!.map((i) => i.kind)
        .sort(),
    ).toEqual(['context', 'git']);
    const nm = estimate(text, { hasNodeModules: true, nodeModulesBytes: 300 * MB }, fakeDeps);
    expect(layerAt(nm, 3).uncompressedBytes).toBe(5 * MB + 20 * MB + 300 * MB);
    expect(nm.assumptions!.join(' ')).toMatch(/node_modules folder \(about 300 MB\)/);
  });
  it('a .dockerignore keeps only the sources; source size follows the option', () => {
    const d = estimate(text, { hasDockerignore: true, sourceBytes: 12 * MB, hasNodeModules: true }, fakeDeps);
    expect(layerAt(d, 3).uncompressedBytes).toBe(12 * MB);
    expect(d.assumptions!.join(' ')).toMatch(/\.dockerignore excludes/);
  });
  it('the assumptions follow what is COPYed: named files, not the whole-context list', () => {
    const named = estimate(
      df('FROM node:22', 'WORKDIR /app', 'COPY package.json server.js ./'),
      {},
      fakeDeps,
    );
    const said = named.assumptions!.join(' ');
    expect(said).toMatch(/holds package\.json, which a COPY\/ADD names/);
    expect(said).toMatch(/holds server\.js, which a COPY\/ADD names/);
    // Nothing copies the whole context: its size, .git and node_modules are not assumed.
    expect(said).not.toMatch(/of source files|\.git folder|node_modules folder|\.dockerignore/);
    const whole = estimate(text, {}, fakeDeps).assumptions!.join(' ');
    expect(whole).toMatch(/of source files/);
    expect(whole).toMatch(/no \.dockerignore/);
  });
  it('a manifest copy is a few KB', () => {
    const d = estimate(
      df('FROM node:22', 'COPY package.json ./', 'COPY requirements.txt go.mod ./'),
      {},
      fakeDeps,
    );
    expect(layerAt(d, 2).uncompressedBytes).toBeLessThan(20_000);
    expect(layerAt(d, 3).uncompressedBytes).toBeLessThan(20_000);
  });
});

describe('compression, confidence and basis', () => {
  const text = df(
    'FROM node:22',
    'WORKDIR /app',
    'ENV NODE_ENV=development',
    'LABEL a=b',
    'COPY . .',
    'RUN npm install',
    'RUN npm run build',
    'EXPOSE 3000',
    'USER node',
    'CMD ["node", "dist/index.js"]',
  );
  it('compressed is smaller than on-disk, with ratios per content type', () => {
    const e = estimate(text, {}, fakeDeps);
    expect(e.compressedBytes).toBeLessThan(e.uncompressedBytes);
    for (const l of e.layers)
      if (l.uncompressedBytes > 0) expect(l.compressedBytes).toBeLessThan(l.uncompressedBytes);
    const items = layerAt(e, 6).items!;
    const ratio = (k: string) => {
      const i = items.find((x) => x.kind === k)!;
      return i.uncompressedBytes / i.compressedBytes;
    };
    expect(ratio('node_modules')).toBeGreaterThan(3);
    expect(ratio('npm-cache')).toBeLessThan(1.2); // tarballs are already compressed
  });
  it('base layers come first with published per-layer sizes', () => {
    const e = estimate(text, {}, fakeDeps);
    const base = e.layers.filter((l) => l.kind === 'base');
    expect(base.length).toBe(3);
    expect(e.layers.slice(0, 3).every((l) => l.kind === 'base')).toBe(true);
    expect(base.reduce((s, l) => s + l.compressedBytes, 0)).toBe(408 * MB);
    expect(base.reduce((s, l) => s + l.uncompressedBytes, 0)).toBe(1130 * MB);
    expect(base[0].confidence).toBe('high');
  });
  it('every layer has a confidence and a one-sentence basis; non-layer instructions make none', () => {
    const e = estimate(text, {}, fakeDeps);
    expect(own(e).map((l) => l.line)).toEqual([5, 6, 7]);
    for (const l of [...e.layers, ...(e.discardedLayers ?? [])]) {
      expect(['high', 'medium', 'low']).toContain(l.confidence);
      expect(l.basis.length).toBeGreaterThan(10);
      expect(l.basis).toMatch(/[.]$/);
      expect(l.basis.slice(0, -1)).not.toMatch(/\.\s+[A-Z]/);
      expect(Array.isArray(l.items)).toBe(true);
    }
  });
  it('an unknown base is a low-confidence generic guess, said so', () => {
    const e = estimate(df('FROM mycompany/runtime:7', 'RUN echo hi'), {}, fakeDeps);
    expect(e.layers[0].kind).toBe('base');
    expect(e.layers[0].confidence).toBe('low');
    expect(e.layers[0].basis).toMatch(/not in the catalog.*generic size/);
    expect(e.confidence).toBe('low');
  });
  it('a family fallback is low confidence', () => {
    const e = estimate(df('FROM node:20', 'RUN echo hi'), {}, fakeDeps);
    expect(e.layers[0].confidence).toBe('low');
  });
});

describe('base alternatives', () => {
  it('lists the family variants with deltas and caveats', () => {
    const alts = alternatives(df('FROM node:22', 'CMD ["node"]'), fakeDeps);
    const alpine = alts.find((a) => a.reference === 'node:22-alpine')!;
    expect(alpine.deltaBytes).toBe(167 * MB - 1130 * MB);
    expect(alpine.caveats.join(' ')).toMatch(/musl/);
    const dl = alts.find((a) => a.reference.includes('distroless'))!;
    expect(dl.shell).toBe(false);
    expect(dl.caveats.join(' ')).toMatch(/no shell/);
    expect(alts[0].deltaBytes).toBeLessThanOrEqual(alts[alts.length - 1].deltaBytes);
  });
  it('follows FROM <stage> to the root image; scratch has none', () => {
    expect(alternatives(df('FROM node:22 AS a', 'FROM a'), fakeDeps).length).toBeGreaterThan(0);
    expect(alternatives(df('FROM scratch'), fakeDeps)).toEqual([]);
  });
});
