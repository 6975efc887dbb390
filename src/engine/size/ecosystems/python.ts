// Sizing Python: pip, uv, poetry, pipenv and conda installs, venvs and `setup.py install`.
import * as H from '../heuristics';
import type { Confidence } from '../../types';
import { resolvePath } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf, liveItems } from '../context';
import { pipPackageSize } from '../packages-lang';
import type { LangSize } from '../packages-lang';
import { deepFreeze } from '../../frozen';
import { cacheMountFor } from '../../ecosystems';
import type { Build, PackageInstall, RunScope } from '../commands/scope';
import { listNames } from './os';
import { PIP_WHEEL_FALLBACK, pipWheelClosure, pipWheelKnown } from './pip-wheels';
import type { EcosystemSizing } from '../commands/scope';

/** The project's own code installed as a package (typical). */
const PY_PROJECT_BYTES = 5 * H.MB;

/** Pip proxies by name: they depend on the name and the data tables only (frozen: shared). */
const PIP_PROXY = new Map<string, LangSize | null>();

function pipProxy(name: string): LangSize | null {
  if (!PIP_PROXY.has(name)) PIP_PROXY.set(name, deepFreeze(lookup(() => pipPackageSize(name))));
  return PIP_PROXY.get(name) ?? null;
}

/** A data-table lookup that never throws and ignores empty rows. */
export function lookup(f: () => LangSize | null): LangSize | null {
  try {
    const r = f();
    return r && r.bytes > 0 ? r : null;
  } catch {
    return null;
  }
}

function pythonVersion(s: RunScope): string {
  const rt = s.st.os.entry?.runtime;
  if (rt && rt.name === 'python') {
    const m = /^(\d+\.\d+)/.exec(rt.version);
    if (m) return `python${m[1]}`;
  }
  return 'python3';
}

function venvDir(s: RunScope): string | null {
  if (s.st.env.VIRTUAL_ENV) return s.st.env.VIRTUAL_ENV;
  const path = s.st.env.PATH ?? '';
  for (const seg of path.split(':')) {
    if (!seg.endsWith('/bin')) continue;
    const dir = seg.slice(0, -4);
    if (
      liveItems(s.st).some((i) => i.kind === 'venv' && i.path === dir) ||
      s.layer.items.some((i) => i.kind === 'venv' && i.path === dir)
    )
      return dir;
    if (/venv|virtualenv/.test(dir)) return dir;
  }
  return null;
}

function pipTarget(s: RunScope, e: PackageInstall): { path: string; where: string } {
  const manager = e.manager;
  const home = homeOf(s.st);
  const to = e.destination;
  if (to?.kind === 'prefix' && to.path)
    return { path: resolvePath(s.cwd, to.path, home), where: `under --prefix ${to.path}` };
  if (to?.kind === 'target' && to.path)
    return { path: resolvePath(s.cwd, to.path, home), where: `in --target ${to.path}` };
  if (to?.kind === 'user') return { path: `${home}/.local`, where: 'in ~/.local (--user)' };
  if (manager === 'uv' || manager === 'poetry' || manager === 'pipenv' || manager === 'pdm') {
    const v = venvDir(s);
    if (v) return { path: v, where: `in the virtualenv ${v}` };
    // pdm creates its virtualenv in the project's .venv by default.
    if ((manager === 'poetry' && poetryInProject(s, e)) || (manager === 'pdm' && !e.global))
      return { path: `${s.cwd}/.venv`, where: 'in .venv (an in-project virtualenv)' };
    if (manager === 'uv' && e.verb === 'sync') return { path: `${s.cwd}/.venv`, where: 'in .venv' };
  }
  const v = venvDir(s);
  if (v) return { path: `${v}/lib`, where: `in the virtualenv ${v}` };
  const py = pythonVersion(s);
  return { path: `/usr/local/lib/${py}/site-packages`, where: 'in the system site-packages' };
}

/** Poetry puts its virtualenv in the project's .venv (env var, or `poetry config` in this RUN). */
function poetryInProject(s: RunScope, e: PackageInstall): boolean {
  return (
    /^(true|1)$/i.test(s.st.env.POETRY_VIRTUALENVS_IN_PROJECT ?? '') || e.destination?.kind === 'in-project'
  );
}

/**
 * A second `uv sync` into a .venv an earlier layer filled (the dependencies first, then the
 * project): it adds the project itself, not the dependencies again.
 */
function projectSync(s: RunScope, e: PackageInstall, path: string): boolean {
  if (e.manager !== 'uv' || e.verb !== 'sync' || e.flags.includes('--no-install-project')) return false;
  if (!liveItems(s.st).some((i) => i.kind === 'site-packages' && i.path === path)) return false;
  addNew(
    s.st,
    s.layer,
    'site-packages',
    path,
    PY_PROJECT_BYTES,
    'low',
    `uv sync adds the project itself to ${path} (≈ ${formatBytes(PY_PROJECT_BYTES)}, typical; its dependencies are in an earlier layer)`,
  );
  return true;
}

/**
 * What pip's cache keeps: the wheels it downloaded. Named packages in the wheel table count their
 * closure's published wheels (each once), plus the estimate for the other names; installs from a
 * manifest, and other tools' caches (uv keeps unpacked wheels), a share of the site-packages.
 */
