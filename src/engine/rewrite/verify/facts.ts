// Facts the invariants share: a stage's chain of parents, its root base image and what that image
// provides (OS family and release, libc, shell, runtime), the commands of a stage with their
// effects, and where a stage's files come from.
import type {
  CopyInstruction,
  DockerfileModel,
  Effect,
  Instruction,
  RunInstruction,
  ShellCommand,
  Stage,
} from '../../model';
import { baseImages } from '../../size/catalog';
import type { CatalogEntry, OsFamily } from '../../size/types';
import { imageRepository, isScratch, parseImageRef } from '../../parse/images';
import { resolvePath } from '../../primitives/paths';

export interface BaseFacts {
  /** The root image reference (resolved), null when a variable stayed unresolved. */
  reference: string | null;
  repo: string;
  tag: string | null;
  family: OsFamily;
  release: string | null;
  libc: 'glibc' | 'musl' | 'none' | 'unknown';
  shell: boolean;
  entry: CatalogEntry | null;
  /** The catalog knows this exact tag (its release can be trusted, not a family's newest). */
  exact: boolean;
}

const memo = new WeakMap<Stage, BaseFacts>();

/** The stage and the stages it is built FROM, root first. */
export function chainOf(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [];
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.unshift(s);
    s = 'stage' in s.base ? model.stages[s.base.stage] : undefined;
  }
  return out;
}

export { finalStage as finalStageOf } from '../../primitives/stages';

/** A name for a stage that survives renumbering: its name, 'final', or its base. */
export function stageKey(model: DockerfileModel, stage: Stage): string {
  if (stage.final) return 'final';
  return stage.name ?? `stage on ${stage.from.image}`;
}

export function stageLabel(stage: Stage): string {
  return stage.name ? `stage "${stage.name}"` : stage.final ? 'the final stage' : `stage ${stage.index + 1}`;
}

/** What the root image of a stage provides, from the catalog, else from its name. */
export function baseFacts(model: DockerfileModel, stage: Stage): BaseFacts {
  const cached = memo.get(stage);
  if (cached) return cached;
  const root = chainOf(model, stage)[0];
  const ref = 'scratch' in root.base ? 'scratch' : 'image' in root.base ? root.base.image : null;
  const facts = factsOfReference(ref && !/\$/.test(ref) ? ref : null);
  memo.set(stage, facts);
  return facts;
}

/** Facts by reference: every text a rewrite measures names the same few images again. */
const byReference = new Map<string | null, BaseFacts>();

export function factsOfReference(reference: string | null): BaseFacts {
  let facts = byReference.get(reference);
  if (!facts) {
    // The catalog is fixed, so facts never go stale; the bound keeps odd inputs from growing it.
    if (byReference.size >= 512) byReference.clear();
    byReference.set(reference, (facts = referenceFacts(reference)));
  }
  return facts;
}

function referenceFacts(reference: string | null): BaseFacts {
  if (reference === null)
    return {
      reference,
      repo: '',
      tag: null,
      family: 'unknown',
      release: null,
      libc: 'unknown',
      shell: true,
      entry: null,
      exact: false,
    };
  if (isScratch(reference))
    return {
      reference,
      repo: 'scratch',
      tag: null,
      family: 'scratch',
      release: null,
      libc: 'none',
      shell: false,
      entry: null,
      exact: true,
    };
  const repo = imageRepository(reference);
  const tag = parseImageRef(reference).tag;
  let entry: CatalogEntry | null = null;
  let exact = false;
  try {
    const r = baseImages.resolve(reference);
    entry = r.match === 'fallback' || r.match === 'unknown' ? null : r.entry;
    exact = r.match === 'exact' || r.match === 'alias';
  } catch {
    entry = null;
  }
  if (entry)
    return {
      reference,
      repo,
      tag,
      family: entry.os,
      release: entry.osRelease,
      libc: entry.libc,
      shell: entry.shell,
      entry,
      exact,
    };
  const name = `${repo}:${tag ?? ''}`;
  const family: OsFamily = /alpine/.test(name)
    ? 'alpine'
    : /distroless|chiseled/.test(name)
      ? 'distroless'
      : /ubuntu|jammy|noble|focal/.test(name)
        ? 'ubuntu'
        : /(^|\/)(debian|buildpack-deps)|bookworm|bullseye|trixie|buster|slim/.test(name)
          ? 'debian'
          : /ubi|fedora|centos|rocky|alma|amazonlinux|oraclelinux/.test(name)
            ? 'rhel'
            : 'unknown';
  const libc = family === 'alpine' ? 'musl' : family === 'unknown' ? 'unknown' : 'glibc';
  const shell = family !== 'distroless' || /:debug/.test(name);
  return { reference, repo, tag, family, release: null, libc, shell, entry: null, exact: false };
}

export function isRun(i: Instruction): i is RunInstruction {
  return i.keyword === 'RUN';
}

export function isCopy(i: Instruction): i is CopyInstruction {
  return i.keyword === 'COPY' || i.keyword === 'ADD';
}

export interface CommandAt {
  run: RunInstruction;
  cmd: ShellCommand;
  index: number;
  effects: Effect[];
}

const commandMemo = new WeakMap<Stage, CommandAt[]>();

/** Every command of the stage's RUNs, with the effects attributed to it (read-only, memoised). */
export function commandsOf(stage: Stage): CommandAt[] {
  const cached = commandMemo.get(stage);
  if (cached) return cached;
  const out: CommandAt[] = [];
  for (const i of stage.instructions) {
    if (!isRun(i)) continue;
    i.shell.commands.forEach((cmd, index) =>
      out.push({ run: i, cmd, index, effects: i.shell.effects.filter((e) => e.command === index) }),
    );
  }
  commandMemo.set(stage, out);
  return out;
}

/** The program of a command without its folder: /usr/bin/apt-get → apt-get. */
export function programOf(cmd: ShellCommand): string {
  return cmd.name.slice(cmd.name.lastIndexOf('/') + 1);
}

/** Every effect of every RUN of the stage, in order. */
export function effectsOf(stage: Stage): Effect[] {
  return stage.instructions.flatMap((i) => (isRun(i) ? i.shell.effects : []));
}

export { resolvePath };

/** The WORKDIR in effect before each instruction of the stage (inherited from a parent stage). */
export function workdirsOf(model: DockerfileModel, stage: Stage): Map<Instruction, string | null> {
  const out = new Map<Instruction, string | null>();
  let wd: string | null = null;
  for (const s of chainOf(model, stage)) {
    for (const i of s.instructions) {
      if (s === stage) out.set(i, wd);
      if (i.keyword === 'WORKDIR') {
        const arg = (i as { args?: string[] }).args?.[0] ?? i.argsAfterFlags.trim();
        if (arg) wd = resolvePath(wd, arg);
      }
    }
  }
  return out;
}
