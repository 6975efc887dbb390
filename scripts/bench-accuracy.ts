// Accuracy benchmark of the size model against real, published images.
//
// Each case rebuilds a Docker Official Image from its parent with a Dockerfile written from the
// published facts in ../shared/data/repo-info (the recorded layer instructions, verbatim), runs the
// estimator on it, and compares:
//   * whole images: the estimate vs the real total (compressed = registry "Total Size"; on-disk =
//     the local "Virtual Size" where published);
//   * single package-install layers: the estimated layer vs the real layer's compressed size.
// Usage: npm run bench:accuracy  (or: npx tsx scripts/bench-accuracy.ts [--verbose])
//
// Caveats, printed with the results: the base images these cases start from are catalog entries
// (exact); the toolchain archive sizes in src/engine/size/heuristics.ts (Node, Go, Python) were
// derived from the same catalog, so the cases that download a toolchain test the ledger's
// mechanics (download, unpack, delete in the same RUN, multi-stage copy) more than an independent
// prediction. The apt layers are independent: their sizes come from Debian's package index.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDockerfile, ensureShellParser } from '../src/engine/node';
import { estimateImage } from '../src/engine/size/index';
import { temurinRow } from '../src/engine/size/jdk-archives';
import { resolveOptions } from '../src/engine/options';
import { savingsRows } from './bench-savings';
import { isPackageLayer, parentOf, publishedEnv, publishedRecords } from './bench-accuracy-published';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoInfo = path.resolve(root, '../shared/data/repo-info');
const verbose = process.argv.includes('--verbose');
const verboseWidth = Number(
  /^--width=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--width=')) ?? '')?.[1] ?? 300,
);
// `--family=alpine` keeps the cases of one parent family (with --verbose: its layers, est vs real).
const onlyFamily = /^--family=(.+)$/.exec(process.argv.find((a) => a.startsWith('--family=')) ?? '')?.[1];

interface Layer {
  instruction: string;
  compressedBytes: number;
}
interface Rec {
  image: string;
  tag: string;
  compressedBytes: number;
  uncompressedBytes: number | null;
  layers: Layer[];
}

function record(image: string, tag: string): Rec {
  const list = JSON.parse(readFileSync(path.join(repoInfo, `${image}.json`), 'utf8')) as Rec[];
  const r = list.find((x) => x.tag === tag);
  if (!r) throw new Error(`${image}:${tag} is not in repo-info`);
  return r;
}

/**
 * A recorded history instruction as a Dockerfile line (the BuildKit marker is a comment). A record
 * cut at "…" between two commands (`…; … apt-get purge`) lost the separator with the cut text:
 * put back, the command after the cut is read as one, not as arguments of a command named "…".
 */
