// The stage walker: builds each stage's ledger in order, then reports the final stage's layers
// (base layers first), the discarded builder stages, wasted bytes and the assumptions used.
import type { DockerfileModel, Instruction, Stage } from '../model';
import type { ResolvedOptions } from '../options';
import type { Confidence, Estimate, LayerEstimate, StageEstimate } from '../types';
import type { BaseResolution, CatalogEntry } from './types';
import type { LayerRec, OsInfo, StageState } from './ledger';
import { cloneState, finishLayer, layerBytes, makeItem, resolvePath, weakestOf } from './ledger';
import { formatBytes } from '../primitives/bytes';
import type { Ctx, SizeDeps } from './context';
import { runLayer } from './run';
import { copyLayer } from './copy';
import { compressed } from './ratios';
import { DEFAULT_PATH, ENV_DEFAULTS, guessOs, guessRuntime, unknownBaseGuess } from './base-guess';
import { stageKey, type StageMemo } from './stage-memo';

export function estimateWith(
  model: DockerfileModel,
  opts: ResolvedOptions,
  deps: SizeDeps,
  /** Stages sized before in this analysis under these options (see stage-memo.ts). */
  memo?: StageMemo,
): Estimate {
  const ctx: Ctx = { deps, opts, states: [], assumptions: new Set() };
  // No FROM at all (a snippet, linted as an implicit stage): there is no base image to size from.
  const noBase = model.stages.length === 1 && model.stages[0].implicit;
  if (model.stages.length === 0 || noBase) {
    return {
      uncompressedBytes: 0,
      compressedBytes: 0,
      confidence: 'low',
      layers: [],
      stages: [],
      discardedLayers: [],
      wastedBytes: 0,
      assumptions: noBase ? ['No base image: the Dockerfile has no FROM, so no size is estimated.'] : [],
    };
  }
  for (const stage of model.stages) ctx.states[stage.index] = sizeStage(model, stage, ctx, memo);
  const finalStage = model.stages.find((s) => s.final) ?? model.stages[model.stages.length - 1];
  const shipped = ancestry(model, finalStage);
  const finalState = ctx.states[finalStage.index]!;
  const layers = finalState.layers.map(finishLayer);
  const uncompressedBytes = sum(layers.map((l) => l.uncompressedBytes));
  const compressedBytes = sum(layers.map((l) => l.compressedBytes));
  const wastedBytes = sum(layers.map((l) => l.wastedBytes ?? 0));
  // The weakest big contributor (≥ 10% of the image); many small guesses together (≥ 5% of the
  // image in low-confidence layers) cap it at medium.
  let confidence = weakestOf(
    layers.map((l) => ({ bytes: l.uncompressedBytes, confidence: l.confidence })),
    0.1,
    'low',
  );
  const lowBytes = sum(layers.filter((l) => l.confidence === 'low').map((l) => l.uncompressedBytes));
  if (confidence === 'high' && uncompressedBytes > 0 && lowBytes >= uncompressedBytes * 0.05)
    confidence = 'medium';
  const stages: StageEstimate[] = [];
  const discardedLayers: LayerEstimate[] = [];
  for (const stage of model.stages) {
    const st = ctx.states[stage.index]!;
    const final = stage.index === finalStage.index;
    const discarded = !shipped.has(stage.index);
    // Another stage's layers are only summed (and described in full where they are discarded).
    const own = final ? { u: uncompressedBytes, c: compressedBytes } : stageBytes(st.layers);
    stages.push({
      index: stage.index,
      name: stage.name,
      final,
      discarded,
      uncompressedBytes: own.u,
      compressedBytes: own.c,
    });
    if (discarded)
      for (const l of st.layers) if (l.stage === stage.index) discardedLayers.push(finishLayer(l));
  }
  if (model.stages.length > 1) {
    const builders = stages.filter((s) => s.discarded).length;
    if (builders)
      ctx.assumptions.add(
        `Only the final stage ships; ${builders} earlier stage(s) are discarded and only what COPY --from takes from them counts.`,
      );
  }
  ctx.assumptions.add(
    'Sizes are for linux/amd64; on-disk as `docker images` reports it, compressed as a registry download.',
  );
  return {
    uncompressedBytes,
    compressedBytes,
    confidence,
    layers,
    stages,
    discardedLayers,
    wastedBytes,
    assumptions: [...ctx.assumptions],
  };
}

