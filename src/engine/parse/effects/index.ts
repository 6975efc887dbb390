// Commands → typed Effects. Each command is unwrapped (sudo, env, time, nice, xargs, ...), then
// handed to the detector for its program; one module per family:
//   os-packages.ts  apt / apk / dnf / yum / microdnf / zypper
//   python.ts       pip / python -m pip / uv / poetry / pipenv / conda
//   javascript.ts   npm / yarn / pnpm / bun / tsc / npx
//   languages.ts    go / cargo / maven / gradle / dotnet / composer / gem / bundler
//   files.ts        rm (cache cleanups) / find -delete / curl / wget / git clone / tar / unzip /
//                   useradd / cd / make / cmake / gcc
//   services.ts     commands that need a daemon: docker, dockerd, systemctl, service
//   file-ops.ts     mkdir / chown / chmod / mv / cp / virtualenv
// `sh -c "..."` and `bash -c "..."` are parsed and their effects attributed to the outer command.
import type { Effect, ShellCommand, ShellScript } from '../../model';
import type { Lookup } from '../variables';
import { basename } from './args';
import type { DetectContext, Detector, Invocation } from './args';
import { OS_DETECTORS } from './os-packages';
import { pythonDetector } from './python';
import { JS_DETECTORS } from './javascript';
import { LANGUAGE_DETECTORS } from './languages';
import { FILE_DETECTORS } from './files';
import { SERVICE_DETECTORS } from './services';
import { FILE_OP_DETECTORS, virtualenv } from './file-ops';
import { cacheDirsFromEnv } from './cache-dirs';

export { cacheOfPath } from './files';
export { parseArgs } from './args';
export type { Invocation, ParsedArgs } from './args';

export interface EffectContext {
  lookup: Lookup;
  /** ENV values as written when not fully resolved (for heuristics such as a venv on PATH). */
  lookupText?: (name: string) => string | undefined;
  /** Parses a nested shell string (`sh -c "..."`); supplied by the caller to avoid a cycle. */
  parseNested?: (source: string) => ShellScript;
}

const DETECTORS: Record<string, Detector> = {
  ...OS_DETECTORS,
  ...JS_DETECTORS,
  ...LANGUAGE_DETECTORS,
  ...FILE_DETECTORS,
  ...SERVICE_DETECTORS,
  ...FILE_OP_DETECTORS,
  virtualenv,
};

/** Finds the detector for a program name (basename, versioned python names included). */
export function detectorFor(name: string): Detector | undefined {
  return (
    DETECTORS[name] ??
    pythonDetector(name) ??
    (/^\.\/(mvnw|gradlew)$/.test(name) ? DETECTORS[basename(name)] : undefined)
  );
}

const SHELLS = /^(sh|bash|ash|dash|zsh)$/;

/** Strips wrappers that run another command: sudo, env, time, nice, nohup, exec, xargs, ... */
export function unwrap(cmd: ShellCommand, index: number): Invocation {
  let name = basename(cmd.name);
  let args = cmd.args;
  const env: Record<string, string> = { ...cmd.env };
  for (let guard = 0; guard < 8; guard++) {
    let skip = -1;
    if (name === 'sudo' || name === 'doas') {
      skip = skipOptions(args, new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']));
    } else if (name === 'env') {
      let i = 0;
      while (i < args.length) {
        if (args[i] === '-u' || args[i] === '-C' || args[i] === '-S') i += 2;
        else if (args[i].startsWith('-')) i++;
        else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i])) {
          const eq = args[i].indexOf('=');
          env[args[i].slice(0, eq)] = args[i].slice(eq + 1);
          i++;
        } else break;
      }
      skip = i;
    } else if (
      name === 'time' ||
      name === 'nohup' ||
      name === 'exec' ||
      name === 'command' ||
      name === 'builtin' ||
      name === 'eatmydata' ||
      name === 'fakeroot'
    ) {
      skip = skipOptions(args, new Set(['-f', '-o', '-a']));
    } else if (
      name === 'nice' ||
      name === 'ionice' ||
      name === 'chrt' ||
      name === 'timeout' ||
      name === 'stdbuf'
    ) {
      skip = skipOptions(args, new Set(['-n', '-c', '-p', '-s', '-k', '-i', '-o', '-e']));
      if (name === 'timeout' && skip < args.length) skip++; // the duration
    } else if (name === 'xargs') {
      skip = skipOptions(args, new Set(['-n', '-I', '-L', '-P', '-d', '-E', '-s', '-a']));
    } else if (name === 'su-exec' || name === 'gosu' || name === 'chroot') {
      skip = Math.min(1, args.length);
    }
    if (skip < 0 || skip >= args.length) break;
    name = basename(args[skip]);
    args = args.slice(skip + 1);
  }
  return { name, args, env, command: index, source: cmd };
}

