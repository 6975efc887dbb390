// Rust images started with `cargo run`: the toolchain compiles the program every time the
// container starts. The plan builds the release binary in the builder stage instead and starts
// the binary itself. Only the `cargo run` options whose meaning is certain are translated; any
// other (a workspace member, an example, a target triple, a profile) leaves the file alone.
import type { Instruction } from '../model';
import { resolvePath, type StageFacts } from './common';

export interface CargoRunPlan {
  /** Shell commands appended to the builder stage (build, then put the binary at `binary`). */
  build: string[];
  /** Where the binary lies in the builder stage. */
  binary: string;
  /** Where it goes in the final stage (on the PATH). */
  dest: string;
  /** The final stage's ENTRYPOINT/CMD lines, replacing the `cargo run` ones. */
  startLines: Map<Instruction, string>;
  caveats: string[];
}

/** `cargo run` options carried to `cargo build` as they are (no value). */
const PLAIN = new Set([
  '--release',
  '-r',
  '--all-features',
  '--no-default-features',
  '--locked',
  '--frozen',
  '--offline',
]);
/** Options with a value carried to `cargo build`. */
const VALUED = new Set(['--features', '-F', '--bin']);
/** Options that only change cargo's own output. */
const QUIET = new Set(['-q', '--quiet', '-v', '--verbose']);

interface CargoRun {
  buildFlags: string[];
  bin: string | null;
  release: boolean;
  /** Arguments after `--`: the program's own (null when there was no `--`). */
  programArgs: string[] | null;
}

/** `cargo run ...` words → its parts, or null for an option this plan does not translate. */
export function parseCargoRun(words: string[]): CargoRun | null {
  if (words[0] !== 'cargo' || words[1] !== 'run') return null;
  const buildFlags: string[] = [];
  let bin: string | null = null;
  let release = false;
  for (let k = 2; k < words.length; k++) {
    const w = words[k];
    if (w === '--') return { buildFlags, bin, release, programArgs: words.slice(k + 1) };
    if (/\$/.test(w)) return null;
    const eq = w.indexOf('=');
    const name = w.startsWith('--') && eq > 0 ? w.slice(0, eq) : w;
    if (PLAIN.has(name)) {
      if (name === '--release' || name === '-r') release = true;
      else buildFlags.push(name);
    } else if (VALUED.has(name)) {
      const value = eq > 0 && w.startsWith('--') ? w.slice(eq + 1) : words[++k];
      if (value === undefined || value.startsWith('-')) return null;
      if (name === '--bin') bin = value;
      else buildFlags.push(name, value);
    } else if (!QUIET.has(name)) return null;
  }
  return { buildFlags, bin, release, programArgs: null };
}

function jsonLine(keyword: string, words: string[]): string {
  return `${keyword} ${JSON.stringify(words).replace(/","/g, '", "')}`;
}

export function cargoRunPlan(facts: StageFacts): CargoRunPlan | null {
  const ep = facts.entrypoint;
  const cmd = facts.cmd;
  // The `cargo run` words come from one instruction: ENTRYPOINT (its CMD then follows `--`, or
  // there is no CMD), or CMD without ENTRYPOINT.
  const owner = ep ?? cmd;
  if (!owner) return null;
  const words = owner.form === 'json' && owner.json ? owner.json : owner.argsAfterFlags.trim().split(/\s+/);
  if (owner.form !== 'json' && /[|&;<>()$`\\"'*?[\]{}~#]/.test(owner.argsAfterFlags)) return null;
  const run = parseCargoRun(words);
  if (!run) return null;
  if (ep && cmd && run.programArgs === null) return null;
  if (
    facts.stage.instructions.some(
      (i) => i.keyword === 'ENV' && /\bCARGO_(TARGET_DIR|BUILD_TARGET)\b/.test(i.raw),
    )
  )
    return null;
  const wd = facts.workdir ?? '/';
  const flags = [...run.buildFlags, ...(run.bin ? ['--bin', run.bin] : [])].join(' ');
  const buildCmd = `cargo build --release${flags ? ' ' + flags : ''}`;
  const caveats: string[] = [];
  let build: string[];
  let name: string;
  let binary: string;
  if (run.bin) {
    name = run.bin;
    binary = resolvePath(wd, `target/release/${name}`);
    build = [buildCmd];
  } else {
    // Without --bin, `cargo run` runs the package's only binary; the build stops with a message
    // when there are several (as `cargo run` itself would, unless Cargo.toml names a default-run).
    name = 'app';
    binary = resolvePath(wd, 'target/release-binary');
    build = [
      buildCmd,
      `set -- $(find target/release -maxdepth 1 -type f -perm -u+x ! -name '*.*')`,
      `if [ "$#" -ne 1 ]; then echo "several binaries: name one with cargo run --bin <name>" >&2; exit 1; fi`,
      'cp "$1" target/release-binary',
    ];
    caveats.push(
      'The package’s one binary is installed as /usr/local/bin/app (its name is not visible from the Dockerfile); a package with several binaries stops the build with a message: name the one to run with `cargo run --bin <name>`.',
    );
  }
  if (!run.release)
    caveats.push(
      '`cargo run` without --release ran a debug build; the image now runs the release build (optimised, without debug assertions and integer-overflow checks).',
    );
  const dest = `/usr/local/bin/${name}`;
  const startLines = new Map<Instruction, string>();
  startLines.set(owner, jsonLine(owner.keyword, [dest, ...(run.programArgs ?? [])]));
  return { build, binary, dest, startLines, caveats };
}