/** A stage's state after its last instruction: sized now, or as the memo remembers it. */
function sizeStage(model: DockerfileModel, stage: Stage, ctx: Ctx, memo: StageMemo | undefined): StageState {
  const key = memo ? stageKey(model, stage) : '';
  const kept = memo?.get(key);
  if (kept) {
    for (const a of kept.assumptions) ctx.assumptions.add(a);
    return kept.state;
  }
  const before = ctx.assumptions.size;
  const st = initStage(model, stage, ctx);
  for (const ins of stage.instructions) if (ins.keyword !== 'FROM') applySafely(st, ins, ctx);
  memo?.set(key, { state: st, assumptions: [...ctx.assumptions].slice(before) });
  return st;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function stageBytes(layers: readonly LayerRec[]): { u: number; c: number } {
  let u = 0;
  let c = 0;
  for (const l of layers) {
    const b = layerBytes(l);
    u += b.u;
    c += b.c;
  }
  return { u, c };
}

/** The final stage and the stages it is built FROM (their layers ship too). */
function ancestry(model: DockerfileModel, stage: Stage): Set<number> {
  const out = new Set<number>();
  let cur: Stage | undefined = stage;
  while (cur && !out.has(cur.index)) {
    out.add(cur.index);
    const b: Stage['base'] = cur.base;
    cur = 'stage' in b ? model.stages[b.stage] : undefined;
  }
  return out;
}

function instructionText(ins: Instruction): string {
  const text = ins.raw
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? text.slice(0, 199) + '…' : text;
}

function newLayer(st: StageState, ins: Instruction): LayerRec {
  return {
    stage: st.index,
    line: ins.span.line,
    instruction: instructionText(ins),
    kind: 'instruction',
    items: [],
    notes: [],
  };
}

function applySafely(st: StageState, ins: Instruction, ctx: Ctx): void {
  try {
    applyInstruction(st, ins, ctx);
  } catch (error) {
    // Never let one odd instruction break the whole estimate.
    const layer = newLayer(st, ins);
    layer.notes.push(
      `this instruction could not be sized (${error instanceof Error ? error.message : String(error)}), ≈ 0 B assumed`,
    );
    layer.confidence = 'low';
    st.layers.push(layer);
  }
}

function applyInstruction(st: StageState, ins: Instruction, ctx: Ctx): void {
  switch (ins.keyword) {
    case 'RUN': {
      if (!('shell' in ins) || !ins.shell || !('mounts' in ins)) return;
      const layer = newLayer(st, ins);
      runLayer(st, ins, layer, ctx);
      st.layers.push(layer);
      return;
    }
    case 'COPY':
    case 'ADD': {
      if (!('sources' in ins)) return;
      const layer = newLayer(st, ins);
      copyLayer(st, ins, layer, ctx);
      st.layers.push(layer);
      return;
    }
    case 'WORKDIR': {
      const arg = 'args' in ins && ins.args.length ? ins.args[0] : ins.argsAfterFlags.trim();
      if (arg) st.workdir = resolvePath(st.workdir, arg);
      return;
    }
    case 'ENV': {
      if (!('pairs' in ins)) return;
      for (const p of ins.pairs) {
        let v = p.resolved ?? p.value ?? '';
        const prev = st.env[p.key] ?? (p.key === 'PATH' ? DEFAULT_PATH : '');
        v = replaceVariable(v, p.key, prev);
        st.env[p.key] = v;
      }
      return;
    }
    case 'USER': {
      const arg = 'args' in ins && ins.args.length ? ins.args[0] : ins.argsAfterFlags.trim();
      st.user = arg || null;
      return;
    }
    default:
      return; // ARG, LABEL, CMD, ENTRYPOINT, EXPOSE, VOLUME, STOPSIGNAL, HEALTHCHECK, SHELL, ONBUILD: no layer
  }
}

// --- bases ------------------------------------------------------------------------------------

function emptyState(stage: Stage, label: string): StageState {
  return {
    index: stage.index,
    layers: [],
    workdir: '/',
    env: {},
    user: null,
    os: { family: 'scratch', release: null, entry: null, installed: null },
    osInstalled: new Set(),
    runtime: null,
    baseLabel: label,
  };
}

function initStage(model: DockerfileModel, stage: Stage, ctx: Ctx): StageState {
  const base = stage.base;
  if ('stage' in base) {
    const parent = ctx.states[base.stage];
    const label = model.stages[base.stage]?.name ?? String(base.stage);
    if (parent) {
      const st = cloneState(parent, stage.index);
      st.baseLabel = label;
      return st;
    }
    return emptyState(stage, label);
  }
  if ('scratch' in base) return emptyState(stage, 'scratch');
  const ref = base.image || stage.from.resolvedImage || stage.from.image;
  const res = safeResolve(ctx, ref);
  const entry = res.entry;
  if (!entry && res.match === 'scratch') return emptyState(stage, 'scratch');
  const st = imageState(stage, ref, entry, ctx);
  if (!entry) st.layers.push(unknownBaseLayer(stage, ref, !!base.unresolved));
  else if (entry.layers && entry.layers.length > 0)
    st.layers.push(...publishedLayers(stage, ref, res, entry));
  else st.layers.push(wholeBaseLayer(stage, ref, res, entry));
  return st;
}

/** A stage's state on an image: its OS and installed packages, its runtime's folder and ENV. */
function imageState(stage: Stage, ref: string, entry: CatalogEntry | null, ctx: Ctx): StageState {
  const runtime = entry?.runtime?.name ?? guessRuntime(ref);
  const rt = runtime === 'golang' ? 'go' : runtime;
  return {
    index: stage.index,
    layers: [],
    workdir: rt === 'go' ? '/go' : '/',
    env: { ...(rt ? (ENV_DEFAULTS[rt] ?? {}) : {}) },
    user: null,
    os: osInfo(entry?.os ?? guessOs(ref), entry, () => (entry ? safeInstalled(ctx, entry) : null)),
    osInstalled: new Set(),
    runtime: rt,
    baseLabel: entry?.reference ?? ref,
  };
}

/** A base image the catalog does not hold: one layer of a generic size for its kind of image. */
function unknownBaseLayer(stage: Stage, ref: string, unresolved: boolean): LayerRec {
  const g = unknownBaseGuess(ref);
  const why = unresolved
    ? `the base ${ref} has a variable that could not be resolved`
    : `the base ${ref} is not in the catalog`;
  return {
    stage: stage.index,
    line: stage.from.span.line,
    instruction: instructionText(stage.from),
    kind: 'base',
    items: [makeItem('other', '/', g.bytes, 'low', '', { base: true })],
    notes: [],
    basis: `${capital(why)}, so a generic size for ${g.what} is assumed (≈ ${formatBytes(g.bytes)}); the real image may be far smaller or larger.`,
    confidence: 'low',
  };
}

/** How sure a catalog figure is, its on-disk source and the start of the basis sentence. */
function catalogBasis(ref: string, res: BaseResolution, entry: CatalogEntry) {
  const confidence: Confidence =
    res.match === 'fallback' || res.match === 'unknown'
      ? 'low'
      : entry.uncompressedDerived && res.confidence === 'high'
        ? 'medium'
        : res.confidence;
  const onDisk = entry.uncompressedDerived
    ? 'on-disk size derived from the compressed size'
    : 'published on-disk size';
  const lead = res.basis
    ? res.basis.trimEnd().replace(/\.$/, '')
    : `${ref} resolves to ${entry.reference} in the catalog`;
  return { confidence, onDisk, lead };
}

/** A catalog image without its published layers: one layer of the whole image. */
function wholeBaseLayer(stage: Stage, ref: string, res: BaseResolution, entry: CatalogEntry): LayerRec {
  const { confidence, onDisk, lead } = catalogBasis(ref, res, entry);
  return {
    stage: stage.index,
    line: stage.from.span.line,
    instruction: instructionText(stage.from),
    kind: 'base',
    items: [
      makeItem('other', '/', entry.uncompressedBytes, confidence, '', {
        base: true,
        compressedBytes: entry.compressedBytes,
      }),
    ],
    notes: [],
    basis: `${lead} (${onDisk}, as of ${entry.asOf}).`,
    confidence,
  };
}

/**
 * A catalog image with its published layers: one layer each, with its compressed size and an
 * on-disk size measured per layer or split from the image's total by compressed share.
 */
function publishedLayers(stage: Stage, ref: string, res: BaseResolution, entry: CatalogEntry): LayerRec[] {
  const { confidence, onDisk, lead } = catalogBasis(ref, res, entry);
  const published = entry.layers ?? [];
  const totalC = published.reduce((s, l) => s + l.compressedBytes, 0) || 1;
  const perLayer = published.every((l) => l.uncompressedBytes !== undefined);
  const split = perLayer
    ? 'derived from the compressed size layer by layer (the JDK at its own measured ratio)'
    : `split from the image's ${onDisk} by compressed share`;
  let usedU = 0;
  return published.map((l, k) => {
    const last = k === published.length - 1;
    const u = perLayer
      ? l.uncompressedBytes!
      : last
        ? entry.uncompressedBytes - usedU
        : Math.round((entry.uncompressedBytes * l.compressedBytes) / totalC);
    usedU += u;
    return {
      stage: stage.index,
      line: stage.from.span.line,
      instruction: publishedInstruction(entry, k),
      kind: 'base',
      items: [
        makeItem('other', '/', Math.max(0, u), confidence, '', {
          base: true,
          compressedBytes: l.compressedBytes,
        }),
      ],
      notes: [],
      basis:
        k === 0
          ? `${lead}; layer ${k + 1} of ${published.length} with its published compressed size, on-disk size ${split}.`
          : `Layer ${k + 1} of ${published.length} of ${entry.reference} with its published compressed size; on-disk size ${split}.`,
      confidence,
    };
  });
}

/** The lines of a catalog image's published layers (a base's layers are described in every analysis). */
const layerLines = new WeakMap<CatalogEntry, string[]>();

function publishedInstruction(entry: CatalogEntry, k: number): string {
  let lines = layerLines.get(entry);
  if (!lines) {
    const published = entry.layers ?? [];
    lines = published.map((l, i) => {
      const text = l.instruction.replace(/\s+/g, ' ').trim();
      return `${entry.reference} layer ${i + 1}/${published.length}: ${text.length > 140 ? text.slice(0, 139) + '…' : text}`;
    });
    layerLines.set(entry, lines);
  }
  return lines[k];
}

/**
 * `$NAME` and `${NAME}` in the text replaced by the value (no RegExp built from the key: an ENV key
 * is user text, and `ENV a(=1` made an invalid pattern).
 */
export function replaceVariable(text: string, name: string, value: string): string {
  if (name === '') return text;
  let out = '';
  let from = 0;
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    const braced = text[i + 1] === '{';
    const start = i + (braced ? 2 : 1);
    if (!text.startsWith(name, start)) continue;
    let end = start + name.length;
    if (braced) {
      if (text[end] !== '}') continue;
      end++;
    } else if (/[A-Za-z0-9_]/.test(text[end] ?? '')) continue;
    out += text.slice(from, i) + value;
    from = end;
    i = end - 1;
  }
  return out + text.slice(from);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function safeResolve(ctx: { deps: SizeDeps }, ref: string): BaseResolution {
  try {
    return ctx.deps.bases.resolve(ref);
  } catch {
    return { entry: null, match: 'unknown', confidence: 'low', basis: `${ref} could not be resolved` };
  }
}

/**
 * The stage's OS, whose installed package set is worked out the first time a package step reads
 * it: a Dockerfile with no package step never loads its suite's package table (issue 16 item 3).
 */
function osInfo(
  family: OsInfo['family'],
  entry: CatalogEntry | null,
  installed: () => ReadonlySet<string> | null,
): OsInfo {
  let set: ReadonlySet<string> | null | undefined;
  return {
    family,
    release: entry?.osRelease ?? null,
    entry,
    get installed() {
      if (set === undefined) set = installed();
      return set;
    },
  };
}

function safeInstalled(ctx: Ctx, entry: CatalogEntry): ReadonlySet<string> | null {
  try {
    return ctx.deps.bases.installedPackages(entry);
  } catch {
    return null;
  }
}

export { compressed };
