// RUN commands the final stage must repeat (users, folders, permissions) versus build work.
import type { Effect, Instruction, RunInstruction, ShellCommand, Stage } from '../model';
import { type StageFacts, isRun, isSimpleShellCommand, lastOf, workdirs } from './stage-facts';
import { resolvePath } from '../primitives/paths';
import { baseWorkdir } from '../size/index';
import { rawOf } from './writing';
import { effectsAt } from './command-effects';

/** What the final stage must repeat: accounts, folders, files, links and permissions. */
const CARRY_KINDS: ReadonlySet<Effect['kind']> = new Set([
  'user-add',
  'user-modify',
  'make-dir',
  'permissions',
  'make-file',
]);

/** Removals: they may go with carried commands. */
const REMOVALS: ReadonlySet<Effect['kind']> = new Set(['remove', 'cache-clean']);

/** Shell options and no-ops (`set -eux`, `true`): they may go with carried commands. */
const neutral = (e: Effect) => e.kind === 'shell-only' && (e.role === 'options' || e.role === 'nothing');

/** One command's effects, by the command's index in its RUN. */
function byCommand(run: RunInstruction): Effect[][] {
  return run.shell.commands.map((_c, k) => effectsAt(run, k));
}

/** RUN instructions made only of user/folder/permission commands: repeated in the runtime stage. */
export function carriedRuns(facts: StageFacts): RunInstruction[] {
  const out: RunInstruction[] = [];
  for (const ins of facts.stage.instructions) {
    if (!isRun(ins) || !ins.shell || ins.shell.skipped || ins.heredocs.length) continue;
    const cmds = byCommand(ins);
    if (!cmds.length) continue;
    const carried = (e: Effect) => CARRY_KINDS.has(e.kind);
    if (
      cmds.every(
        (es) => es.length > 0 && es.every((e) => carried(e) || REMOVALS.has(e.kind) || neutral(e)),
      ) &&
      cmds.some((es) => es.some(carried))
    )
      out.push(ins);
  }
  return out;
}

/** OS package work (apt and apk: installs, index updates, upgrades, cleanups) and OS configuration. */
function isOsPackageEffect(e: Effect): boolean {
  if (e.kind === 'system-config') return true;
  if (
    e.kind === 'package-index-update' ||
    e.kind === 'package-install' ||
    e.kind === 'package-remove' ||
    e.kind === 'package-upgrade'
  )
    return e.manager === 'apt' || e.manager === 'apk';
  return false;
}

/** Effects that change nothing a later instruction sees, or only files the stages copy. */
const HARMLESS: ReadonlySet<Effect['kind']> = new Set([
  'remove',
  'cache-clean',
  'shell-only',
  'chdir',
  'move',
]);

/** The work of npm, yarn and pnpm: each synthesis that meets it accounts for it (or not) itself. */
function isNodeManagerEffect(e: Effect): boolean {
  const managers = ['npm', 'yarn', 'pnpm'];
  if (e.kind === 'tool-run') return !e.viaRunner && managers.includes(e.tool);
  if (e.kind === 'package-script') return managers.includes(e.manager);
  if (e.kind === 'package-install' || e.kind === 'package-remove') return managers.includes(e.manager);
  return false;
}

/** A command every synthesis understands: OS packages, carried work, harmless work, Node's managers. */
function understood(effects: readonly Effect[], notHarmless: ReadonlySet<Effect['kind']>): boolean {
  return (
    effects.length > 0 &&
    effects.every(
      (e) =>
        isOsPackageEffect(e) ||
        CARRY_KINDS.has(e.kind) ||
        (HARMLESS.has(e.kind) && !notHarmless.has(e.kind)) ||
        isNodeManagerEffect(e),
    )
  );
}

/** Whether a synthesis knows a command: from the command and, preferably, its effects. */
export type KnownCommand = (cmd: ShellCommand, effects: readonly Effect[]) => boolean;

/** RUN commands that ran only in the builder and were neither build nor install work. */
export function unknownRunCommands(
  facts: StageFacts,
  known: KnownCommand,
  /** Effects harmless elsewhere that this synthesis cannot carry (its runtime copies the context, not the build stage's files). */
  notHarmless: ReadonlySet<Effect['kind']> = new Set(),
): { run: RunInstruction; cmd: ShellCommand }[] {
  const carried = new Set(carriedRuns(facts));
  const out: { run: RunInstruction; cmd: ShellCommand }[] = [];
  for (const ins of facts.stage.instructions) {
    if (!isRun(ins) || carried.has(ins)) continue;
    const k = (ins.shell?.commands ?? []).findIndex((c, index) => {
      const effects = effectsAt(ins, index);
      return !understood(effects, notHarmless) && !known(c, effects);
    });
    if (k >= 0) out.push({ run: ins, cmd: ins.shell.commands[k]! });
  }
  return out;
}

/** Lines of RUN instructions that ran only in the builder and were neither build nor install work. */
export function unknownRunLines(facts: StageFacts, known: KnownCommand): number[] {
  return unknownRunCommands(facts, known).map((u) => u.run.span.line);
}

/**
 * Why a synthesis that keeps only known files in its final stage must refuse: a RUN it does not
 * understand may install or change something the app needs, and it would now run in the build
 * stage only (null when every RUN is understood).
 */