function wheelCache(
  e: PackageInstall,
  names: string[],
  sitePackages: number,
  unlisted: number,
): { bytes: number; what: string } {
  if (e.manager !== 'pip' || e.fromManifest || names.length === 0)
    return { bytes: Math.round(sitePackages * H.PIP_CACHE_FRACTION), what: 'the downloaded wheels' };
  const listed = names.filter(pipWheelKnown);
  const closure = pipWheelClosure(listed);
  const rest = Math.round(unlisted);
  const parts = [
    listed.length
      ? `the ${closure.packages} published wheels of ${listNames(listed, 0)} and their dependencies`
      : '',
    rest
      ? `≈ ${formatBytes(rest)} of wheels for ${listed.length ? 'the other packages' : 'packages outside the wheel table'}`
      : '',
  ];
  return { bytes: closure.bytes + rest, what: parts.filter(Boolean).join(' and ') };
}

/**
 * The wheels of a named package outside the wheel table: a share of its typical size, or of its
 * Debian stand-in by the wheels-to-Debian ratio measured on the table's packages, or the table's
 * median closure (both measured by scripts/data/measure-pip-wheels.ts).
 */
function unlistedWheels(typical: number | undefined, proxy: LangSize | null): number {
  if (typical !== undefined) return typical * H.PIP_CACHE_FRACTION;
  if (proxy) return proxy.bytes * PIP_WHEEL_FALLBACK.debianProxyRatio;
  return PIP_WHEEL_FALLBACK.unknownClosureBytes;
}

export function pipInstall(s: RunScope, e: PackageInstall): void {
  if (projectSync(s, e, pipTarget(s, e).path)) return;
  const names = e.packages
    .map((p) => p.name.toLowerCase().replace(/\[[^[\]]*\]$/, ''))
    .filter((n) => n && !n.startsWith('-') && !n.startsWith('.') && !n.startsWith('/'));
  let bytes: number;
  let confidence: Confidence;
  let what: string;
  // The wheels of the names outside the wheel table, estimated.
  let unlisted = 0;
  if (e.fromManifest || names.length === 0) {
    bytes = H.PY_SITE_PACKAGES_TYPICAL;
    s.ctx.assumptions.add(
      `Without a visible requirements list, installed Python packages are sized as a typical web service: about ${formatBytes(H.PY_SITE_PACKAGES_TYPICAL)}.`,
    );
    confidence = 'low';
    what = `the packages of ${e.fromManifest ?? 'the project'} (≈ ${formatBytes(bytes)}: a typical web service's site-packages, the list is not visible)`;
  } else {
    bytes = 0;
    let known = 0;
    for (const n of names) {
      // Wheel sizes we know first (wheels bundle their native libraries), then the data table's
      // Debian-package proxy, then a generic size.
      const t = H.PY_TYPICAL[n];
      const proxy = t === undefined ? pipProxy(n) : null;
      const b = t ?? proxy?.bytes ?? H.PY_NAMED_PACKAGE_BYTES;
      if (t !== undefined) known++;
      bytes += b;
      if (!pipWheelKnown(n)) unlisted += unlistedWheels(t, proxy);
    }
    confidence = known === names.length ? 'medium' : 'low';
    what = `${listNames(names, 0)} (≈ ${formatBytes(bytes)} from typical wheel sizes)`;
  }
  const target = pipTarget(s, e);
  addNew(
    s.st,
    s.layer,
    'site-packages',
    target.path,
    bytes,
    confidence,
    `${e.manager} install of ${what} ${target.where}`,
  );
  const env = s.st.env;
  const noCache =
    e.noCache ||
    env.PIP_NO_CACHE_DIR === '1' ||
    env.PIP_NO_CACHE_DIR === 'true' ||
    env.PIP_NO_CACHE_DIR === 'off' ||
    env.UV_NO_CACHE === '1';
  if (!noCache && e.manager !== 'pipenv') {
    const home = homeOf(s.st);
    // The tool's cache folder is its cache mount's target, under this stage's home.
    const mount = cacheMountFor(e.manager)?.target ?? '/root/.cache/pip';
    const cacheDir = mount.replace(/^\/root/, home);
    const cache = wheelCache(e, names, bytes, unlisted);
    addNew(
      s.st,
      s.layer,
      'pip-cache',
      cacheDir,
      cache.bytes,
      confidence,
      `${e.manager}'s wheel cache in ${cacheDir.replace(home, '~')} (≈ ${formatBytes(cache.bytes)}, ${cache.what}) stays without --no-cache-dir`,
    );
  }
}

export function condaInstall(s: RunScope, e: PackageInstall): void {
  const bytes = Math.max(e.packages.length, 1) * 40 * H.MB + 150 * H.MB;
  addNew(
    s.st,
    s.layer,
    'site-packages',
    '/opt/conda',
    bytes,
    'low',
    `conda installs ${
      e.packages.length
        ? listNames(
            e.packages.map((p) => p.name),
            0,
          )
        : 'an environment'
    } (≈ ${formatBytes(bytes)}, typical)`,
  );
  addNew(
    s.st,
    s.layer,
    'conda-pkgs',
    '/opt/conda/pkgs',
    Math.round(bytes * 0.8),
    'low',
    'conda keeps the package archives and their unpacked copies in /opt/conda/pkgs unless `conda clean -afy` runs in the same RUN',
  );
}

export function pythonSetupBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  addNew(
    s.st,
    s.layer,
    'site-packages',
    `/usr/local/lib/${pythonVersion(s)}/site-packages`,
    PY_PROJECT_BYTES,
    'low',
    `the project installed into site-packages (≈ ${formatBytes(PY_PROJECT_BYTES)}, typical)`,
  );
}

export const pythonSizing: EcosystemSizing = {
  install: (s, e) => (e.manager === 'conda' ? condaInstall(s, e) : pipInstall(s, e)),
  builds: { 'python-setup': pythonSetupBuild },
};
