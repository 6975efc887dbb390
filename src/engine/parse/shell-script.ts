// A shell-form command → ShellScript: parsed with the stage's shell (skipped for PowerShell and
// cmd.exe), its commands' spans mapped to the original text, and its effects derived.
import type { ShellScript } from '../model';
import type { LineTable } from './text';
import { CMD_EXE, POWERSHELL } from '../primitives/keywords';
import type { Lookup } from './variables';
import { emptyScript, parseShell, shellParserReady } from './shell';
import { deriveEffects } from './effects/index';
import { memoizedScript } from './script-memo';
import type { WalkState } from './walk';

export function shellFlags(shell: string[]): { errexit: boolean; pipefail: boolean } {
  let errexit = false;
  let pipefail = false;
  for (let i = 1; i < shell.length; i++) {
    const a = shell[i];
    if (/^-[a-z]*$/.test(a) && a.includes('e') && a !== '-c') errexit = true;
    if (/^-[a-z]*o$/.test(a) && shell[i + 1] === 'pipefail') pipefail = true;
    if (/^-[a-z]*o$/.test(a) && shell[i + 1] === 'errexit') errexit = true;
  }
  return { errexit, pipefail };
}

export function skippedFor(shell: string[]): ShellScript['skipped'] {
  const exe = shell[0] ?? '';
  if (POWERSHELL.test(exe)) return 'powershell';
  if (CMD_EXE.test(exe)) return 'cmd';
  return null;
}

export function effectContext(lookup: Lookup, state: WalkState) {
  const display = state.stage?.envDisplay;
  return {
    lookup,
    lookupText: (name: string) => {
      const v = lookup(name);
      return typeof v === 'string' ? v : display?.get(name);
    },
    parseNested: (source: string) => parseShell(source, { lookup }),
  };
}

export interface ShellOptions {
  /** Derive effects (RUN) or not (CMD / ENTRYPOINT). */
  effects: boolean;
  /** Maps an offset of the parsed source to the original text (for ShellCommand.span). */
  mapOffset?: (offset: number) => number | null;
  /** Adjusts the parsed script before effects are derived (heredoc bodies). */
  prepare?: (script: ShellScript) => void;
  /** Everything `prepare` depends on, as text: part of the memo key. */
  prepareKey?: string;
}

/**
 * The script parsed (remembered in script-memo by text, shell, parser and heredoc layout), with
 * the spans of its commands and errors placed in this text (they move when lines above change).
 */
export function safeShell(
  source: string,
  state: WalkState,
  lookup: Lookup,
  options: ShellOptions,
  lines?: LineTable,
): ShellScript {
  const shell = state.stage?.shell ?? ['/bin/sh', '-c'];
  const skipped = skippedFor(shell);
  if (skipped) return { ...emptyScript(source), skipped, parser: 'none' };
  try {
    const parser = shellParserReady() ? 'tree-sitter' : 'fallback';
    const key = [
      options.effects ? 'effects' : 'parse',
      shell.join('\0'),
      parser,
      options.prepareKey ?? '',
      source,
    ];
    const current = effectContext(lookup, state);
    const script = memoizedScript(key.join('\u0001'), lookup, current.lookupText, (read, readText) => {
      const fresh = parseShell(source, { lookup: read, ...shellFlags(shell) });
      fresh.parser = parser;
      options.prepare?.(fresh);
      if (options.effects)
        fresh.effects = deriveEffects(fresh, { ...effectContext(read, state), lookupText: readText });
      return fresh;
    });
    return options.mapOffset && lines ? placed(script, source, options.mapOffset, lines) : script;
  } catch (error) {
    return {
      ...emptyScript(source),
      errors: [{ offset: 0, message: `Shell parsing failed: ${String(error)}` }],
    };
  }
}

/** A copy of the (shared, frozen) script whose commands and errors carry their spans in `lines`. */
function placed(
  script: ShellScript,
  source: string,
  mapOffset: (offset: number) => number | null,
  lines: LineTable,
): ShellScript {
  const commands = script.commands.map((cmd) => {
    const start = mapOffset(cmd.start);
    const end = cmd.end > cmd.start ? mapOffset(cmd.end - 1) : start;
    const span =
      start !== null && end !== null ? lines.span(start, end + (cmd.end > cmd.start ? 1 : 0)) : null;
    return { ...cmd, span };
  });
  const errors = script.errors.map((error) => {
    const at = mapOffset(Math.min(error.offset, Math.max(0, source.length - 1)));
    return { ...error, span: at !== null ? lines.span(at, at + 1) : null };
  });
  return { ...script, commands, errors };
}
