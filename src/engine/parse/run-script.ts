// The script of a RUN: exec form (`["sh", "-c", "…"]` or a program), a heredoc body as the
// script, heredocs inside a command, or the plain shell form.
import type { RunInstruction, ShellScript } from '../model';
import { toOriginal } from './text';
import type { LineTable } from './text';
import { POSIX_SHELLS } from '../primitives/keywords';
import { rawWords } from './variables';
import { emptyScript } from './shell';
import { deriveEffects } from './effects/index';
import { attachHeredocs, maskHeredocMarkers } from './heredocs';
import { effectContext, safeShell, shellFlags } from './shell-script';
import type { RawInstruction, StateReader } from './walk';

export function runScript(
  run: RunInstruction,
  raw: RawInstruction,
  reader: StateReader,
  lines: LineTable,
): ShellScript {
  const text = run.argsAfterFlags;
  if (run.form === 'json' && run.json) return execFormScript(run.json, text, reader);
  const shift = raw.args.length - text.length;
  const mapLine = (offset: number) => toOriginal(raw.logical, raw.argsAt + shift + offset);
  if (raw.heredocMarkers.length > 0) {
    const words = rawWords(text, '\\');
    const startsWithHeredoc = words.length >= 1 && /^<<-?["'\\]?[A-Za-z0-9_.-]+["']?$/.test(words[0].raw);
    const rest = words.slice(1).map((w) => w.raw);
    // `RUN <<EOF` and `RUN <<EOF bash -e`: the body is the script (of the named shell).
    const shellAfter =
      startsWithHeredoc &&
      rest.length > 0 &&
      POSIX_SHELLS.test(rest[0]) &&
      rest.slice(1).every((a) => /^-[a-z]+$/.test(a));
    if (startsWithHeredoc && (rest.length === 0 || shellAfter))
      return heredocBodyScript(raw, shellAfter ? rest : null, reader, lines);
    const markers = raw.heredocMarkers;
    const masked = maskHeredocMarkers(text, markers, shift);
    return safeShell(
      masked,
      reader,
      {
        effects: true,
        mapOffset: mapLine,
        prepare: (script) => attachHeredocs(script, markers, raw.heredocs, shift, text),
      },
      lines,
    );
  }
  return safeShell(text, reader, { effects: true, mapOffset: mapLine }, lines);
}

/**
 * Exec form: `["sh", "-c", "…"]` parses the string as a script run by that shell; any other
 * program is one command with its arguments as written (no shell).
 */
function execFormScript(argv: string[], text: string, reader: StateReader): ShellScript {
  const exe = argv[0] ?? '';
  const c = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c$/.test(a)); // -c, -ec, -xc
  if (POSIX_SHELLS.test(exe) && c > 0 && c + 1 < argv.length) {
    const flags = shellFlags(argv.slice(0, c + 1));
    // Before the first FROM the default shell stays (as it always has: the flags apply below).
    const shell = reader.stage >= 0 ? argv.slice(0, c + 1) : reader.shell;
    const script = safeShell(argv[c + 1], { ...reader, shell }, { effects: true });
    return withShellFlags(script, flags);
  }
  const script: ShellScript = { ...emptyScript(text), skipped: 'json-form-non-shell', parser: 'none' };
  if (argv.length > 0) {
    script.commands.push({
      name: exe,
      args: argv.slice(1),
      text,
      start: 0,
      end: text.length,
      connector: null,
      env: {},
      nested: false,
      redirects: [],
      heredocs: [],
    });
  }
  try {
    script.effects = deriveEffects(script, effectContext(reader));
  } catch {
    script.effects = [];
  }
  return script;
}

/**
 * `RUN <<EOF` (or `RUN <<EOF bash -e`, whose shell words are `shellWords`): the first heredoc's
 * body is the script, unless its shebang names an interpreter that is not a POSIX shell.
 */
function heredocBodyScript(
  raw: RawInstruction,
  shellWords: string[] | null,
  reader: StateReader,
  lines: LineTable,
): ShellScript {
  const heredoc = raw.heredocs[0];
  const body = heredoc?.content ?? '';
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
  if (!shellWords && shebang) {
    const interpreter = /\/env$/.test(shebang[1]) ? (shebang[2] ?? '') : shebang[1];
    if (!POSIX_SHELLS.test(interpreter)) {
      return { ...emptyScript(body), skipped: 'json-form-non-shell', parser: 'none' };
    }
  }
  const bodyStart = heredoc ? heredoc.span.start : null;
  const script = safeShell(
    body,
    reader,
    {
      effects: true,
      // Offsets map straight onto the body unless tabs were stripped.
      mapOffset: bodyStart !== null && !heredoc?.stripTabs ? (o) => bodyStart + o : undefined,
    },
    lines,
  );
  return shellWords ? withShellFlags(script, shellFlags(shellWords)) : script;
}

/** The script with the flags of the shell that runs it (`-e`, `-o pipefail`); a copy, as scripts are shared. */
function withShellFlags(script: ShellScript, flags: { errexit: boolean; pipefail: boolean }): ShellScript {
  return { ...script, errexit: script.errexit || flags.errexit, pipefail: script.pipefail || flags.pipefail };
}
