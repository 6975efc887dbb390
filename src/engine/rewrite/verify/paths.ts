// Invariant "paths": every path a later instruction reads still exists where it is read.
// - COPY --from sources must be paths (not command text such as ["./main"]) that the source stage
//   writes: a COPY destination, a WORKDIR, a path its RUNs name or build, or a system folder;
// - chown/chmod targets must have been written before them;
// - an ENTRYPOINT/CMD program given as a path must be put there by the stage (COPY, RUN);
// - a file the original creates in a RUN (composer require, curl -o, > file) cannot be copied
//   from the build context by a rewritten stage: it may not exist there.
import type { DockerfileModel, Stage } from '../../model';
import type { Problem } from './types';
import { trimTrailingSlashes } from '../../primitives/paths';
import {
  chainOf,
  commandsOf,
  finalStageOf,
  isCopy,
  isRun,
  programOf,
  resolvePath,
  stageKey,
  stageLabel,
  workdirsOf,
} from './facts';

const SYSTEM = [
  '/usr',
  '/etc',
  '/opt',
  '/var',
  '/lib',
  '/lib64',
  '/bin',
  '/sbin',
  '/root',
  '/home',
  '/go',
  '/tmp',
  '/srv',
  '/run',
  '/nix',
  '/app/.venv',
];

/** Absolute paths a chain writes or names, up to (and including) `until` when given. */
function writtenPaths(model: DockerfileModel, stage: Stage, until?: unknown): string[] {
  const out: string[] = [];
  for (const s of chainOf(model, stage)) {
    const wd = workdirsOf(model, s);
    for (const i of s.instructions) {
      const here = wd.get(i) ?? null;
      if (isCopy(i)) out.push(resolvePath(here, i.destination || '.'));
      else if (i.keyword === 'WORKDIR')
        out.push(resolvePath(here, (i as { args?: string[] }).args?.[0] ?? '/'));
      else if (i.keyword === 'ENV')
        for (const kv of (i as { pairs?: { resolved: string | null; value: string | null }[] }).pairs ?? []) {
          const v = kv.resolved ?? kv.value ?? '';
          for (const part of v.split(':')) if (part.startsWith('/')) out.push(resolvePath(null, part));
        }
      else if (isRun(i)) {
        let cwd = here;
        for (const [k, cmd] of i.shell.commands.entries()) {
          for (const e of i.shell.effects)
            if (e.kind === 'chdir' && e.command === k) cwd = resolvePath(cwd, e.path);
          for (const a of [...cmd.args, ...cmd.redirects.map((r) => r.target)]) {
            for (const w of a.split(/[=,:\s]/)) {
              if (
                w.startsWith('/') ||
                w.startsWith('./') ||
                (w && !w.startsWith('-') && /^[\w.-]+(\/[\w.-]*)*$/.test(w))
              )
                out.push(resolvePath(cwd, w));
            }
          }
          // A build or an unpack writes somewhere under the folder it runs in.
          if (cwd) out.push(cwd);
        }
      }
      if (i === until) return out;
    }
  }
  return out;
}

function covered(p: string, roots: string[]): boolean {
  return roots.some((r) => p === r || p.startsWith(r.endsWith('/') ? r : r + '/') || r.startsWith(p + '/'));
}

