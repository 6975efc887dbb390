// Invariant "binary": a compiled program copied into another stage still runs there.
// - static binaries (Go with CGO_ENABLED=0 or cgo off for lack of a C compiler, -static,
//   Rust on musl) run anywhere, scratch included;
// - a dynamically linked binary needs the same C library (glibc vs musl), at least as new as
//   the builder's (GLIBC_2.xx not found otherwise); scratch and distroless static have none;
// - a C++ binary needs a libstdc++ at least as new as its compiler's: gcc:N images carry GCC N's
//   own, newer than the distribution's (GLIBCXX_3.4.xx not found), unless -static-libstdc++.
import type { CopyInstruction, DockerfileModel, Effect, Stage } from '../../model';
import type { Problem } from './types';
import {
  type BaseFacts,
  baseFacts,
  chainOf,
  commandsOf,
  effectsOf,
  finalStageOf,
  isCopy,
  isRun,
  resolvePath,
  stageLabel,
  workdirsOf,
} from './facts';

type Build = Extract<Effect, { kind: 'build' }>;

interface Linkage {
  /** What the binary needs from the runtime image. */
  libc: 'none' | 'glibc' | 'musl';
  /** GCC major of the libstdc++ it needs, when C++ from a gcc:N image without -static-libstdc++. */
  libstdcxx: number | null;
  why: string;
}

/** glibc of each release (Debian/Ubuntu/RHEL), from the distributions' package lists. */
const GLIBC: Record<string, number> = {
  buster: 2.28,
  bullseye: 2.31,
  bookworm: 2.36,
  trixie: 2.41,
  '20.04': 2.31,
  '22.04': 2.35,
  '24.04': 2.39,
  '8': 2.28,
  '9': 2.34,
};
/** GCC major whose libstdc++ each release ships. */
const DISTRO_GCC: Record<string, number> = {
  buster: 8,
  bullseye: 10,
  bookworm: 12,
  trixie: 14,
  '20.04': 10,
  '22.04': 12,
  '24.04': 14,
};

/** The OS release, when certain: from the name (debian12, -bookworm) or the catalog's exact tag. */
function releaseOf(b: BaseFacts): string | null {
  const name = b.repo + ':' + (b.tag ?? '');
  const m = /debian(\d+)/.exec(name);
  if (m) return { '10': 'buster', '11': 'bullseye', '12': 'bookworm', '13': 'trixie' }[m[1]] ?? null;
  const codename = /(buster|bullseye|bookworm|trixie|focal|jammy|noble)/.exec(name);
  if (codename) return { focal: '20.04', jammy: '22.04', noble: '24.04' }[codename[1]] ?? codename[1];
  return b.exact ? b.release : null;
}

const COMPILED = new Set(['go', 'cargo', 'gcc', 'cmake', 'make', 'ninja']);

function linkageOf(model: DockerfileModel, stage: Stage, builds: Build[]): Linkage | null {
  const base = baseFacts(model, stage);
  const envOf = (b: Build) => {
    const run = commandsOf(stage).find((at) => at.effects.includes(b));
    return { ...stage.env, ...(run?.cmd.env ?? {}) };
  };
  const installed = new Set(
    chainOf(model, stage).flatMap((s) =>
      effectsOf(s).flatMap((e) => (e.kind === 'package-install' ? e.packages.map((p) => p.name) : [])),
    ),
  );
  const builderLibc = base.libc === 'musl' ? 'musl' : 'glibc';
  for (const b of builds) {
    const args = b.args.join(' ');
    if (b.tool === 'go') {
      // The parser's linkage fact (CGO_ENABLED from the command, ENV or ARG); the stage's ENV at
      // its end also covers a value set in a parent stage.
      const cgo = envOf(b).CGO_ENABLED === '0' ? 'off' : (b.linkage?.cgo ?? 'default');
      if (cgo === 'off' || b.linkage?.static) continue;
      const hasCompiler =
        base.libc === 'musl' ? ['gcc', 'build-base', 'musl-dev'].some((p) => installed.has(p)) : true;
      if (cgo !== 'on' && !hasCompiler) continue;
      return {
        libc: builderLibc,
        libstdcxx: null,
        why: `Go builds with cgo on when CGO_ENABLED is unset and a C compiler is present (as in ${base.reference ?? 'the builder'}), so the binary links ${builderLibc} dynamically`,
      };
    }
    if (b.tool === 'cargo') {
      if (base.libc === 'musl' || /musl/.test(args)) continue;
      return { libc: 'glibc', libstdcxx: null, why: 'Rust links glibc dynamically on a glibc builder' };
    }
    if (b.tool === 'gcc' || b.tool === 'cmake' || b.tool === 'make' || b.tool === 'ninja') {
      if (/(^|\s)-static(\s|$)/.test(args) || /-static\b/.test(envOf(b).LDFLAGS ?? '')) continue;
      const gccImage = base.repo === 'gcc';
      const staticCxx = /-static-libstdc\+\+/.test(
        args + ' ' + (envOf(b).LDFLAGS ?? '') + ' ' + (envOf(b).CXXFLAGS ?? ''),
      );
      const major = gccImage
        ? Number(base.entry?.runtime?.version ?? /^\d+/.exec(base.tag ?? '')?.[0] ?? NaN)
        : NaN;
      return {
        libc: builderLibc,
        libstdcxx: gccImage && !staticCxx && Number.isFinite(major) ? major : null,
        why:
          gccImage && !staticCxx
            ? `the C/C++ build links ${builderLibc} dynamically and uses GCC ${major}'s own libstdc++`
            : `the C/C++ build links ${builderLibc} dynamically`,
      };
    }
  }
  return null;
}

