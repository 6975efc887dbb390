// The state one RUN instruction is sized in (its stage, layer and working folder), shared by the
// per-command and per-ecosystem sizing.
import * as H from '../heuristics';
import type { Effect, RunInstruction, ShellCommand } from '../../model';
import type { LayerRec, StageState } from '../ledger';
import type { Ctx } from '../context';
import { liveItems } from '../context';
import type { ContentKind } from '../ratios';
import type { PackageManager } from '../../ecosystems';

export type PackageInstall = Extract<Effect, { kind: 'package-install' }>;

export type PackageRemove = Extract<Effect, { kind: 'package-remove' }>;

export type Build = Extract<Effect, { kind: 'build' }>;

export interface RunScope {
  st: StageState;
  layer: LayerRec;
  ctx: Ctx;
  ins: RunInstruction;
  cwd: string;
  /** Downloads of this RUN that went into a pipe (curl … | tar): consumed by the next extract. */
  streamed: { bytes: number; url: string | null; toolchain: H.Toolchain | null } | null;
  /** The last source toolchain unpacked in this RUN (make install sizes it). */
  unpacked: H.Toolchain | null;
  /** Variables this RUN exported so far (`export RUSTUP_HOME=/tmp/rust`): later commands see them. */
  exported: Record<string, string>;
}

/** A variable as a command sees it: its own prefix (`X=1 cmd`), this RUN's exports, then ENV. */
export function envOf(s: RunScope, name: string, cmd: ShellCommand | null): string | undefined {
  return cmd?.env[name] ?? s.exported[name] ?? s.st.env[name];
}

/** Remembers the variables an `export` command sets with a known value. */
export function noteExports(s: RunScope, cmd: ShellCommand): void {
  if (cmd.name !== 'export') return;
  for (const arg of cmd.args) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(arg);
    if (m && !m[2].includes('$')) s.exported[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
}

export function argValue(args: string[], names: string[]): string | null {
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    for (const n of names) {
      if (a === n && k + 1 < args.length) return args[k + 1];
      if (n.startsWith('--') && a.startsWith(n + '=')) return a.slice(n.length + 1);
      if (!n.startsWith('--') && a.startsWith(n) && a.length > n.length) return a.slice(n.length);
    }
  }
  return null;
}

/**
 * Official images install a prebuilt toolchain and keep a build-from-source fallback in an
 * if/else branch. Once a toolchain is unpacked in this RUN, conditional (nested) downloads,
 * unpacking and builds are taken as the branch not run.
 */
export function otherBranch(s: RunScope, cmd: ShellCommand | null): boolean {
  if (!cmd || !cmd.nested) return false;
  if (!s.layer.items.some((i) => i.kind === 'toolchain')) return false;
  if (!s.layer.notes.includes(OTHER_BRANCH)) s.layer.notes.push(OTHER_BRANCH);
  return true;
}

const OTHER_BRANCH =
  'a conditional build-from-source branch is assumed not to run, since a prebuilt toolchain is unpacked';

export function hasLive(s: RunScope, kind: ContentKind): boolean {
  return liveItems(s.st).some((i) => i.kind === kind) || s.layer.items.some((i) => i.kind === kind);
}

/** Sizes one package-install effect of the ecosystem's managers. */
export type InstallSizer = (s: RunScope, e: PackageInstall) => void;
/** Sizes one build effect: `args` are the build's arguments, `out` its resolved output path. */
export type BuildSizer = (s: RunScope, e: Build, args: string[], out: string | null) => void;

/** How one ecosystem's installs and builds add to a layer (size/ecosystems/<name>.ts). */
export interface EcosystemSizing {
  install: InstallSizer | null;
  /** Per build tool of the ecosystem (its `buildTools`). */
  builds: Record<string, BuildSizer>;
}

/** The packages this RUN's installs of `manager` asked for by name before command `before`. */
export function installedByNameBefore(s: RunScope, manager: PackageManager, before: number): string[] {
  const names = new Set<string>();
  for (const x of s.ins.shell.effects)
    if (x.kind === 'package-install' && x.manager === manager && x.command < before)
      for (const p of x.packages) if (p.name && !p.name.startsWith('-')) names.add(p.name);
  return [...names];
}
