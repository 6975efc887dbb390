// Writing Dockerfile lines: preamble, FROM, runtime instructions, RUN lines rebuilt from commands.
import type { DockerfileModel, Instruction, RunInstruction, ShellCommand, Stage } from '../model';
import { type StageFacts } from './stage-facts';
import { RUNTIME_KEYWORDS } from '../primitives/keywords';

/** Instruction text as written, without trailing blank lines. */
export function rawOf(i: Instruction): string {
  return i.raw.trimEnd();
}

/** Parser directives and global ARGs: the top of every synthesized file. */
export function preamble(model: DockerfileModel, opts: { syntax?: boolean } = {}): string[] {
  const out: string[] = [];
  const syntax = model.directives.all.find((d) => d.name.toLowerCase() === 'syntax');
  if (syntax) out.push(`# syntax=${syntax.value}`);
  else if (opts.syntax) out.push('# syntax=docker/dockerfile:1');
  for (const d of model.directives.all) {
    if (d.name.toLowerCase() === 'syntax') continue;
    out.push(`# ${d.name}=${d.value}`);
  }
  for (const a of model.globalArgs) out.push(rawOf(a));
  if (out.length) out.push('');
  return out;
}

/** `FROM [--platform=..] image AS name` keeping the original's platform flag. */
export function fromLine(facts: StageFacts, image: string, name: string | null): string {
  const platform = facts.from.flags.find((f) => f.name === 'platform');
  const flag = platform ? `--platform=${platform.value} ` : '';
  return `FROM ${flag}${image}${name ? ` AS ${name}` : ''}`;
}

/** ARG and ENV instructions of the stage, as written, in order (builders need them too). */
export function argEnvLines(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.keyword === 'ARG' || i.keyword === 'ENV').map(rawOf);
}

export { RUNTIME_KEYWORDS };

/** Runtime-describing instructions in their original order (USER handled by the caller). */
export function runtimeTail(stage: Stage, opts: { user?: string | null } = {}): string[] {
  const out: string[] = [];
  let userWritten = false;
  for (const i of stage.instructions) {
    if (i.keyword === 'USER') continue;
    if (['EXPOSE', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD'].includes(i.keyword)) {
      if (!userWritten && opts.user) {
        out.push(opts.user);
        userWritten = true;
      }
      out.push(rawOf(i));
    }
  }
  if (!userWritten && opts.user) out.push(opts.user);
  return out;
}

export function labelLines(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.keyword === 'LABEL').map(rawOf);
}

/** The ENV keys the stage sets. */
export function envKeys(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const i of stage.instructions) {
    if (i.keyword !== 'ENV') continue;
    for (const p of (i as { pairs?: { key: string }[] }).pairs ?? []) out.add(p.key);
  }
  return out;
}

/** Joins the lines into a file (one trailing newline). */
export function joinLines(lines: string[]): string {
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '') + '\n'
  ).replace(/(?<!\n)\n+$/, '\n');
}

/** A RUN line from shell commands joined with `&&` and continuations. */
export function runLine(commands: string[], flags: string[] = []): string {
  const head = ['RUN', ...flags].join(' ');
  if (commands.length === 1) return `${head} ${commands[0]}`;
  return `${head} ${commands.join(' \\\n    && ')}`;
}

/** Rebuilds a RUN whose commands are all top-level and joined by && / ;, replacing some. */
export function rewriteRun(
  run: RunInstruction,
  map: (cmd: ShellCommand, index: number) => string | null,
): string | null {
  if (!run.shell || run.heredocs.length || run.shell.skipped || run.form === 'json') return null;
  const cmds = run.shell.commands;
  if (!cmds.length) return null;
  if (cmds.some((c) => c.nested || (c.connector !== null && c.connector !== '&&' && c.connector !== ';')))
    return null;
  const parts: string[] = [];
  for (let k = 0; k < cmds.length; k++) {
    const next = map(cmds[k], k);
    if (next !== null && next !== '') parts.push(next);
  }
  if (!parts.length) return '';
  const flags = run.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
  return runLine(parts, flags);
}