/** The copy brings a built program (not assets): an output path, target/release, or a file with no extension. */
function copiesBinary(model: DockerfileModel, from: Stage, c: CopyInstruction, builds: Build[]): boolean {
  const wd = workdirsOf(model, from);
  const outputs = new Set(
    builds.flatMap((b) => {
      if (!b.output) return [];
      const run = from.instructions.find((i) => isRun(i) && i.shell.effects.includes(b));
      return [resolvePath(run ? (wd.get(run) ?? null) : null, b.output)];
    }),
  );
  return c.sources.some((s) => {
    const p = resolvePath(null, s);
    if (outputs.has(p)) return true;
    if (/\/target\/[^/]*\/?release\//.test(p)) return true;
    const last = p.slice(p.lastIndexOf('/') + 1);
    return (
      /^\/(usr\/local\/)?bin\//.test(p) ||
      (!last.includes('.') && !/\/(dist|build|public|static|assets)$/.test(p) && !s.endsWith('/'))
    );
  });
}

export function binaryProblems(model: DockerfileModel): Problem[] {
  const final = finalStageOf(model);
  if (!final) return [];
  const runtime = baseFacts(model, final);
  if (runtime.family === 'unknown') return [];
  const out: Problem[] = [];
  for (const s of chainOf(model, final)) {
    for (const c of s.instructions) {
      if (!isCopy(c) || !c.from || !('stage' in c.from)) continue;
      const from = model.stages[c.from.stage];
      if (!from || chainOf(model, final).includes(from)) continue;
      const builds = chainOf(model, from)
        .flatMap((x) => effectsOf(x))
        .filter((e): e is Build => e.kind === 'build' && COMPILED.has(e.tool));
      if (!builds.length || !copiesBinary(model, from, c, builds)) continue;
      const link = linkageOf(model, from, builds);
      if (!link) continue;
      const reason = runtimeMismatch(link, baseFacts(model, from), runtime);
      if (!reason) continue;
      out.push({
        invariant: 'binary',
        key: `binary:${c.sources.join(',')}:${runtime.reference}`,
        message: `The program copied from ${stageLabel(from)} (${c.sources.join(' ')}) would not start on ${runtime.reference}: ${link.why}, and ${reason}.`,
      });
    }
  }
  return out;
}

function runtimeMismatch(link: Linkage, builder: BaseFacts, runtime: BaseFacts): string | null {
  if (link.libc === 'none') return null;
  if (runtime.libc === 'none' || runtime.family === 'scratch') return `${runtime.reference} has no C library`;
  if (/static/.test(runtime.repo)) return `${runtime.reference} has no C library`;
  if (runtime.libc !== 'unknown' && runtime.libc !== link.libc)
    return `${runtime.reference} has ${runtime.libc}, not ${link.libc}`;
  const need = GLIBC[releaseOf(builder) ?? ''];
  const have = GLIBC[releaseOf(runtime) ?? ''];
  if (link.libc === 'glibc' && need && have && have < need)
    return `its glibc ${have} is older than the builder's ${need}`;
  if (link.libstdcxx !== null) {
    const rel = releaseOf(runtime) ?? '';
    const distroGcc = DISTRO_GCC[rel];
    if (/distroless\/base/.test(runtime.repo)) return `${runtime.reference} has no libstdc++`;
    if (runtime.repo !== 'gcc' && (!distroGcc || distroGcc < link.libstdcxx))
      return `its libstdc++ (${distroGcc ? `GCC ${distroGcc}` : "the distribution's"}) is older than GCC ${link.libstdcxx}'s`;
  }
  return null;
}
