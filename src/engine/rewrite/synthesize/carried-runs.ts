// RUN commands the final stage must repeat (users, folders, permissions) versus build work.
import type { Instruction, RunInstruction, ShellCommand, Stage } from '../../model';
import { type StageFacts, isRun, isSimpleShellCommand, lastOf, programName, workdirs } from './stage-facts';
import { resolvePath } from '../../primitives/paths';
import { baseWorkdir } from '../../size/index';
import { rawOf } from './writing';
import { osInstallLine } from './os-packages';

const CARRY = new Set([
  'useradd',
  'adduser',
  'groupadd',
  'addgroup',
  'usermod',
  'mkdir',
  'chown',
  'chmod',
  'ln',
  'touch',
  'true',
  'set',
]);
const OS_PKG = new Set(['apt-get', 'apt', 'apk', 'dpkg-reconfigure', 'update-ca-certificates']);

/** RUN instructions made only of user/folder/permission commands: repeated in the runtime stage. */
export function carriedRuns(facts: StageFacts): RunInstruction[] {
  const out: RunInstruction[] = [];
  for (const ins of facts.stage.instructions) {
    if (!isRun(ins) || !ins.shell || ins.shell.skipped || ins.heredocs.length) continue;
    const cmds = ins.shell.commands;
    if (!cmds.length) continue;
    const progs = cmds.map(programName);
    if (
      progs.every((p) => CARRY.has(p) || p === 'rm') &&
      progs.some((p) => CARRY.has(p) && p !== 'true' && p !== 'set')
    )
      out.push(ins);
  }
  return out;
}

/** True when a RUN only installs OS packages / cleans their caches (handled by osInstallLine). */
export function isOsOnlyRun(run: RunInstruction): boolean {
  if (!run.shell || !run.shell.commands.length) return false;
  return run.shell.commands.every((c) => {
    const p = programName(c);
    return OS_PKG.has(p) || p === 'rm' || p === 'true' || p === 'set' || p === 'echo';
  });
}

/** Commands that change nothing a later instruction sees, or only files the stages copy. */
const HARMLESS = new Set(['rm', 'echo', 'cd', 'cp', 'mv', 'export', 'unset', 'test', '[', ':']);

/** RUN commands that ran only in the builder and were neither build nor install work. */
export function unknownRunCommands(
  facts: StageFacts,
  known: (cmd: ShellCommand) => boolean,
  /** Programs harmless elsewhere that this synthesis cannot carry (its runtime copies the context, not the build stage's files). */
  notHarmless: ReadonlySet<string> = new Set(),
): { run: RunInstruction; cmd: ShellCommand }[] {
  const carried = new Set(carriedRuns(facts));
  const out: { run: RunInstruction; cmd: ShellCommand }[] = [];
  for (const ins of facts.stage.instructions) {
    if (!isRun(ins) || carried.has(ins)) continue;
    const cmd = (ins.shell?.commands ?? []).find((c) => {
      const p = programName(c);
      if (OS_PKG.has(p) || CARRY.has(p) || (HARMLESS.has(p) && !notHarmless.has(p))) return false;
      if (p === 'npm' || p === 'yarn' || p === 'pnpm') return false;
      return !known(c);
    });
    if (cmd) out.push({ run: ins, cmd });
  }
  return out;
}

/** Lines of RUN instructions that ran only in the builder and were neither build nor install work. */
export function unknownRunLines(facts: StageFacts, known: (cmd: ShellCommand) => boolean): number[] {
  return unknownRunCommands(facts, known).map((u) => u.run.span.line);
}

/**
 * Why a synthesis that keeps only known files in its final stage must refuse: a RUN it does not
 * understand may install or change something the app needs, and it would now run in the build
 * stage only (null when every RUN is understood).
 */
export function unknownRunReason(
  facts: StageFacts,
  known: (cmd: ShellCommand) => boolean,
  notHarmless?: ReadonlySet<string>,
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
  const cmds = (run.shell?.commands ?? []).filter(
    (c) =>
      programName(c) === 'mkdir' &&
      c.span &&
      !c.args.some((a) => a === '--parents' || /^-[a-zA-Z]*p/.test(a)),
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

/** Programs without parser effects whose operands are all paths. */
const PATH_ONLY = new Set(['touch', 'ln']);

const relative = (p: string) => !p.startsWith('/') && !p.startsWith('$');

/**
 * Whether a RUN names a path relative to its working folder (so it must run in that folder): the
 * paths of its parser effects (mkdir, chown/chmod, rm, mv/cp), and the operands of touch and ln.
 */
function readsWorkdir(run: RunInstruction): boolean {
  const paths = (run.shell?.effects ?? []).flatMap((e) =>
    e.kind === 'make-dir' || e.kind === 'permissions' || e.kind === 'remove' || e.kind === 'cache-clean'
      ? e.paths
      : e.kind === 'move'
        ? [...e.sources, e.destination]
        : [],
  );
  if (paths.some(relative)) return true;
  return (run.shell?.commands ?? []).some(
    (c) => PATH_ONLY.has(programName(c)) && c.args.some((a) => !a.startsWith('-') && relative(a)),
  );
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