export function unknownRunReason(
  facts: StageFacts,
  known: KnownCommand,
  notHarmless?: ReadonlySet<Effect['kind']>,
): string | null {
  const u = unknownRunCommands(facts, known, notHarmless)[0];
  if (!u) return null;
  const text = u.cmd.text.trim().replace(/\s+/g, ' ');
  return `the RUN at line ${u.run.span.line} runs \`${text.length > 60 ? text.slice(0, 57) + '...' : text}\`, which the multi-stage synthesis does not understand: in the build stage only, what it installs or changes outside the copied files would be missing from the final image.`;
}

/**
 * A carried RUN as written, with `mkdir` made `mkdir -p`: in the runtime stage the folder may
 * already exist (a COPY or WORKDIR now comes first), and a plain mkdir would fail the build.
 */
export function carriedLine(run: RunInstruction): string {
  let raw = rawOf(run);
  const commands = run.shell?.commands ?? [];
  const cmds = (run.shell?.effects ?? []).flatMap((e) =>
    e.kind === 'make-dir' && !e.parents && commands[e.command]?.span ? [commands[e.command]!] : [],
  );
  for (const c of cmds.reverse()) {
    const at = c.span!.start - run.span.start;
    const m = /mkdir\b/.exec(raw.slice(at));
    if (!m || at < 0) continue;
    const end = at + m.index + m[0].length;
    raw = raw.slice(0, end) + ' -p' + raw.slice(end);
  }
  return raw;
}

const relative = (p: string) => !p.startsWith('/') && !p.startsWith('$');

/**
 * Whether a RUN names a path relative to its working folder (so it must run in that folder): the
 * paths of its parser effects (mkdir, touch, ln, chown/chmod, rm, mv/cp).
 */
function readsWorkdir(run: RunInstruction): boolean {
  const paths = (run.shell?.effects ?? []).flatMap((e) =>
    e.kind === 'make-dir' ||
    e.kind === 'make-file' ||
    e.kind === 'permissions' ||
    e.kind === 'remove' ||
    e.kind === 'cache-clean'
      ? e.paths
      : e.kind === 'move'
        ? [...e.sources, e.destination]
        : [],
  );
  return paths.some(relative);
}

/** The working folder after `lines` (written Dockerfile lines): the last WORKDIR, else the FROM image's own. */
function workdirAfter(lines: readonly string[]): string {
  let wd: string | null = null;
  for (const l of lines) {
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(l);
    if (from) wd = baseWorkdir(from[1]!);
    const m = /^WORKDIR\s+(\S+)\s*$/.exec(l);
    if (m) wd = resolvePath(wd, m[1]!.replace(/^["']|["']$/g, ''));
  }
  return wd ?? '/';
}

/**
 * The carried RUNs, to append after `lines`, each in the folder it ran in: a RUN that names a
 * relative path (`mkdir app` before any WORKDIR) is wrapped in WORKDIR lines when the synthesized
 * stage's folder differs there, so it makes the same files as in the original.
 */
export function carriedRunLines(
  facts: StageFacts,
  lines: readonly string[],
  runs = carriedRuns(facts),
  /** The folder to leave the stage in (default: the one `lines` ended in). */
  restore = workdirAfter(lines),
): string[] {
  const current = workdirAfter(lines);
  const ranIn = workdirs(facts.stage);
  const out: string[] = [];
  let wd = current;
  for (const run of runs) {
    // Before any WORKDIR of its own, the RUN ran in the original base image's folder.
    const own = ranIn.get(run) ?? baseWorkdir(facts.baseRef);
    if (readsWorkdir(run) && own !== wd) {
      out.push(`WORKDIR ${own}`);
      wd = own;
    }
    out.push(carriedLine(run));
  }
  if (wd !== restore) out.push(`WORKDIR ${restore}`);
  return out;
}

export function builderOnlyCaveat(lines: number[]): string[] {
  if (!lines.length) return [];
  const list = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
  return [
    `The RUN at ${list} now runs only in the build stage. If it installs or downloads something the running app needs (outside the copied files), repeat it in the final stage.`,
  ];
}

/** HEALTHCHECK needs curl/wget in the final image: which one (null when none). */
export function healthcheckTool(stage: Stage): 'curl' | 'wget' | null {
  const hc = lastOf(stage, 'HEALTHCHECK');
  if (!hc) return null;
  const text = hc.argsText;
  if (/\bcurl\b/.test(text)) return 'curl';
  if (/\bwget\b/.test(text)) return 'wget';
  return null;
}

/** Whether the final stage needs a shell: shell-form CMD/ENTRYPOINT or a HEALTHCHECK command. */
export function needsShell(facts: StageFacts): boolean {
  for (const i of [facts.cmd, facts.entrypoint]) {
    if (i && i.form !== 'json' && !isSimpleShellCommand(i.argsAfterFlags)) return true;
  }
  const hc = lastOf(facts.stage, 'HEALTHCHECK');
  if (hc && !/^\s*NONE\b/i.test(hc.argsAfterFlags)) return true;
  return false;
}

/** CMD/ENTRYPOINT as exec form when a shell-less runtime needs it (simple shell forms only). */
export function execFormLine(i: Instruction): string {
  if (i.form === 'json' || !isSimpleShellCommand(i.argsAfterFlags)) return rawOf(i);
  const words = i.argsAfterFlags.trim().split(/\s+/);
  return `${i.keyword} ${JSON.stringify(words).replace(/","/g, '", "')}`;
}

/** USER kept as written, or a default for a root-running original. */
export function userLine(facts: StageFacts, fallback: string | null): string | null {
  if (facts.user) return rawOf(facts.user);
  return fallback ? `USER ${fallback}` : null;
}
