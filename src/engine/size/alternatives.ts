// Alternatives to the final stage's base image: the same family's variants from the catalog, with
// the size difference and what changes (libc, shell, package count, certificates).
import type { DockerfileModel, Stage } from '../model';
import type { BaseAlternative } from '../types';
import type { BaseImageLookup, CatalogEntry } from './types';

import { formatBytes } from '../primitives/bytes';

/** The outside image a stage ultimately builds on (following FROM <stage>), or null. */
export function rootImage(model: DockerfileModel, stage: Stage): string | null {
  const seen = new Set<number>();
  let cur: Stage | undefined = stage;
  while (cur && !seen.has(cur.index)) {
    seen.add(cur.index);
    const b: Stage['base'] = cur.base;
    if ('stage' in b) cur = model.stages[b.stage];
    else if ('scratch' in b) return null;
    else return b.image || cur.from.resolvedImage || cur.from.image;
  }
  return null;
}

export function alternativesFor(model: DockerfileModel, bases: BaseImageLookup): BaseAlternative[] {
  const final = model.stages.find((s) => s.final) ?? model.stages[model.stages.length - 1];
  if (!final) return [];
  const ref = rootImage(model, final);
  if (!ref) return [];
  let entry: CatalogEntry | null = null;
  let alts: CatalogEntry[] = [];
  try {
    entry = bases.resolve(ref).entry;
    if (!entry) return [];
    alts = bases.alternatives(entry);
  } catch {
    return [];
  }
  const current = entry;
  // Compiled languages can ship a static binary on an empty or distroless base (multi-stage).
  const rt = current.runtime?.name;
  if (rt === 'go' || rt === 'golang' || rt === 'rust') {
    for (const ref of ['gcr.io/distroless/static-debian12', 'scratch']) {
      if (alts.some((a) => a.reference.startsWith(ref))) continue;
      const extra = ref === 'scratch' ? SCRATCH : safeEntry(bases, ref);
      if (extra) alts = [...alts, extra];
    }
  }
  return alts
    .filter((a) => a.reference !== current.reference)
    .map((a) => ({
      reference: a.reference,
      uncompressedBytes: a.uncompressedBytes,
      compressedBytes: a.compressedBytes,
      deltaBytes: a.uncompressedBytes - current.uncompressedBytes,
      libc: a.libc,
      shell: a.shell,
      packages: a.packages,
      caveats: caveats(current, a),
    }))
    .sort((x, y) => x.deltaBytes - y.deltaBytes);
}

const MUSL_RISK: Record<string, string> = {
  node: 'native modules (bcrypt, sharp, canvas…) need musl builds or compile with node-gyp (python3, make, g++ in a builder stage)',
  python:
    'manylinux wheels do not install, so packages such as numpy or pandas may compile from source (slow, needs gcc and headers) or fail',
  go: 'binaries built with cgo against glibc do not run; build with CGO_ENABLED=0 or on the same libc',
  golang: 'binaries built with cgo against glibc do not run; build with CGO_ENABLED=0 or on the same libc',
  ruby: 'gems with native extensions compile against musl (needs build-base in a builder stage)',
  java: 'the JDK build must be a musl build (Temurin publishes Alpine builds); JNI libraries built for glibc do not load',
  default: 'prebuilt binaries linked against glibc do not run and some packages must be compiled from source',
};

const SCRATCH: CatalogEntry = {
  reference: 'scratch',
  image: 'scratch',
  tag: '',
  uncompressedBytes: 0,
  compressedBytes: 0,
  uncompressedDerived: false,
  os: 'scratch',
  osRelease: null,
  libc: 'none',
  packages: 0,
  shell: false,
  runtime: null,
  variant: 'scratch',
  toolchain: false,
  asOf: '',
  source: 'the empty image',
  layers: null,
};

function safeEntry(bases: BaseImageLookup, ref: string): CatalogEntry | null {
  try {
    return bases.resolve(ref).entry;
  } catch {
    return null;
  }
}

export function caveats(from: CatalogEntry, to: CatalogEntry): string[] {
  const out: string[] = [];
  if (to.libc === 'musl' && from.libc === 'glibc')
    out.push(
      `musl libc instead of glibc: ${MUSL_RISK[from.runtime?.name ?? ''] ?? MUSL_RISK.default}; test before switching`,
    );
  if (to.libc === 'glibc' && from.libc === 'musl')
    out.push('glibc instead of musl: native modules built on Alpine must be rebuilt');
  if (!to.shell && from.shell)
    out.push(
      'no shell: RUN, shell-form CMD/ENTRYPOINT and `docker exec sh` do not work; build in another stage and COPY --from the result',
    );
  if (to.os === 'scratch' || to.variant === 'scratch')
    out.push(
      'scratch is empty: copy CA certificates (/etc/ssl/certs/ca-certificates.crt) and tzdata yourself, and the binary must be static (CGO_ENABLED=0)',
    );
  else if (to.os === 'distroless' || to.variant === 'distroless')
    out.push(
      'distroless: no package manager; CA certificates and tzdata are included, add anything else by copying it in',
    );
  if (to.packages !== null && from.packages !== null && to.packages !== from.packages) {
    const d = from.packages - to.packages;
    out.push(d > 0 ? `${d} fewer OS packages (fewer CVEs to track)` : `${-d} more OS packages`);
  }
  if (from.toolchain && (to.os === 'scratch' || to.os === 'distroless') && !to.runtime)
    out.push(
      'only for the final stage of a multi-stage build: compile in the SDK image, then COPY --from the static binary',
    );
  if (to.toolchain && !from.toolchain) out.push('includes compilers and build tools: meant for build stages');
  if (!to.toolchain && from.toolchain)
    out.push('no compilers or build headers: install native dependencies in a builder stage');
  if (to.runtime && from.runtime && to.runtime.version !== from.runtime.version)
    out.push(`${to.runtime.name} ${to.runtime.version} instead of ${from.runtime.version}`);
  if (to.uncompressedDerived)
    out.push(`on-disk size ${formatBytes(to.uncompressedBytes)} derived from the published compressed size`);
  return out;
}