const NOT_A_PATH = /[[\]"',]|\$\(|^\s*$/;

export function pathProblems(model: DockerfileModel): Problem[] {
  const out: Problem[] = [];
  for (const stage of model.stages) {
    for (const i of stage.instructions) {
      if (!isCopy(i) || !i.from || !('stage' in i.from)) continue;
      const from = model.stages[i.from.stage];
      if (!from) continue;
      const roots = [...SYSTEM, ...writtenPaths(model, from)];
      for (const src of i.sources) {
        if (src.includes('$')) continue;
        const bad = NOT_A_PATH.test(src);
        if (!bad && (covered(resolvePath(null, src), roots) || /[*?]/.test(src))) continue;
        out.push({
          invariant: 'paths',
          key: `paths:from:${stageKey(model, from)}:${src}`,
          message: bad
            ? `${stageLabel(stage)} copies "${src}" from ${stageLabel(from)}: that is command text, not a path, so the COPY fails.`
            : `${stageLabel(stage)} copies ${src} from ${stageLabel(from)}, which never writes it: the COPY would fail with "not found".`,
        });
      }
    }
    out.push(...ownerProblems(model, stage));
  }
  out.push(...programProblems(model));
  return out;
}

/** chown/chmod targets must exist when the command runs. */
function ownerProblems(model: DockerfileModel, stage: Stage): Problem[] {
  const out: Problem[] = [];
  const wd = workdirsOf(model, stage);
  for (const at of commandsOf(stage)) {
    const program = programOf(at.cmd);
    if ((program !== 'chown' && program !== 'chmod') || at.cmd.nested) continue;
    const targets = at.cmd.args.filter((a) => !a.startsWith('-')).slice(1);
    const roots = [...SYSTEM, ...writtenPaths(model, stage, at.run)];
    for (const t of targets) {
      if (/[$*?[\]]/.test(t)) continue;
      const p = resolvePath(wd.get(at.run) ?? null, t);
      if (covered(p, roots)) continue;
      out.push({
        invariant: 'paths',
        key: `paths:${program}:${stageKey(model, stage)}:${p}`,
        message: `In ${stageLabel(stage)}, "${program} ${t}" would fail: nothing before it creates ${p}.`,
      });
    }
  }
  return out;
}

/** The program of ENTRYPOINT (or CMD without one) given as a path must be in the final image. */
function programProblems(model: DockerfileModel): Problem[] {
  const final = finalStageOf(model);
  if (!final) return [];
  const chain = chainOf(model, final);
  const all = chain.flatMap((s) => s.instructions);
  const entry =
    [...all].reverse().find((i) => i.keyword === 'ENTRYPOINT') ??
    [...all].reverse().find((i) => i.keyword === 'CMD');
  if (!entry || entry.form !== 'json' || !entry.json?.length) return [];
  const program = entry.json[0];
  if (!program.startsWith('./') && !program.startsWith('/')) return [];
  if (/^\/(usr\/)?(s?bin)\//.test(program) || program.includes('$')) return [];
  const wd = workdirsOf(model, final).get(entry) ?? null;
  const p = resolvePath(wd, program);
  const roots = writtenPaths(model, final);
  if (covered(p, roots)) return [];
  return [
    {
      invariant: 'paths',
      key: `paths:program:${p}`,
      message: `The container would start ${program}, but nothing in the final image puts ${p} there.`,
    },
  ];
}

/** Files a RUN of the model creates or rewrites, by name (composer.json, package.json, a download). */
export function filesCreatedByRun(model: DockerfileModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const stage of model.stages)
    for (const at of commandsOf(stage)) {
      const text = at.cmd.text.length > 60 ? at.cmd.text.slice(0, 57) + '...' : at.cmd.text;
      for (const e of at.effects) {
        if (e.kind === 'download' && e.output) out.set(base(e.output), text);
        if (e.kind === 'package-install' && !e.fromManifest && !e.global && e.packages.length)
          for (const f of MANIFESTS_WRITTEN[e.manager] ?? []) out.set(f, text);
      }
      for (const r of at.cmd.redirects)
        if (/^>>?$/.test(r.op) && r.target && !r.target.startsWith('/dev/')) out.set(base(r.target), text);
      const program = programOf(at.cmd);
      if (program === 'composer' && /^(init|create-project)$/.test(at.cmd.args[0] ?? ''))
        out.set('composer.json', text);
      if (/^(npm|yarn|pnpm)$/.test(program) && at.cmd.args[0] === 'init') out.set('package.json', text);
    }
  return out;
}

/** Manifests a named install writes (npm i x adds x to package.json, composer require to composer.json). */
const MANIFESTS_WRITTEN: Record<string, string[]> = {
  npm: ['package.json', 'package-lock.json'],
  yarn: ['package.json', 'yarn.lock'],
  pnpm: ['package.json', 'pnpm-lock.yaml'],
  composer: ['composer.json', 'composer.lock'],
  poetry: ['pyproject.toml', 'poetry.lock'],
  cargo: ['Cargo.toml', 'Cargo.lock'],
  go: ['go.mod', 'go.sum'],
};

function base(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Context files named by COPY/ADD sources (not the whole context). */
export function contextSources(model: DockerfileModel): Set<string> {
  const out = new Set<string>();
  for (const i of model.instructions)
    if (isCopy(i) && i.from === null)
      for (const s of i.sources)
        if (!i.remoteSources.includes(s)) out.add(trimTrailingSlashes(s.replace(/^\.\//, '')));
  return out;
}

/** Relational: the rewrite copies from the context a file that the original only creates in a RUN. */
export function createdFileProblems(original: DockerfileModel, after: DockerfileModel): Problem[] {
  const created = filesCreatedByRun(original);
  const before = contextSources(original);
  const out: Problem[] = [];
  for (const src of contextSources(after)) {
    const name = base(src);
    const by = created.get(name);
    if (!by || before.has(src) || before.has(name)) continue;
    out.push({
      invariant: 'paths',
      key: `paths:context:${name}`,
      message: `The rewrite copies ${name} from the build context, but the original Dockerfile creates or changes it with "${by}": it may not exist in the context, and its changes would be lost.`,
    });
  }
  return out;
}
