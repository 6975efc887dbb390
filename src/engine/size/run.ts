// RUN: what the commands of one shell script add to (and delete from) the layer.
// The parser's typed effects drive this: they are the one account of what a command does, and a
// command without effects adds nothing the model can size.
import * as H from './heuristics';
import type { Effect, RunInstruction, ShellCommand } from '../model';
import type { LayerRec, StageState } from './ledger';
import { resolvePath } from './ledger';
import type { Ctx } from './context';
import { addNew, homeOf } from './context';
import { applyMounts, copyUp, download, extract, moveOrCopy } from './commands/files';
import { runScript, venv } from './commands/installers';
import { cacheClean, packageRemove, removeCmd } from './commands/remove';
import type { Build, RunScope } from './commands/scope';
import { buildSizer, installSizer } from './ecosystems/index';
import { indexUpdate } from './ecosystems/os';
import { noteExports, otherBranch } from './commands/scope';

export function runLayer(st: StageState, ins: RunInstruction, layer: LayerRec, ctx: Ctx): void {
  const script = ins.shell;
  const scope: RunScope = {
    st,
    layer,
    ctx,
    ins,
    cwd: st.workdir,
    streamed: null,
    unpacked: null,
    exported: {},
  };
  if (script.skipped) {
    layer.notes.push(`the ${script.skipped} script was not analysed, so its size is unknown (≈ 0 B assumed)`);
    layer.confidence = 'low';
    return;
  }
  const byCommand = new Map<number, Effect[]>();
  for (const e of script.effects) {
    const list = byCommand.get(e.command) ?? [];
    list.push(e);
    byCommand.set(e.command, list);
  }
  script.commands.forEach((cmd, idx) => {
    noteExports(scope, cmd);
    for (const e of byCommand.get(idx) ?? []) applyEffect(scope, e, cmd);
  });
  // Effects whose command index is out of range (defensive).
  for (const [idx, effects] of byCommand) {
    if (idx < 0 || idx >= script.commands.length) for (const e of effects) applyEffect(scope, e, null);
  }
  applyMounts(scope);
}

function applyEffect(s: RunScope, e: Effect, cmd: ShellCommand | null): void {
  switch (e.kind) {
    case 'chdir':
      s.cwd = resolvePath(s.cwd, e.path, homeOf(s.st));
      return;
    case 'package-index-update':
      return indexUpdate(s, e.manager);
    case 'package-install':
      return installSizer(e.manager)?.(s, e);
    case 'package-remove':
      return packageRemove(s, e);
    case 'cache-clean':
      return cacheClean(s, e.cache, e.paths);
    case 'remove':
      // `find DIR … -exec rm` / `-delete` removes matching files under DIR, not DIR itself.
      if (e.matching) {
        s.layer.notes.push(
          'find … -delete removes only matching files (their size is unknown, ≈ 0 B assumed)',
        );
        return;
      }
      return removeCmd(s, e.paths);
    case 'download':
      if (otherBranch(s, cmd)) return;
      return download(s, e.tool, e.url, e.output, e.pipedTo ?? null);
    case 'extract':
      if (otherBranch(s, cmd)) return;
      return extract(s, e.archive, e.destination, e.strip ?? 0);
    case 'build':
      if (otherBranch(s, cmd)) return;
      return build(s, e);
    case 'permissions':
      if (!e.recursive) return;
      return copyUp(
        s,
        e.tool,
        e.paths.map((p) => resolvePath(s.cwd, p, homeOf(s.st))),
      );
    case 'move':
      return moveOrCopy(
        s,
        e.tool,
        e.sources.map((p) => resolvePath(s.cwd, p, homeOf(s.st))),
        resolvePath(s.cwd, e.destination, homeOf(s.st)),
      );
    case 'venv':
      return venv(s, e);
    case 'run-script':
      return runScript(s, e, cmd);
    case 'user-add':
      addNew(
        s.st,
        s.layer,
        'metadata',
        '/etc/passwd',
        12 * H.KB,
        'high',
        'a user and group entry with its home folder (a few kB)',
      );
      return;
  }
}

/** A build, sized by its tool's ecosystem; an unknown tool gets a generic guess. */
function build(s: RunScope, e: Build): void {
  const args = e.args;
  const out = e.output ? resolvePath(s.cwd, e.output, homeOf(s.st)) : null;
  (buildSizer(e.tool) ?? unknownBuild)(s, e, args, out);
}

function unknownBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  addNew(
    s.st,
    s.layer,
    'build-output',
    out ?? `${s.cwd}/*`,
    10 * H.MB,
    'low',
    `${e.tool} build output (≈ 10 MB, unknown)`,
  );
}