function skipOptions(args: string[], valued: ReadonlySet<string>): number {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) {
    if (args[i] === '--') return i + 1;
    i += valued.has(args[i]) ? 2 : 1;
  }
  return i;
}

/** The effects of a parsed script, in command order. Never throws for one bad command. */
export function deriveEffects(script: ShellScript, context: EffectContext, depth = 0): Effect[] {
  const effects: Effect[] = [];
  const lookupText =
    context.lookupText ??
    ((name: string) => {
      const v = context.lookup(name);
      return typeof v === 'string' ? v : undefined;
    });
  const ctx: DetectContext = { lookup: context.lookup, lookupText, memo: new Map() };
  script.commands.forEach((cmd, index) => {
    try {
      const inv = unwrap(cmd, index);
      if (SHELLS.test(inv.name) && depth < 2 && context.parseNested) {
        // `sh -c "..."`, or a shell reading a heredoc (`bash <<EOF ... EOF`).
        const c = inv.args.indexOf('-c');
        const nestedSource =
          c >= 0 && c + 1 < inv.args.length ? inv.args[c + 1] : c < 0 ? cmd.heredocs[0] : undefined;
        if (nestedSource !== undefined) {
          const nested = context.parseNested(nestedSource);
          for (const e of deriveEffects(nested, context, depth + 1)) effects.push({ ...e, command: index });
        } else if (c < 0) {
          const at = inv.args.findIndex((a) => !a.startsWith('-'));
          if (at >= 0) effects.push(scriptRun(inv.args[at], inv.args.slice(at + 1), inv.command));
        }
        return;
      }
      const detector = detectorFor(inv.name);
      // A program run by its path (`./rustup-init -y`): perhaps an installer fetched earlier.
      if (!detector && cmd.name.includes('/') && basename(cmd.name) === inv.name)
        effects.push(scriptRun(cmd.name, inv.args, inv.command));
      if (detector)
        for (const raw of detector(inv, ctx)) {
          const pipedTo = raw.kind === 'download' ? pipeConsumer(script, index) : null;
          const e = pipedTo && raw.kind === 'download' ? { ...raw, pipedTo } : raw;
          const dirs =
            e.kind === 'package-install' || e.kind === 'build' ? cacheDirsFromEnv(e, inv, ctx) : [];
          // A copy: detectors' results may be shared (memoised) and frozen.
          if (dirs.length && (e.kind === 'package-install' || e.kind === 'build'))
            effects.push({ ...e, cacheDirs: dirs });
          else effects.push(e);
        }
    } catch {
      // a detector failed on odd input: skip this command
    }
  });
  return effects;
}

/** `bash install.sh -b -p /opt/conda`, `./rustup-init -y`: a script file run, with its install prefix. */
function scriptRun(script: string, args: string[], command: number): Effect {
  const at = args.findIndex((a) => a === '-p' || a === '--prefix');
  const prefix = at >= 0 ? (args[at + 1] ?? null) : null;
  return { kind: 'run-script', script, prefix, args, command };
}

/** The program command `index` pipes its output into (`curl … | sudo bash` → bash), if any. */
function pipeConsumer(script: ShellScript, index: number): string | null {
  const next = script.commands[index + 1];
  return next && next.connector === '|' ? basename(unwrap(next, index + 1).name) : null;
}
