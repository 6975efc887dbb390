// Test helpers for the size model: parse with the real parser, estimate with the real tables or
// with small fakes (deterministic numbers for the ledger's mechanics).
import { parseDockerfile, ensureShellParser } from '../../../src/engine/node';
import { estimateImage, baseAlternatives, type SizeDeps } from '../../../src/engine/size/index';
import { resolveOptions } from '../../../src/engine/options';
import type { AnalyzeOptions, Estimate, LayerEstimate } from '../../../src/engine/types';
import type { BaseImageLookup, CatalogEntry, PackageSizer } from '../../../src/engine/size/types';
import type { OsInfo } from '../../../src/engine/size/ledger';
import { baseImages } from '../../../src/engine/size/catalog';

export const MB = 1e6;

export async function ready(): Promise<void> {
  await ensureShellParser();
}

export function model(text: string) {
  return parseDockerfile(text);
}

export function estimate(text: string, context: AnalyzeOptions['context'] = {}, deps?: SizeDeps): Estimate {
  return estimateImage(parseDockerfile(text), resolveOptions({ context }), deps);
}

export function alternatives(text: string, deps?: SizeDeps) {
  return baseAlternatives(parseDockerfile(text), deps);
}

/** The OS facts of a catalog base, as a stage on it sees them. */
export function osOf(ref: string): OsInfo {
  const entry = baseImages.resolve(ref).entry!;
  return {
    family: entry.os,
    release: entry.osRelease,
    entry,
    installed: baseImages.installedPackages(entry),
  };
}

/** Layers made by the Dockerfile (not the base image's). */
export function own(e: Estimate): LayerEstimate[] {
  return e.layers.filter((l) => l.kind !== 'base');
}

export function layerAt(e: Estimate, line: number): LayerEstimate {
  const l = [...e.layers, ...(e.discardedLayers ?? [])].find((x) => x.line === line && x.kind !== 'base');
  if (!l) throw new Error(`no layer at line ${line}`);
  return l;
}

function entry(reference: string, u: number, c: number, o: Partial<CatalogEntry> = {}): CatalogEntry {
  const [image, tag] = reference.split(':');
  return {
    reference,
    image,
    tag,
    uncompressedBytes: u,
    compressedBytes: c,
    uncompressedDerived: false,
    os: 'debian',
    osRelease: 'bookworm',
    libc: 'glibc',
    packages: 100,
    shell: true,
    runtime: null,
    variant: 'full',
    toolchain: false,
    asOf: '2026-08-01',
    source: 'test',
    layers: null,
    ...o,
  };
}

export const FAKE_ENTRIES: CatalogEntry[] = [
  entry('debian:bookworm', 116 * MB, 48 * MB, { packages: 120 }),
  entry('node:22', 1130 * MB, 408 * MB, {
    runtime: { name: 'node', version: '22' },
    toolchain: true,
    packages: 400,
    layers: [
      { instruction: 'RUN # debian.sh', compressedBytes: 48 * MB },
      { instruction: 'RUN apt-get install ...', compressedBytes: 300 * MB },
      { instruction: 'RUN node', compressedBytes: 60 * MB },
    ],
  }),
  entry('node:22-slim', 227 * MB, 80 * MB, {
    runtime: { name: 'node', version: '22' },
    variant: 'slim',
    packages: 90,
  }),
  entry('node:22-alpine', 167 * MB, 61 * MB, {
    runtime: { name: 'node', version: '22' },
    variant: 'alpine',
    os: 'alpine',
    osRelease: '3.24',
    libc: 'musl',
    packages: 17,
  }),
  entry('gcr.io/distroless/nodejs22-debian12:latest', 130 * MB, 50 * MB, {
    runtime: { name: 'node', version: '22' },
    variant: 'distroless',
    os: 'distroless',
    shell: false,
    packages: 20,
  }),
  entry('golang:1.26-alpine', 241 * MB, 71 * MB, {
    runtime: { name: 'go', version: '1.26' },
    os: 'alpine',
    osRelease: '3.24',
    libc: 'musl',
    variant: 'alpine',
    toolchain: true,
  }),
];

export const fakeBases: BaseImageLookup = {
  resolve(reference) {
    if (reference === 'scratch')
      return { entry: null, match: 'scratch', confidence: 'high', basis: 'scratch is empty' };
    const e = FAKE_ENTRIES.find(
      (x) => x.reference === reference || x.reference === reference.replace(/^node:20/, 'node:22'),
    );
    if (!e)
      return {
        entry: null,
        match: 'unknown',
        confidence: 'low',
        basis: `${reference} is not in the catalog`,
      };
    return {
      entry: e,
      match: e.reference === reference ? 'exact' : 'fallback',
      confidence: e.reference === reference ? 'high' : 'low',
      basis: `${reference} resolves to ${e.reference}`,
    };
  },
  alternatives(e) {
    return FAKE_ENTRIES.filter((x) => x.runtime?.name === e.runtime?.name && x.reference !== e.reference);
  },
  installedPackages() {
    return new Set(['libc6', 'bash']);
  },
};

/** Every requested package costs 10 MB installed (4 MB download), plus a 5 MB shared dependency. */
export const fakeSizer: PackageSizer = {
  osInstall(_os, _rel, names, opts) {
    const fresh = names.filter((n) => !opts.installed?.has(n));
    const dep = opts.installed?.has('libshared') ? [] : ['libshared'];
    const packages = [...fresh, ...dep];
    return {
      installedBytes: fresh.length * 10 * MB + dep.length * 5 * MB,
      downloadBytes: fresh.length * 4 * MB + dep.length * 2 * MB,
      packages,
      unknown: [],
      confidence: 'high',
      basis: 'fake',
    };
  },
};

export const fakeDeps: SizeDeps = { bases: fakeBases, packages: fakeSizer };
