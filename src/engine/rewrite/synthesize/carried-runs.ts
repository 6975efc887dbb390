// RUN commands the final stage must repeat (users, folders, permissions) versus build work.
import type { Instruction, RunInstruction, ShellCommand, Stage } from '../../model';
import { type StageFacts, isRun, isSimpleShellCommand, lastOf, programName } from './stage-facts';
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

/** Lines of RUN instructions that ran only in the builder and were neither build nor install work. */
export function unknownRunLines(facts: StageFacts, known: (cmd: ShellCommand) => boolean): number[] {
  const carried = new Set(carriedRuns(facts));
  const lines: number[] = [];
  for (const ins of facts.stage.instructions) {
    if (!isRun(ins) || carried.has(ins)) continue;
    const cmds = ins.shell?.commands ?? [];
    const unknown = cmds.some((c) => {
      const p = programName(c);
      if (
        OS_PKG.has(p) ||
        CARRY.has(p) ||
        p === 'rm' ||
        p === 'echo' ||
        p === 'cd' ||
        p === 'cp' ||
        p === 'mv'
      )
        return false;
      if (p === 'npm' || p === 'yarn' || p === 'pnpm') return false;
      return !known(c);
    });
    if (unknown) lines.push(ins.span.line);
  }
  return lines;
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
