// Command-line option parsing shared by the effect detectors, and the invocation type they read.
import type { Effect, PackageManager, PackageSpec, ShellCommand } from '../../model';
import type { Lookup } from '../variables';

/** One command as the detectors see it: wrappers (sudo, env, ...) removed, name without its path. */
export interface Invocation {
  /** Basename of the program, e.g. 'apt-get', 'pip3', 'python3'. */
  name: string;
  args: string[];
  /** Leading assignments and `env VAR=...` assignments. */
  env: Record<string, string>;
  /** Index of the command in ShellScript.commands. */
  command: number;
  source: ShellCommand;
}

export interface DetectContext {
  /** ARG/ENV of the stage at this instruction (the script's own assignments are not included). */
  lookup: Lookup;
  /** ENV values as written when they could not be fully resolved (`PATH=/opt/venv/bin:$PATH`). */
  lookupText: (name: string) => string | undefined;
  /** State carried across the commands of one script (e.g. `bundle config set without`). */
  memo: Map<string, string>;
}

/** Effects a detector returns for one invocation. */
export type Detector = (inv: Invocation, ctx: DetectContext) => Effect[];

export interface ParsedArgs {
  positionals: string[];
  /** Options by name as written with dashes ('-y', '--no-install-recommends'); value or true. */
  options: Map<string, string | true>;
  /** Every option word as written (for Effect.flags). */
  flags: string[];
}

/**
 * Parses options: `--name=value`, `--name value` (when the name is in `valued`), short clusters
 * `-qy`, and short options with a value (`-o value`, `-ovalue`) when the letter is in `shortValued`.
 * Everything after `--` is positional.
 */
export function parseArgs(
  args: string[],
  valued: ReadonlySet<string> = new Set(),
  shortValued = '',
): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        options.set(a.slice(0, eq), a.slice(eq + 1));
        flags.push(a);
      } else if (valued.has(a) && i + 1 < args.length) {
        options.set(a, args[i + 1]);
        flags.push(a, args[i + 1]);
        i++;
      } else {
        options.set(a, true);
        flags.push(a);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      flags.push(a);
      if (valued.has(a) && i + 1 < args.length) {
        options.set(a, args[i + 1]);
        flags.push(args[i + 1]);
        i++;
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const letter = a[j];
        if (shortValued.includes(letter)) {
          const rest = a.slice(j + 1);
          if (rest) options.set(`-${letter}`, rest);
          else if (i + 1 < args.length) {
            options.set(`-${letter}`, args[i + 1]);
            flags.push(args[i + 1]);
            i++;
          } else options.set(`-${letter}`, true);
          break;
        }
        options.set(`-${letter}`, true);
      }
      continue;
    }
    positionals.push(a);
  }
  return { positionals, options, flags };
}

export function has(p: ParsedArgs, ...names: string[]): boolean {
  return names.some((n) => p.options.has(n));
}

/**
 * True when a long option is given in full or abbreviated, as optparse/argparse tools (pip)
 * accept: `--no-cache` means `--no-cache-dir` for pip. `shortest` is the shortest unambiguous prefix.
 */
export function hasAbbreviated(p: ParsedArgs, full: string, shortest: string): boolean {
  for (const o of p.options.keys()) if (o.length >= shortest.length && full.startsWith(o)) return true;
  return false;
}

export function value(p: ParsedArgs, ...names: string[]): string | null {
  for (const n of names) {
    const v = p.options.get(n);
    if (typeof v === 'string') return v;
  }
  return null;
}

/** All values of a repeated option (`-r a.txt -r b.txt`), from the raw args. */
export function values(args: string[], ...names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    for (const n of names) {
      if (a === n && i + 1 < args.length) out.push(args[i + 1]);
      else if (n.startsWith('--') && a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
      else if (!n.startsWith('--') && a.startsWith(n) && a.length > n.length && a[n.length] !== '-') {
        // -rfile (short option glued to its value)
        if (n.length === 2) out.push(a.slice(2));
      }
    }
  }
  return out;
}