function line(l: Layer): string {
  return l.instruction
    .replace(/\s*# buildkit\s*$/, '')
    .replace(/\t/g, ' ')
    .replace(/(?<!;);\s+…\s+(?=[a-z])/g, '; ');
}

interface LayerCheck {
  /** 1-based line in the case's Dockerfile. */
  line: number;
  name: string;
  real: number;
}
interface Case {
  name: string;
  dockerfile: string;
  realCompressed: number;
  realOnDisk: number | null;
  layers: LayerCheck[];
  /** The case downloads a toolchain whose size in heuristics.ts was derived from the catalog. */
  derived?: boolean;
  /** Published compressed size of the layer each Dockerfile line (1-based) made, for --verbose. */
  lineReal?: Map<number, number>;
}

/** The distro family of a case's parent image, for the per-family table. */
function familyOf(c: Case): string {
  const parent =
    /^FROM (\S+)\s*$/m.exec(
      c.dockerfile
        .split('\n')
        .filter((l) => !/ AS /.test(l))
        .join('\n'),
    )?.[1] ?? '';
  if (/alpine/.test(parent)) return 'alpine';
  if (/ubuntu/.test(parent)) return 'ubuntu';
  if (/slim/.test(parent)) return 'debian slim';
  return 'debian';
}

/** FROM parent + the record's layers from index `from` on (optionally up to `to`, exclusive). */
function rebuild(
  name: string,
  parent: string,
  rec: Rec,
  from: number,
  to = rec.layers.length,
  pre: string[] = [],
  env: string[] = [],
): Case {
  const lines = [...pre, `FROM ${parent}`, ...env];
  const layers: LayerCheck[] = [];
  const lineReal = new Map<number, number>();
  let real = 0;
  for (let k = 0; k < to; k++) real += rec.layers[k].compressedBytes;
  for (let k = from; k < to; k++) {
    const text = line(rec.layers[k]);
    if (
      /^RUN\b/.test(text) &&
      /\b(apt-get install|apk add)\b/.test(text) &&
      !/savedAptMark|apt-mark auto|--virtual|\.tar\./.test(text)
    ) {
      layers.push({
        line: lines.length + 1,
        name: `${rec.image}:${rec.tag} layer ${k + 1}: ${summary(text)}`,
        real: rec.layers[k].compressedBytes,
      });
    }
    lines.push(text);
    lineReal.set(lines.length, rec.layers[k].compressedBytes);
  }
  const whole = to === rec.layers.length;
  return {
    name,
    lineReal,
    dockerfile: lines.join('\n'),
    realCompressed: whole ? rec.compressedBytes : real,
    realOnDisk: whole ? rec.uncompressedBytes : null,
    layers,
  };
}

function summary(text: string): string {
  const m = /(apt-get install|apk add)[^;&]*/.exec(text);
  const names = (m ? m[0] : text)
    .split(/\s+/)
    .filter((w) => w && !w.startsWith('-') && !/^(apt-get|install|apk|add)$/.test(w));
  return names.slice(0, 4).join(' ') + (names.length > 4 ? ` +${names.length - 4}` : '');
}

// golang: the toolchain comes from a build stage (COPY /target/ /), as in the official Dockerfile;
// the published history records that COPY without its --from, so the rebuild adds the stage back.
const goStageFor = (version: string) => [
  'FROM debian:trixie-slim AS build',
  `RUN curl -fsSL https://example.org/dl/go${version}.linux-amd64.tar.gz -o go.tgz && mkdir -p /target/usr/local && tar -C /target/usr/local -xzf go.tgz && rm go.tgz`,
];
const goStage = goStageFor('1.26');
const GO_TARGET_COPY = 'COPY /target/ /';

function cases(): Case[] {
  const out: Case[] = [];
  const curl = record('buildpack-deps', 'bookworm-curl');
  const scm = record('buildpack-deps', 'bookworm-scm');
  const full = record('buildpack-deps', 'bookworm');
  out.push(
    rebuild('buildpack-deps:bookworm-curl = debian:bookworm + curl layer', 'debian:bookworm', curl, 1),
  );
  out.push(
    rebuild('buildpack-deps:bookworm-scm = debian:bookworm + curl + scm layers', 'debian:bookworm', scm, 1),
  );
  out.push(
    rebuild('buildpack-deps:bookworm = debian:bookworm + curl + scm + toolchain', 'debian:bookworm', full, 1),
  );
  const py = record('python', '3.12');
  out.push(
    rebuild(
      'buildpack-deps:trixie (python:3.12 layers 1-4) = debian:trixie + 3 apt layers',
      'debian:trixie',
      py,
      1,
      4,
    ),
  );
  out.push(
    rebuild('python:3.12 = debian:trixie + apt layers + Python built from source', 'debian:trixie', py, 1),
  );
  out.push(
    rebuild(
      'python:3.12-slim = debian:trixie-slim + ca-certificates + Python built from source',
      'debian:trixie-slim',
      record('python', '3.12-slim'),
      1,
    ),
  );
  out.push(
    rebuild(
      'node:22 = debian:bookworm + apt layers + Node.js tarball + yarn',
      'debian:bookworm',
      record('node', '22'),
      1,
    ),
  );
  out.push(
    rebuild(
      'node:22-slim = debian:bookworm-slim + Node.js tarball (apt tools purged) + yarn',
      'debian:bookworm-slim',
      record('node', '22-slim'),
      1,
    ),
  );
  out.push(
    rebuild(
      'node:22-alpine = alpine:3.24 + Node.js musl tarball + yarn',
      'alpine:3.24',
      record('node', '22-alpine'),
      1,
    ),
  );
  const go = record('golang', '1.26');
  const goCase = rebuild(
    'golang:1.26 = debian:trixie + apt layers + Go toolchain (multi-stage)',
    'debian:trixie',
    go,
    1,
    go.layers.length,
    goStage,
  );
  goCase.dockerfile = goCase.dockerfile.replace(GO_TARGET_COPY, 'COPY --from=build /target/ /');
  out.push(goCase);
  const goa = record('golang', '1.26-alpine');
  const goaCase = rebuild(
    'golang:1.26-alpine = alpine:3.24 + ca-certificates + Go toolchain (multi-stage)',
    'alpine:3.24',
    goa,
    1,
    goa.layers.length,
    goStage,
  );
  goaCase.dockerfile = goaCase.dockerfile.replace(GO_TARGET_COPY, 'COPY --from=build /target/ /');
  out.push(goaCase);
  // Extra package layers with a different release (trixie) and alpine.
  const pya = record('python', '3.12-alpine');
  out.push(
    rebuild('python:3.12-alpine layers 1-2 = alpine:3.24 + ca-certificates tzdata', 'alpine:3.24', pya, 1, 2),
  );
  for (const c of out) c.derived = /Python built|Node\.js|Go toolchain|alpine:3\.24/.test(c.name);
  const published = publishedCases(out);
  for (const c of published) if (familyOf(c) === 'alpine' && readsAlpineSource(c.name)) c.derived = true;
  // A Temurin archive sized from its own published layer (src/data/jdk-archives.json).
  for (const c of published) if (temurinRow(c.dockerfile)?.exact) c.derived = true;
  // The Rust toolchain's size is the rust images' own rustup layer (heuristics.ts RUST_MINIMAL_TOOLCHAIN).
  for (const c of published) if (/rustup-init/.test(c.dockerfile)) c.derived = true;
  return [...out, ...published];
}

/**
 * Whether a case rebuilds an image (or one built on it, maven on eclipse-temurin) whose published
 * package list src/data/alpine-packages.json measured: its apk layers are then sized from figures
 * read off the same image family.
 */
function readsAlpineSource(name: string): boolean {
  const doc = JSON.parse(readFileSync(path.join(root, 'src/data/alpine-packages.json'), 'utf8')) as {
    sources: string[];
  };
  const images = doc.sources
    .flatMap((src) => /^([a-z0-9-]+):/.exec(src)?.[1] ?? [])
    .filter((i) => i !== 'alpine');
  const [image, tag] = name.split(/[: ]/);
  return images.some((i) => image === i || tag.includes(i));
}

/** Every published image on a Debian, slim, Ubuntu or Alpine base: whole, and up to each package layer. */
function publishedCases(existing: Case[]): Case[] {
  const seen = new Set(existing.map((c) => c.dockerfile));
  const out: Case[] = [];
  for (const r of publishedRecords(root)) {
    const p = parentOf(r);
    if (!p) continue;
    const rec: Rec = { ...r, uncompressedBytes: r.uncompressedBytes ?? null, layers: r.layers! };
    const ends = rec.layers.flatMap((l, k) =>
      k > 0 && k + 1 < rec.layers.length && isPackageLayer(line(l)) ? [k + 1] : [],
    );
    for (const to of [...ends, rec.layers.length]) {
      const whole = to === rec.layers.length;
      // The Go toolchain's build stage, when the rebuilt layers copy from it.
      const fromGoStage =
        rec.image === 'golang' && rec.layers.slice(0, to).some((l) => line(l) === GO_TARGET_COPY);
      const c = rebuild(
        `${rec.image}:${rec.tag} ${whole ? '' : `layers 1-${to} `}= ${p.parent} + ${whole ? 'its' : to - 1} published layer(s)`,
        p.parent,
        rec,
        1,
        to,
        fromGoStage ? goStageFor(/^\d+\.\d+/.exec(rec.tag)?.[0] ?? '1') : [],
        publishedEnv(root, r, p.family),
      );
      if (fromGoStage) {
        c.dockerfile = c.dockerfile.replace(GO_TARGET_COPY, 'COPY --from=build /target/ /');
        // The toolchain's size in heuristics.ts was derived from the catalog.
        c.derived = true;
      }
      if (seen.has(c.dockerfile)) continue;
      seen.add(c.dockerfile);
      out.push(c);
    }
  }
  return out;
}

function pct(est: number, real: number): number {
  return (est - real) / real;
}
function fmt(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}
function fmtPct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main(): Promise<void> {
  await ensureShellParser();
  const opts = resolveOptions({ context: { hasGit: false, sourceBytes: 0 } });
  const wholeC: number[] = [];
  const wholeU: number[] = [];
  const independentC: number[] = [];
  const layerErr: number[] = [];
  const independentLayers: number[] = [];
  console.log('Whole images (estimate vs real)');
  console.log('case'.padEnd(92), 'compressed est / real / error', '   on-disk est / real / error');
  const layerRows: string[] = [];
  const seen = new Set<string>();
  const byFamily = new Map<string, { whole: number[]; layers: number[] }>();
  for (const c of cases()) {
    if (onlyFamily && familyOf(c) !== onlyFamily) continue;
    const fam = byFamily.get(familyOf(c)) ?? { whole: [], layers: [] };
    byFamily.set(familyOf(c), fam);
    const model = parseDockerfile(c.dockerfile);
    if (model.syntaxErrors.length)
      console.log(`  (syntax errors in ${c.name}: ${model.syntaxErrors.map((e) => e.message).join('; ')})`);
    const e = estimateImage(model, opts);
    const ec = pct(e.compressedBytes, c.realCompressed);
    wholeC.push(Math.abs(ec));
    fam.whole.push(Math.abs(ec));
    if (!c.derived) independentC.push(Math.abs(ec));
    let u = '';
    if (c.realOnDisk) {
      const eu = pct(e.uncompressedBytes, c.realOnDisk);
      wholeU.push(Math.abs(eu));
      u = `${fmt(e.uncompressedBytes)} / ${fmt(c.realOnDisk)} / ${fmtPct(eu)}`;
    }
    console.log(
      (c.derived ? '* ' : '  ') + c.name.padEnd(90),
      `${fmt(e.compressedBytes)} / ${fmt(c.realCompressed)} / ${fmtPct(ec)}`.padEnd(32),
      u,
    );
    if (verbose)
      for (const l of e.layers)
        console.log(
          `      L${l.line} ${l.kind} ${fmt(l.uncompressedBytes)} / ${fmt(l.compressedBytes)}${c.lineReal?.has(l.line) ? ` (real ${fmt(c.lineReal.get(l.line)!)})` : ''} [${l.confidence}] ${l.basis.slice(0, verboseWidth)}`,
        );
    for (const lc of c.layers) {
      const l = e.layers.find((x) => x.kind !== 'base' && x.line === lc.line);
      if (!l) continue;
      const err = pct(l.compressedBytes, lc.real);
      const key = `${l.compressedBytes}|${lc.real}`;
      if (seen.has(key)) continue;
      seen.add(key);
      layerErr.push(Math.abs(err));
      fam.layers.push(Math.abs(err));
      if (!c.derived) independentLayers.push(Math.abs(err));
      layerRows.push(
        `${c.derived ? '* ' : ''}${lc.name.slice(0, 90).padEnd(92)} ${fmt(l.compressedBytes)} / ${fmt(lc.real)} / ${fmtPct(err)}`,
      );
    }
  }
  console.log('\nPackage-install layers (estimated compressed layer vs the real layer)');
  // The same layer recorded in several images is listed once per image (builds differ slightly).
  for (const r of layerRows) console.log(r);
  // Layers that appear identically in several images (same estimate, same real size) count once.
  console.log('\nSummary');
  console.log(
    `  whole images, compressed: median |error| ${fmtPct(median(wholeC))} over ${wholeC.length} images (max ${fmtPct(Math.max(...wholeC))})`,
  );
  console.log(
    `  whole images, on-disk:    median |error| ${fmtPct(median(wholeU))} over ${wholeU.length} images (max ${fmtPct(Math.max(...wholeU))})`,
  );
  console.log(
    `  whole images without catalog-derived sizes (unstarred): median |error| ${fmtPct(median(independentC))} over ${independentC.length} images (compressed)`,
  );
  console.log(
    `  package layers:           median |error| ${fmtPct(median(layerErr))} over ${layerErr.length} layers (max ${fmtPct(Math.max(...layerErr))})`,
  );
  console.log(
    `  package layers, unstarred: median |error| ${fmtPct(median(independentLayers))} over ${independentLayers.length} layers`,
  );
  console.log('  targets: whole-image median ≤ 10%, package layers ≤ 25%');
  console.log('\nPer distro family of the parent image (compressed, median |error|)');
  console.log(
    'family'.padEnd(14),
    'images',
    'whole median',
    'whole p90',
    'pkg layers',
    'layer median',
    'layer p90',
  );
  for (const [fam, v] of [...byFamily].sort())
    console.log(
      fam.padEnd(14),
      String(v.whole.length).padStart(6),
      fmtPct(median(v.whole)).padStart(12),
      fmtPct(quantile(v.whole, 0.9)).padStart(9),
      String(v.layers.length).padStart(10),
      (v.layers.length ? fmtPct(median(v.layers)) : '—').padStart(12),
      (v.layers.length ? fmtPct(quantile(v.layers, 0.9)) : '—').padStart(9),
    );
  const savings = await savingsRows(root);
  console.log('\nSavings claimed by findings vs measured (on disk; truth: scripts/data/savings-truth.json)');
  const savingsByKind = new Map<string, number[]>();
  for (const r of savings) {
    const err = r.claimed === null ? 1 : Math.abs(pct(r.claimed, r.real));
    savingsByKind.set(r.kind, [...(savingsByKind.get(r.kind) ?? []), err]);
    console.log(
      `  ${r.kind.padEnd(28)} ${(r.name + (r.inSample ? ' *' : '')).padEnd(44)} ${r.claimed === null ? 'no finding' : fmt(r.claimed)} / ${fmt(r.real)}${r.claimed === null ? '' : ` / ${fmtPct(pct(r.claimed, r.real))}`}`,
    );
  }
  for (const [kind, errs] of savingsByKind)
    console.log(`  ${kind}: median |error| ${fmtPct(median(errs))} over ${errs.length} cases`);
  const pipOut = savings.filter((r) => r.kind === 'pip cache' && !r.inSample);
  if (pipOut.length)
    console.log(
      `  pip cache, unstarred (names outside the wheel table): median |error| ${fmtPct(median(pipOut.map((r) => (r.claimed === null ? 1 : Math.abs(pct(r.claimed, r.real))))))} over ${pipOut.length} cases`,
    );
  console.log(
    '  * pip cache: a named package is in src/data/pip-wheels.json, built from uv.lock files like the truth (often other versions): in-sample.',
  );
  console.log(
    '  note: base images are exact catalog entries; * marks cases whose toolchain (Node, Go, Python) sizes were derived from the same catalog, or whose image family (php, postgres, eclipse-temurin, rust...) is a source of the Alpine package table, or whose Temurin JDK/JRE archive is sized from that very archive’s published layer (src/data/jdk-archives.json), or whose Rust toolchain is sized from the rust images’ own rustup layers: they check the ledger mechanics more than an independent prediction.',
  );
  // `npm run bench` reads this last line into its JSON report.
  if (process.argv.includes('--json')) {
    const round = (fraction: number) => Math.round(fraction * 1000) / 10; // as a percentage
    console.log(
      JSON.stringify({
        wholeImageCompressedMedianPct: round(median(wholeC)),
        wholeImageOnDiskMedianPct: round(median(wholeU)),
        wholeImageIndependentMedianPct: round(median(independentC)),
        packageLayerMedianPct: round(median(layerErr)),
        images: wholeC.length,
        layers: layerErr.length,
      }),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
