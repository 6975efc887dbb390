// A shell-form command → ShellScript: parsed with the stage's shell (skipped for PowerShell and
// cmd.exe), its commands' spans mapped to the original text, and its effects derived.
import type { ShellScript } from '../model';
import type { LineTable } from './text';
import { CMD_EXE, POWERSHELL } from '../primitives/keywords';
import { emptyScript, parseShell, shellParserReady } from './shell';
import { deriveEffects } from './effects/index';
import type { StateReader } from './walk';

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

/** What effects are derived with: variables, ENV text as written (kept when unresolved), nested scripts. */
export function effectContext(reader: StateReader) {
  const { lookup, envText } = reader;
  return {
    lookup,
    lookupText: (name: string) => {
      const v = lookup(name);
      return typeof v === 'string' ? v : envText(name);
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
}

/**
 * The script parsed with the stage's shell, its effects derived, and the spans of its commands and
 * errors placed in this text. (The instruction memo re-uses it, moved, while the RUN is unchanged.)
 */
export function safeShell(
  source: string,
  reader: StateReader,
  options: ShellOptions,
  lines?: LineTable,
): ShellScript {
  const shell = reader.shell;
  const skipped = skippedFor(shell);
  if (skipped) return { ...emptyScript(source), skipped, parser: 'none' };
  try {
    const lookup = reader.lookup;
    const script = parseShell(source, { lookup, ...shellFlags(shell) });
    script.parser = shellParserReady() ? 'tree-sitter' : 'fallback';
    options.prepare?.(script);
    if (options.effects) script.effects = deriveEffects(script, effectContext(reader));
    if (options.mapOffset && lines) place(script, source, options.mapOffset, lines);
    return script;
  } catch (error) {
    return {
      ...emptyScript(source),
      errors: [{ offset: 0, message: `Shell parsing failed: ${String(error)}` }],
    };
  }
}

/** Gives the script's commands and errors their spans in `lines`. */
function place(
  script: ShellScript,
  source: string,
  mapOffset: (offset: number) => number | null,
  lines: LineTable,
): void {
  for (const cmd of script.commands) {
    const start = mapOffset(cmd.start);
    const end = cmd.end > cmd.start ? mapOffset(cmd.end - 1) : start;
    cmd.span = start !== null && end !== null ? lines.span(start, end + (cmd.end > cmd.start ? 1 : 0)) : null;
  }
  const last = Math.max(0, source.length - 1);
  for (const error of script.errors) {
    const at = mapOffset(Math.min(error.offset, last));
    error.span = at !== null ? lines.span(at, at + 1) : null;
  }
}