/** Splits `name<sep>version` (the first separator found); version null when absent. */
export function spec(raw: string, separators: RegExp): PackageSpec {
  const m = separators.exec(raw);
  if (!m || m.index === 0) return { name: raw, version: null, raw };
  return { name: raw.slice(0, m.index), version: raw.slice(m.index + m[0].length) || null, raw };
}

/** A truthy environment value (`1`, `true`, `yes`, `on`), read from the command's env, then the stage. */
export function envFlag(inv: Invocation, ctx: DetectContext, name: string): string | null {
  const v = inv.env[name] ?? ctx.lookup(name);
  return typeof v === 'string' ? v : null;
}

export function isTruthy(v: string | null): boolean {
  return v !== null && v !== '' && !/^(0|false|no|off)$/i.test(v);
}

export interface InstallFields {
  manager: PackageManager;
  packages?: PackageSpec[];
  fromManifest?: string | null;
  noRecommends?: boolean;
  noCache?: boolean;
  productionOnly?: boolean;
  assumeYes?: boolean;
  global?: boolean;
  virtualName?: string | null;
  flags?: string[];
  verb?: string;
  destination?: { kind: 'prefix' | 'target' | 'user' | 'in-project'; path: string | null };
  requirements?: string[];
  local?: string[];
}

export function install(inv: Invocation, f: InstallFields): Effect {
  return {
    kind: 'package-install',
    manager: f.manager,
    packages: f.packages ?? [],
    fromManifest: f.fromManifest ?? null,
    noRecommends: f.noRecommends ?? false,
    noCache: f.noCache ?? false,
    productionOnly: f.productionOnly ?? false,
    assumeYes: f.assumeYes ?? true,
    global: f.global ?? false,
    virtualName: f.virtualName ?? null,
    flags: f.flags ?? [],
    command: inv.command,
    ...(f.verb !== undefined ? { verb: f.verb } : {}),
    ...(f.destination ? { destination: f.destination } : {}),
    ...(f.requirements ? { requirements: f.requirements } : {}),
    ...(f.local ? { local: f.local } : {}),
  };
}

export function update(inv: Invocation, manager: PackageManager): Effect {
  return { kind: 'package-index-update', manager, command: inv.command };
}

export function remove(
  inv: Invocation,
  manager: PackageManager,
  packages: PackageSpec[],
  opts: { purge?: boolean; autoremove?: boolean } = {},
): Effect {
  return {
    kind: 'package-remove',
    manager,
    packages,
    purge: opts.purge ?? false,
    autoremove: opts.autoremove ?? false,
    command: inv.command,
  };
}

export function cacheClean(inv: Invocation, cache: string, paths: string[]): Effect {
  return { kind: 'cache-clean', cache, paths, command: inv.command };
}

export function build(
  inv: Invocation,
  tool: string,
  target: string | null,
  output: string | null,
  args: string[] = inv.args,
): Effect {
  return { kind: 'build', tool, target, output, args, command: inv.command };
}

/** Basename of a path-like program name: '/usr/bin/pip3' → 'pip3', './gradlew' → 'gradlew'. */
export function basename(name: string): string {
  const i = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return i >= 0 ? name.slice(i + 1) : name;
}

/** The toolchain a command ran (see the tool-run effect): by default the invocation's own program. */
export function toolRun(
  inv: Invocation,
  ecosystem: 'node' | 'python',
  tool = inv.name,
  args = inv.args,
  viaRunner = false,
): Effect {
  const written = inv.source.name;
  const path = written.includes('/') && basename(written) === inv.name ? written : null;
  return {
    kind: 'tool-run',
    ecosystem,
    tool,
    viaRunner,
    args,
    command: inv.command,
    ...(path ? { path } : {}),
  };
}

/** A detector whose effects are followed by the tool-run of its program. */
export function withToolRun(ecosystem: 'node' | 'python', detector: Detector): Detector {
  return (inv, ctx) => [...detector(inv, ctx), toolRun(inv, ecosystem)];
}
