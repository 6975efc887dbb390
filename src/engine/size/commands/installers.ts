// Environments and installers a RUN creates without a package manager: a Python virtual
// environment, and an installer fetched earlier (Miniconda's `bash X.sh -p DIR`, `./rustup-init`).
import * as H from '../heuristics';
import type { Effect, ShellCommand } from '../../model';
import type { Confidence } from '../../types';
import { resolvePath } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf, liveItems } from '../context';
import type { RunScope } from './scope';
import { rustupInit } from '../ecosystems/rust';

type Venv = Extract<Effect, { kind: 'venv' }>;
type ScriptRun = Extract<Effect, { kind: 'run-script' }>;

export function venv(s: RunScope, e: Venv): void {
  const dir = resolvePath(s.cwd, e.path, homeOf(s.st));
  const what =
    e.tool === 'venv' ? `python -m venv creates ${dir} with its own pip` : `virtualenv creates ${dir}`;
  addNew(s.st, s.layer, 'venv', dir, H.VENV_BYTES, 'medium', `${what} (≈ ${formatBytes(H.VENV_BYTES)})`);
}

/** A script that an earlier download fetched and that unpacks a known toolchain where it is told. */
export function runScript(s: RunScope, e: ScriptRun, cmd: ShellCommand | null): void {
  const home = homeOf(s.st);
  const script = resolvePath(s.cwd, e.script, home);
  const dl = [...s.layer.items, ...liveItems(s.st)].find((i) => i.kind === 'download' && i.path === script);
  const tc = dl?.note ? H.findToolchain(dl.note) : dl ? H.findToolchain(dl.path) : null;
  if (!tc || tc.installed <= tc.archive) return;
  if (tc.name === 'rustup') return rustupInit(s, e.args ?? [], cmd);
  const dest = e.prefix ? resolvePath(s.cwd, e.prefix, home) : '/opt/conda';
  addToolchain(
    s,
    dest,
    tc.installed,
    'medium',
    `the ${tc.name} installs into ${dest} (≈ ${formatBytes(tc.installed)})`,
  );
}

/** A toolchain an installer unpacked at `dest`. */
export function addToolchain(
  s: RunScope,
  dest: string,
  bytes: number,
  confidence: Confidence,
  note: string,
): void {
  addNew(s.st, s.layer, 'toolchain', dest, bytes, confidence, note);
}
