// RUN: what the commands of one shell script add to (and delete from) the layer.
// The parser's typed effects drive this; a few commands it does not describe (venv, chown -R,
// mv/cp, npm prune, apt-get clean) are recognised here from the command itself.
import type { Effect, PackageManager, RunInstruction, ShellCommand } from '../model';
import type { Confidence } from '../types';
import type { LayerRec, LedgerItem, StageState } from './ledger';
import { basename, dirname, liveBytes, makeItem, relate, resolvePath } from './ledger';
import { formatBytes } from '../primitives/bytes';
import type { Ctx } from './context';
import { addItem, homeOf, liveItems, removalNote, removePaths, removeWhere } from './context';
import type { ContentKind } from './ratios';
import * as H from './heuristics';
import { synthesizeEffects } from './synth';
import { npmPackageSize, pipPackageSize, type LangSize } from './packages-lang';
import type { PackageSizeResult } from './types';
import { deepFreeze } from '../frozen';

/** Pip proxies by name: they depend on the name and the data tables only (frozen: shared). */
const PIP_PROXY = new Map<string, LangSize | null>();
function pipProxy(name: string): LangSize | null {
  if (!PIP_PROXY.has(name)) PIP_PROXY.set(name, deepFreeze(lookup(() => pipPackageSize(name))));
  return PIP_PROXY.get(name) ?? null;
}

/** A data-table lookup that never throws and ignores empty rows. */
function lookup(f: () => LangSize | null): LangSize | null {
  try {
    const r = f();
    return r && r.bytes > 0 ? r : null;
  } catch {
    return null;
  }
}

type PackageInstall = Extract<Effect, { kind: 'package-install' }>;
type PackageRemove = Extract<Effect, { kind: 'package-remove' }>;
type Build = Extract<Effect, { kind: 'build' }>;

interface RunScope {
  st: StageState;
  layer: LayerRec;
  ctx: Ctx;
  ins: RunInstruction;
  cwd: string;
  /** Downloads of this RUN that went into a pipe (curl … | tar): consumed by the next extract. */
  streamed: { bytes: number; url: string | null; toolchain: H.Toolchain | null } | null;
  /** The last source toolchain unpacked in this RUN (make install sizes it). */
  unpacked: H.Toolchain | null;
}

export function runLayer(st: StageState, ins: RunInstruction, layer: LayerRec, ctx: Ctx): void {
  const script = ins.shell;
  const scope: RunScope = { st, layer, ctx, ins, cwd: st.workdir, streamed: null, unpacked: null };
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
    const effects = byCommand.get(idx);
    if (effects && effects.length) {
      for (const e of effects) applyEffect(scope, e, cmd);
    } else {
      const synth = synthesizeEffects(cmd, idx);
      if (synth.length) for (const e of synth) applyEffect(scope, e, cmd);
      else fallbackCommand(scope, cmd);
    }
  });
  // Effects whose command index is out of range (defensive).
  for (const [idx, effects] of byCommand) {
    if (idx < 0 || idx >= script.commands.length) for (const e of effects) applyEffect(scope, e, null);
  }
  applyMounts(scope);
}

function argsOf(cmd: ShellCommand | null): string[] {
  return cmd ? cmd.args : [];
}

function argValue(args: string[], names: string[]): string | null {
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

function applyEffect(s: RunScope, e: Effect, cmd: ShellCommand | null): void {
  switch (e.kind) {
    case 'chdir':
      s.cwd = resolvePath(s.cwd, e.path, homeOf(s.st));
      return;
    case 'package-index-update':
      return indexUpdate(s, e.manager);
    case 'package-install':
      return install(s, e, cmd);
    case 'package-remove':
      return packageRemove(s, e, cmd);
    case 'cache-clean':
      return cacheClean(s, e.cache, e.paths);
    case 'remove':
      // `find DIR … -exec rm` / `-delete` removes matching files under DIR, not DIR itself.
      if (cmd && basename(cmd.name) === 'find') {
        s.layer.notes.push(
          'find … -delete removes only matching files (their size is unknown, ≈ 0 B assumed)',
        );
        return;
      }
      return removeCmd(s, e.paths);
    case 'download':
      if (otherBranch(s, cmd)) return;
      return download(s, e.tool, e.url, e.output, e.command);
    case 'extract':
      if (otherBranch(s, cmd)) return;
      return extract(s, e.archive, e.destination);
    case 'build':
      if (otherBranch(s, cmd)) return;
      return build(s, e, cmd);
    case 'user-add':
      addItem(
        s.st,
        s.layer,
        makeItem(
          'metadata',
          '/etc/passwd',
          12 * H.KB,
          'high',
          'a user and group entry with its home folder (a few kB)',
        ),
      );
      return;
  }
}

// --- OS packages ------------------------------------------------------------------------------

function isDebianLike(s: RunScope): boolean {
  const f = s.st.os.family;
  return f === 'debian' || f === 'ubuntu' || f === 'unknown';
}

function aptListsBytes(s: RunScope): number {
  if (s.st.os.family === 'ubuntu') return H.APT_LISTS_BYTES.ubuntu;
  return H.APT_LISTS_BYTES[s.st.os.release ?? ''] ?? H.APT_LISTS_BYTES.default;
}

function indexUpdate(s: RunScope, manager: PackageManager): void {
  if (manager === 'apt') {
    const bytes = aptListsBytes(s);
    const rel = s.st.os.family === 'ubuntu' ? 'Ubuntu' : (s.st.os.release ?? 'Debian');
    addItem(
      s.st,
      s.layer,
      makeItem(
        'apt-lists',
        '/var/lib/apt/lists',
        bytes,
        'medium',
        `apt-get update writes the package lists (≈ ${formatBytes(bytes)} for ${rel}) to /var/lib/apt/lists, kept because this RUN does not remove them`,
      ),
    );
  } else if (manager === 'apk') {
    addItem(
      s.st,
      s.layer,
      makeItem(
        'apk-cache',
        '/var/cache/apk',
        H.APK_INDEX_BYTES,
        'medium',
        `apk update stores the APKINDEX (≈ ${formatBytes(H.APK_INDEX_BYTES)}) in /var/cache/apk`,
      ),
    );
  } else if (manager === 'dnf' || manager === 'yum' || manager === 'microdnf' || manager === 'zypper') {
    addRpmCache(s, manager);
  }
}

function addRpmCache(s: RunScope, manager: string): void {
  const path =
    manager === 'zypper' ? '/var/cache/zypp' : manager === 'yum' ? '/var/cache/yum' : '/var/cache/dnf';
  if (s.layer.items.some((i) => i.kind === 'rpm-cache')) return;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'rpm-cache',
      path,
      H.RPM_CACHE_BYTES,
      'low',
      `${manager} keeps its repository metadata cache in ${path} (typically tens of MB, ≈ ${formatBytes(H.RPM_CACHE_BYTES)} assumed) unless cleaned in the same RUN`,
    ),
  );
}

function installedSet(s: RunScope, exclude: string[] = []): Set<string> {
  const out = new Set<string>(s.st.os.installed ?? []);
  for (const p of s.st.osInstalled) out.add(p);
  for (const p of exclude) out.delete(p);
  return out;
}

function copyResult(r: PackageSizeResult): PackageSizeResult {
  return { ...r, packages: [...r.packages], unknown: [...r.unknown] };
}

function osFamilyFor(manager: PackageManager, s: RunScope) {
  const f = s.st.os.family;
  if (manager === 'apt') return f === 'ubuntu' ? 'ubuntu' : 'debian';
  if (manager === 'apk') return f === 'wolfi' ? 'wolfi' : 'alpine';
  return 'rhel';
}

function listNames(names: string[], extra: number): string {
  const shown = names.slice(0, 3).join(', ');
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  const deps = extra > 0 ? ` + ${extra} dependencies` : '';
  return `${shown}${more}${deps}`;
}

function osInstall(s: RunScope, e: PackageInstall): void {
  const m = e.manager;
  const names = e.packages
    .map((p) => p.name)
    .filter((n) => n && !n.startsWith('-') && !n.endsWith('.deb') && !n.endsWith('.rpm'));
  if (
    m === 'apt' &&
    !liveItems(s.st).some((i) => i.kind === 'apt-lists') &&
    !s.layer.items.some((i) => i.kind === 'apt-lists')
  ) {
    s.layer.notes.push(
      'no apt-get update precedes this install, which fails on Debian/Ubuntu images that ship without package lists',
    );
  }
  if (names.length === 0) return;
  // Named packages the image already holds: the install adds nothing for them (said in the basis).
  const inBase = names.filter((n) => s.st.os.installed?.has(n));
  const family = osFamilyFor(m, s);
  const release =
    s.st.os.family === family || (family === 'debian' && s.st.os.family === 'unknown')
      ? s.st.os.release
      : null;
  // Alpine packages with a known size (Alpine's own index) are taken from the table; the rest go
  // to the sizer, whose apk sizes are a proxy (Debian equivalents, scaled).
  const tabled = m === 'apk' ? names.filter((n) => n in H.APK_TYPICAL) : [];
  const asked = names.filter((n) => !tabled.includes(n));
  // A copy: the sizer's results are shared with later analyses (memoised) and must stay unchanged.
  const res = asked.length
    ? copyResult(
        s.ctx.deps.packages.osInstall(family, release, asked, {
          recommends: m === 'apk' ? false : !e.noRecommends,
          installed: installedSet(s),
        }),
      )
    : {
        installedBytes: 0,
        downloadBytes: 0,
        packages: [],
        unknown: [],
        confidence: 'medium' as Confidence,
        basis: '',
      };
  for (const n of tabled) {
    if (s.st.osInstalled.has(n) || s.st.os.installed?.has(n)) continue;
    res.installedBytes += H.APK_TYPICAL[n];
    res.packages.push(n);
  }
  // The package database is rewritten whole by every install (dpkg status, apk installed db).
  const dbBytes =
    m === 'apk' ? H.APK_DB_REWRITE_BYTES : m === 'apt' ? H.DPKG_DB_REWRITE_BYTES : H.RPM_DB_REWRITE_BYTES;
  const firstInLayer = !s.layer.items.some((i) => i.packages && i.manager === m);
  let bytes =
    res.installedBytes + res.packages.length * H.DPKG_PER_PACKAGE_BYTES + (firstInLayer ? dbBytes : 0);
  let confidence: Confidence = res.confidence;
  const unknown = res.unknown.filter((n) => !/[*$]/.test(n));
  let guessed = 0;
  let otherSuite: string | null = null;
  for (const n of unknown) {
    // A name missing from this release's index may exist in the neighbouring Debian suite.
    const other = m === 'apt' ? (release === 'trixie' ? 'bookworm' : 'trixie') : null;
    if (other) {
      const alt = s.ctx.deps.packages.osInstall(family, other, [n], {
        recommends: false,
        installed: installedSet(s),
      });
      if (alt.unknown.length === 0 && alt.installedBytes > 0) {
        guessed += alt.installedBytes;
        otherSuite = other;
        for (const p of alt.packages) s.st.osInstalled.add(p);
        continue;
      }
    }
    guessed += m === 'apk' ? (H.APK_TYPICAL[n] ?? H.APK_UNKNOWN_PACKAGE_BYTES) : H.UNKNOWN_OS_PACKAGE_BYTES;
  }
  bytes += guessed;
  if (unknown.length > 0 && guessed > bytes * 0.3)
    confidence = m === 'apk' && unknown.every((n) => n in H.APK_TYPICAL) ? 'medium' : 'low';
  for (const p of res.packages) s.st.osInstalled.add(p);
  for (const n of names) s.st.osInstalled.add(n);
  const kind: ContentKind = m === 'apk' ? 'apk-packages' : 'os-packages';
  const src =
    tabled.length === names.length
      ? 'typical Alpine package sizes'
      : unknown.length === names.length
        ? m === 'apk'
          ? 'typical Alpine package sizes'
          : 'a typical size per package (not in the tables)'
        : `${/approximat|proxy/i.test(res.basis) ? `Debian's package index as a proxy for ${family}${release ? ' ' + release : ''}` : `the ${family}${release ? ' ' + release : ''} package index`}${unknown.length ? (otherSuite ? `, ${unknown.join(', ')} sized from ${otherSuite}` : `, ${unknown.length} unknown name(s) guessed`) : ''}`;
  const recs = m === 'apt' ? (e.noRecommends ? ', without Recommends' : ', Recommends included') : '';
  const extraDeps = Math.max(0, res.packages.length - names.length);
  const present =
    inBase.length === 0
      ? ''
      : inBase.length === names.length && res.packages.length === 0
        ? `; ${inBase.length === 1 ? 'it is' : 'they are all'} already in the base image, so only the package database is rewritten`
        : `; ${listNames(inBase, 0)} already in the base image`;
  const label = `${m === 'apt' ? 'apt-get' : m} installs ${listNames(names, extraDeps)} (≈ ${formatBytes(bytes)} from ${src}${recs}${present})`;
  const item = makeItem(kind, m === 'apk' ? '/usr' : '/usr', bytes, confidence, label, {
    packages: [...new Set([...names, ...res.packages])],
    manager: m,
    group: e.virtualName,
  });
  addItem(s.st, s.layer, item);
  if (m === 'apt') {
    if (isDebianLike(s))
      s.layer.notes.push(
        "the .deb archives are not kept: Docker's Debian/Ubuntu images delete them after each install (docker-clean apt config)",
      );
  } else if (m === 'apk') {
    if (
      !e.noCache &&
      !s.layer.items.some((i) => i.kind === 'apk-cache') &&
      !liveItems(s.st).some((i) => i.kind === 'apk-cache')
    ) {
      addItem(
        s.st,
        s.layer,
        makeItem(
          'apk-cache',
          '/var/cache/apk',
          H.APK_INDEX_BYTES,
          'medium',
          `without --no-cache apk keeps its index in /var/cache/apk (≈ ${formatBytes(H.APK_INDEX_BYTES)})`,
        ),
      );
    }
  } else if (!e.noCache) {
    addRpmCache(s, m);
  }
}

function install(s: RunScope, e: PackageInstall, cmd: ShellCommand | null): void {
  switch (e.manager) {
    case 'apt':
    case 'apk':
    case 'dnf':
    case 'yum':
    case 'microdnf':
    case 'zypper':
      return osInstall(s, e);
    case 'pip':
    case 'uv':
    case 'poetry':
    case 'pipenv':
      return pipInstall(s, e, cmd);
    case 'conda':
      return condaInstall(s, e);
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'bun':
      return nodeInstall(s, e);
    case 'go':
      return goInstall(s, e);
    case 'cargo':
      return cargoInstall(s, e);
    case 'maven':
      return mavenRepo(s, 'dependency resolution');
    case 'gradle':
      return gradleCache(s);
    case 'dotnet':
      return nugetCache(s);
    case 'composer':
      return composerInstall(s, e);
    case 'gem':
    case 'bundler':
      return gemInstall(s, e);
  }
}

// --- Python -----------------------------------------------------------------------------------

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

function pipTarget(s: RunScope, cmd: ShellCommand | null, manager: string): { path: string; where: string } {
  const args = argsOf(cmd);
  const home = homeOf(s.st);
  const prefix = argValue(args, ['--prefix', '--root']);
  if (prefix) return { path: resolvePath(s.cwd, prefix, home), where: `under --prefix ${prefix}` };
  const target = argValue(args, ['--target', '-t']);
  if (target) return { path: resolvePath(s.cwd, target, home), where: `in --target ${target}` };
  if (args.includes('--user')) return { path: `${home}/.local`, where: 'in ~/.local (--user)' };
  if (manager === 'uv' || manager === 'poetry' || manager === 'pipenv') {
    const v = venvDir(s);
    if (v) return { path: v, where: `in the virtualenv ${v}` };
    if (manager === 'uv' && !args.includes('--system') && args[0] === 'sync')
      return { path: `${s.cwd}/.venv`, where: 'in .venv' };
  }
  const v = venvDir(s);
  if (v) return { path: `${v}/lib`, where: `in the virtualenv ${v}` };
  const py = pythonVersion(s);
  return { path: `/usr/local/lib/${py}/site-packages`, where: 'in the system site-packages' };
}

function pipInstall(s: RunScope, e: PackageInstall, cmd: ShellCommand | null): void {
  const names = e.packages
    .map((p) => p.name.toLowerCase().replace(/\[[^[\]]*\]$/, ''))
    .filter((n) => n && !n.startsWith('-') && !n.startsWith('.') && !n.startsWith('/'));
  let bytes: number;
  let confidence: Confidence;
  let what: string;
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
      if (t !== undefined) {
        bytes += t;
        known++;
      } else if (proxy) bytes += proxy.bytes;
      else bytes += H.PY_NAMED_PACKAGE_BYTES;
    }
    confidence = known === names.length ? 'medium' : 'low';
    what = `${listNames(names, 0)} (≈ ${formatBytes(bytes)} from typical wheel sizes)`;
  }
  const target = pipTarget(s, cmd, e.manager);
  addItem(
    s.st,
    s.layer,
    makeItem(
      'site-packages',
      target.path,
      bytes,
      confidence,
      `${e.manager} install of ${what} ${target.where}`,
    ),
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
    const cacheDir =
      e.manager === 'uv'
        ? `${home}/.cache/uv`
        : e.manager === 'poetry'
          ? `${home}/.cache/pypoetry`
          : `${home}/.cache/pip`;
    const cb = Math.round(bytes * H.PIP_CACHE_FRACTION);
    addItem(
      s.st,
      s.layer,
      makeItem(
        'pip-cache',
        cacheDir,
        cb,
        confidence,
        `${e.manager}'s wheel cache in ${cacheDir.replace(home, '~')} (≈ ${formatBytes(cb)}, the downloaded wheels) stays without --no-cache-dir`,
      ),
    );
  }
}

function condaInstall(s: RunScope, e: PackageInstall): void {
  const bytes = Math.max(e.packages.length, 1) * 40 * H.MB + 150 * H.MB;
  addItem(
    s.st,
    s.layer,
    makeItem(
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
    ),
  );
  addItem(
    s.st,
    s.layer,
    makeItem(
      'conda-pkgs',
      '/opt/conda/pkgs',
      Math.round(bytes * 0.8),
      'low',
      'conda keeps the package archives and their unpacked copies in /opt/conda/pkgs unless `conda clean -afy` runs in the same RUN',
    ),
  );
}

// --- Node -------------------------------------------------------------------------------------

/**
 * Official images install a prebuilt toolchain and keep a build-from-source fallback in an
 * if/else branch. Once a toolchain is unpacked in this RUN, conditional (nested) downloads,
 * unpacking and builds are taken as the branch not run.
 */
function otherBranch(s: RunScope, cmd: ShellCommand | null): boolean {
  if (!cmd || !cmd.nested) return false;
  if (!s.layer.items.some((i) => i.kind === 'toolchain')) return false;
  if (!s.layer.notes.includes(OTHER_BRANCH)) s.layer.notes.push(OTHER_BRANCH);
  return true;
}
const OTHER_BRANCH =
  'a conditional build-from-source branch is assumed not to run, since a prebuilt toolchain is unpacked';

function nodeInstall(s: RunScope, e: PackageInstall): void {
  const cmdArgs = s.ins.shell.commands[e.command]?.args ?? [];
  if (
    cmdArgs.length > 0 &&
    cmdArgs.every((a) => a.startsWith('-')) &&
    cmdArgs.some((a) => /^(--version|-v|--help|-h)$/.test(a))
  )
    return;
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  const prodEnv = s.st.env.NODE_ENV === 'production';
  const production = e.productionOnly || prodEnv;
  let bytes: number;
  let confidence: Confidence;
  let what: string;
  const named = names.length > 0 && !e.fromManifest;
  if (named) {
    // The npm table (registry metadata: the package with its dependency closure) first, then
    // the typical sizes of well-known tools, then a generic size per package.
    bytes = 0;
    let fromTable = 0;
    let known = 0;
    for (const raw of names) {
      const n = raw.replace(/(.)@[^@/]*$/, '$1');
      const t = lookup(() => npmPackageSize(n));
      if (t) {
        bytes += t.bytes;
        fromTable++;
      } else if (H.NPM_TYPICAL[n] !== undefined) {
        bytes += H.NPM_TYPICAL[n];
        known++;
      } else bytes += H.NPM_NAMED_PACKAGE_BYTES;
    }
    confidence = fromTable + known === names.length ? 'medium' : 'low';
    what = `${listNames(names, 0)} (≈ ${formatBytes(bytes)} with dependencies, ${fromTable === names.length ? "from the npm registry's package sizes" : 'typical'})`;
  } else {
    bytes = production ? H.NODE_MODULES_PROD : H.NODE_MODULES_DEV;
    s.ctx.assumptions.add(
      `Without a visible package.json, node_modules is sized as a typical service: about ${formatBytes(H.NODE_MODULES_PROD)} of production dependencies, ${formatBytes(H.NODE_MODULES_DEV)} with devDependencies.`,
    );
    confidence = 'low';
    what = production
      ? `production dependencies (≈ ${formatBytes(bytes)}: a typical service's node_modules, package.json is not visible)`
      : `all dependencies including devDependencies (≈ ${formatBytes(bytes)}: typical, ~2.5–3× the production set; package.json is not visible)`;
  }
  const global = e.global;
  const path = global
    ? e.manager === 'yarn'
      ? '/usr/local/share/.config/yarn/global/node_modules'
      : '/usr/local/lib/node_modules'
    : `${s.cwd === '/' ? '' : s.cwd}/node_modules`;
  // npm ci deletes node_modules before installing.
  const isCi = e.flags.includes('ci') || /\bci\b/.test(s.ins.shell.commands[e.command]?.args[0] ?? '');
  if (!global) {
    const existing = [...liveItems(s.st), ...s.layer.items].filter(
      (i) => i.kind === 'node_modules' && i.path === path,
    );
    if (existing.length && !isCi && !named) {
      // npm install over a node_modules folder that is already there rewrites only what changed.
      const b = Math.round(bytes * 0.1);
      addItem(
        s.st,
        s.layer,
        makeItem(
          'node_modules',
          path + '/*',
          b,
          'low',
          `${e.manager} install over the existing node_modules rewrites what changed (≈ ${formatBytes(b)}, 10% assumed)`,
        ),
      );
      bytes = 0;
    } else if (existing.length && isCi) {
      const r = removePaths(s.st, s.layer, [path]);
      const note = removalNote('the previous node_modules (npm ci starts from scratch)', r);
      if (note) s.layer.notes.push(note);
    }
  }
  if (bytes > 0)
    addItem(
      s.st,
      s.layer,
      makeItem(
        'node_modules',
        path,
        bytes,
        confidence,
        `${e.manager} ${isCi ? 'ci' : 'install'} installs ${what}${global ? ' globally' : ''}`,
      ),
    );
  const home = homeOf(s.st);
  const cacheBase = bytes || H.NODE_MODULES_PROD * 0.1;
  if (e.manager === 'npm') {
    // A second install finds most tarballs already cached: only its index grows.
    const again = hasLive(s, 'npm-cache');
    // Installs that resolve versions also cache the registry metadata (measured, see heuristics).
    const fraction = global || named ? H.NPM_CACHE_FRACTION_RESOLVED : H.NPM_CACHE_FRACTION;
    const b = Math.round(cacheBase * fraction * (again ? 0.05 : 1));
    addItem(
      s.st,
      s.layer,
      makeItem(
        'npm-cache',
        `${home}/.npm`,
        b,
        confidence,
        again
          ? `npm's cache from the earlier install already holds these tarballs (≈ ${formatBytes(b)} of index added)`
          : `npm's cache in ~/.npm/_cacache keeps every downloaded tarball (≈ ${formatBytes(b)}) unless \`npm cache clean --force\` runs in the same RUN`,
      ),
    );
  } else if (e.manager === 'yarn') {
    const b = Math.round(cacheBase * H.YARN_CACHE_FRACTION);
    const dir = home === '/root' ? '/usr/local/share/.cache/yarn' : `${home}/.cache/yarn`;
    addItem(
      s.st,
      s.layer,
      makeItem(
        'yarn-cache',
        dir,
        b,
        confidence,
        `yarn's cache keeps an unpacked copy of every package (≈ ${formatBytes(b)}) unless \`yarn cache clean\` runs in the same RUN`,
      ),
    );
  } else if (e.manager === 'pnpm' || e.manager === 'bun') {
    const b = Math.round(cacheBase * 0.1);
    const dir = e.manager === 'pnpm' ? `${home}/.local/share/pnpm/store` : `${home}/.bun/install/cache`;
    addItem(
      s.st,
      s.layer,
      makeItem(
        'pnpm-store',
        dir,
        b,
        'low',
        `${e.manager}'s store is hard-linked into node_modules, so it adds only its index (≈ ${formatBytes(b)})`,
      ),
    );
  }
}

// --- Go, Rust, Java, .NET, PHP, Ruby ---------------------------------------------------------

function gopath(s: RunScope): string {
  if (s.st.env.GOPATH) return s.st.env.GOPATH.split(':')[0];
  if (s.st.runtime === 'go' || s.st.runtime === 'golang') return '/go';
  return `${homeOf(s.st)}/go`;
}

function hasLive(s: RunScope, kind: ContentKind): boolean {
  return liveItems(s.st).some((i) => i.kind === kind) || s.layer.items.some((i) => i.kind === kind);
}

function goModCache(s: RunScope, why: string): void {
  if (hasLive(s, 'go-mod-cache')) return;
  const dir = s.st.env.GOMODCACHE ?? `${gopath(s)}/pkg/mod`;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'go-mod-cache',
      dir,
      H.GO_MOD_CACHE,
      'low',
      `${why} fills the module cache ${dir} (≈ ${formatBytes(H.GO_MOD_CACHE)}, a typical service's dependencies)`,
    ),
  );
}

function goInstall(s: RunScope, e: PackageInstall): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  const sub = s.ins.shell.commands[e.command]?.args[0] ?? '';
  if (sub === 'install' && names.length) {
    const bin = `${gopath(s)}/bin/*`;
    const b = names.length * H.GO_BINARY;
    addItem(
      s.st,
      s.layer,
      makeItem(
        'binary',
        bin,
        b,
        'low',
        `go install builds ${listNames(names, 0)} into ${dirname(bin)} (≈ ${formatBytes(b)}, a typical Go binary)`,
        { file: true },
      ),
    );
    goModCache(s, 'go install');
    goBuildCache(s, 0.3);
    return;
  }
  goModCache(s, `go ${sub || 'mod download'}`);
}

function goBuildCache(s: RunScope, fraction: number): void {
  const dir = s.st.env.GOCACHE ?? `${homeOf(s.st)}/.cache/go-build`;
  if (s.st.env.GOCACHE === 'off') return;
  const existing = hasLive(s, 'go-build-cache');
  const b = Math.round(H.GO_BUILD_CACHE * (existing ? 0.1 : fraction));
  addItem(
    s.st,
    s.layer,
    makeItem(
      'go-build-cache',
      dir,
      b,
      'low',
      `the Go build cache ${dir.replace(homeOf(s.st), '~')} keeps compiled packages (≈ ${formatBytes(b)}, typical${existing ? ', increment' : ''})`,
    ),
  );
}

function cargoHome(s: RunScope): string {
  if (s.st.env.CARGO_HOME) return s.st.env.CARGO_HOME;
  if (s.st.runtime === 'rust') return '/usr/local/cargo';
  return `${homeOf(s.st)}/.cargo`;
}

function cargoRegistry(s: RunScope): void {
  if (hasLive(s, 'cargo-registry')) return;
  const dir = `${cargoHome(s)}/registry`;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'cargo-registry',
      dir,
      H.CARGO_REGISTRY,
      'low',
      `cargo downloads the crates index and sources into ${dir} (≈ ${formatBytes(H.CARGO_REGISTRY)}, typical)`,
    ),
  );
}

function cargoInstall(s: RunScope, e: PackageInstall): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  const sub = s.ins.shell.commands[e.command]?.args[0] ?? '';
  cargoRegistry(s);
  if (sub === 'install') {
    const b = Math.max(1, names.length) * 10 * H.MB;
    addItem(
      s.st,
      s.layer,
      makeItem(
        'binary',
        `${cargoHome(s)}/bin/*`,
        b,
        'low',
        `cargo install builds ${names.length ? listNames(names, 0) : 'a crate'} (≈ ${formatBytes(b)}; its temporary target folder is deleted by cargo)`,
        { file: true },
      ),
    );
  }
}

function mavenRepo(s: RunScope, why: string): void {
  const dir = `${homeOf(s.st)}/.m2`;
  const existing = hasLive(s, 'maven-repo');
  const b = existing ? Math.round(H.MAVEN_REPO * 0.15) : H.MAVEN_REPO;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'maven-repo',
      `${dir}/repository`,
      b,
      'low',
      `Maven's ${why} fills ~/.m2 with plugins and dependency jars (≈ ${formatBytes(b)}${existing ? ', plugins not yet fetched' : ', typical for a Spring Boot service'})`,
    ),
  );
}

function gradleCache(s: RunScope): void {
  const dir = s.st.env.GRADLE_USER_HOME ?? `${homeOf(s.st)}/.gradle`;
  const existing = hasLive(s, 'gradle-cache');
  const b = existing ? Math.round(H.GRADLE_CACHE * 0.1) : H.GRADLE_CACHE;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'gradle-cache',
      dir,
      b,
      'low',
      `Gradle fills ${dir.replace(homeOf(s.st), '~')} with its distribution and dependency caches (≈ ${formatBytes(b)}, typical)`,
    ),
  );
}

function nugetCache(s: RunScope): void {
  if (hasLive(s, 'nuget-cache')) return;
  const dir = `${homeOf(s.st)}/.nuget/packages`;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'nuget-cache',
      dir,
      H.NUGET_CACHE,
      'low',
      `dotnet restore fills ~/.nuget/packages (≈ ${formatBytes(H.NUGET_CACHE)}, typical)`,
    ),
  );
}

function composerInstall(s: RunScope, e: PackageInstall): void {
  const prod = e.productionOnly;
  const b = prod ? H.COMPOSER_VENDOR_PROD : H.COMPOSER_VENDOR_DEV;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'vendor',
      `${s.cwd}/vendor`,
      b,
      'low',
      `composer installs ${prod ? 'the production' : 'all (dev included)'} packages into vendor/ (≈ ${formatBytes(b)}, typical)`,
    ),
  );
  if (!e.noCache) {
    const dir = s.st.env.COMPOSER_HOME
      ? `${s.st.env.COMPOSER_HOME}/cache`
      : `${homeOf(s.st)}/.composer/cache`;
    const cb = Math.round(b * H.COMPOSER_CACHE_FRACTION);
    addItem(
      s.st,
      s.layer,
      makeItem(
        'composer-cache',
        dir,
        cb,
        'low',
        `composer's download cache (≈ ${formatBytes(cb)}) stays without --no-cache`,
      ),
    );
  }
}

function gemInstall(s: RunScope, e: PackageInstall): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  const home =
    s.st.env.GEM_HOME ??
    s.st.env.BUNDLE_PATH ??
    (s.st.runtime === 'ruby' ? '/usr/local/bundle' : '/var/lib/gems');
  const b = e.manager === 'bundler' || e.fromManifest ? H.GEMS_BYTES : Math.max(1, names.length) * 5 * H.MB;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'vendor',
      `${home}/gems`,
      b,
      'low',
      `${e.manager === 'bundler' ? 'bundle install' : 'gem install'} adds ${e.manager === 'bundler' ? "the Gemfile's gems" : listNames(names, 0)} (≈ ${formatBytes(b)}, typical)`,
    ),
  );
  const cb = Math.round(b * H.GEM_CACHE_FRACTION);
  addItem(
    s.st,
    s.layer,
    makeItem(
      'gem-cache',
      `${home}/cache`,
      cb,
      'low',
      `the .gem files kept in ${home}/cache (≈ ${formatBytes(cb)})`,
    ),
  );
}

// --- removals ---------------------------------------------------------------------------------

function packageRemove(s: RunScope, e: PackageRemove, cmd: ShellCommand | null): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  const m = e.manager;
  if (m === 'npm' || m === 'yarn' || m === 'pnpm') {
    if (names.length === 0 || (cmd && cmd.args[0] === 'prune')) return prune(s);
    return;
  }
  if (m !== 'apt' && m !== 'apk' && m !== 'dnf' && m !== 'yum' && m !== 'microdnf' && m !== 'zypper') return;
  // apk del <virtual group>: the whole group goes.
  const groups = names.filter((n) => [...s.layer.items, ...liveItems(s.st)].some((i) => i.group === n));
  if (groups.length) {
    const r = removeWhere(s.st, s.layer, (i) => (i.group && groups.includes(i.group) ? 'covers' : 'none'));
    const note = removalNote(`the ${groups.join(', ')} package group`, r);
    if (note) s.layer.notes.push(note);
  }
  const rest = names.filter((n) => !groups.includes(n));
  // Packages installed in this same RUN shrink this layer; from earlier layers they stay.
  const here = s.layer.items.filter((i) => i.packages && i.manager === m);
  const earlier = liveItems(s.st).filter((i) => i.packages && i.manager === m && !s.layer.items.includes(i));
  if (rest.length === 0 && e.autoremove && names.length === 0) {
    // `apt-get purge --auto-remove` after `apt-mark auto`: the build dependencies installed in this
    // RUN go; the pattern of Docker's official images (savedAptMark) keeps only the runtime libraries.
    const saved = here.reduce((sum, i) => sum + i.bytes, 0);
    if (saved > 0) {
      for (const i of here) s.layer.items.splice(s.layer.items.indexOf(i), 1);
      s.layer.notes.push(
        `the packages installed in this RUN are auto-removed in it (≈ ${formatBytes(saved)} never reach the layer)`,
      );
    }
    return;
  }
  if (rest.length === 0) return;
  const family = osFamilyFor(m, s);
  const sized = s.ctx.deps.packages.osInstall(family, s.st.os.release, rest, {
    recommends: false,
    installed: e.autoremove ? new Set(s.st.os.installed ?? []) : installedSet(s, rest),
  });
  let bytes = sized.installedBytes;
  for (const n of sized.unknown)
    bytes += m === 'apk' ? (H.APK_TYPICAL[n] ?? H.APK_UNKNOWN_PACKAGE_BYTES) : H.UNKNOWN_OS_PACKAGE_BYTES;
  const inHere = here.filter((i) => i.packages!.some((p) => rest.includes(p)));
  if (inHere.length) {
    let left = bytes;
    for (const i of inHere) {
      const cut = Math.min(left, i.bytes);
      left -= cut;
      const ratio = i.bytes > 0 ? i.compressedBytes / i.bytes : 0;
      i.bytes -= cut;
      i.compressedBytes = Math.round(i.bytes * ratio);
    }
    s.layer.notes.push(
      `${listNames(rest, 0)} ${e.purge ? 'purged' : 'removed'} in the same RUN (≈ ${formatBytes(bytes - left)} never reach the layer)`,
    );
    return;
  }
  const inEarlier = earlier.filter((i) => i.packages!.some((p) => rest.includes(p)));
  if (inEarlier.length) {
    let left = bytes;
    const lines: number[] = [];
    for (const i of inEarlier) {
      const cut = Math.min(left, liveBytes(i));
      left -= cut;
      i.deleted += cut;
      const l = s.st.layers.find((x) => x.items.includes(i));
      if (l && !lines.includes(l.line)) lines.push(l.line);
    }
    s.layer.notes.push(
      `removing ${listNames(rest, 0)} here saves nothing: the ≈ ${formatBytes(bytes - left)} stay in the layer of line ${lines.join(', ')} (layers are additive), so they count as wasted`,
    );
    return;
  }
  s.layer.notes.push(
    `removing ${listNames(rest, 0)} (installed by the base image) saves nothing: the base layers keep them`,
  );
}

function prune(s: RunScope): void {
  const nm = [...s.layer.items, ...liveItems(s.st)].filter((i) => i.kind === 'node_modules');
  for (const i of nm) {
    const target = Math.round(i.bytes * (H.NODE_MODULES_PROD / H.NODE_MODULES_DEV));
    const cut = i.bytes - target;
    if (cut <= 0) continue;
    if (s.layer.items.includes(i)) {
      const ratio = i.compressedBytes / i.bytes;
      i.bytes = target;
      i.compressedBytes = Math.round(target * ratio);
      s.layer.notes.push(
        `npm prune drops the devDependencies in the same RUN (≈ ${formatBytes(cut)} never reach the layer)`,
      );
    } else {
      i.deleted += cut;
      const l = s.st.layers.find((x) => x.items.includes(i));
      s.layer.notes.push(
        `npm prune here saves nothing: the devDependencies (≈ ${formatBytes(cut)}) stay in the layer of line ${l?.line ?? '?'} (layers are additive)`,
      );
    }
  }
}

const CACHE_KINDS: Record<string, { kinds: ContentKind[]; what: string }> = {
  'apt-lists': { kinds: ['apt-lists'], what: 'the apt package lists' },
  'apt-archives': { kinds: ['apt-archives'], what: 'the .deb archives' },
  apt: { kinds: ['apt-archives'], what: 'the .deb archives' },
  apk: { kinds: ['apk-cache'], what: "apk's cache" },
  dnf: { kinds: ['rpm-cache'], what: "dnf's cache" },
  yum: { kinds: ['rpm-cache'], what: "yum's cache" },
  microdnf: { kinds: ['rpm-cache'], what: "microdnf's cache" },
  zypper: { kinds: ['rpm-cache'], what: "zypper's cache" },
  pip: { kinds: ['pip-cache'], what: "pip's cache" },
  uv: { kinds: ['pip-cache'], what: "uv's cache" },
  poetry: { kinds: ['pip-cache'], what: "poetry's cache" },
  npm: { kinds: ['npm-cache'], what: "npm's cache" },
  yarn: { kinds: ['yarn-cache'], what: "yarn's cache" },
  pnpm: { kinds: ['pnpm-store'], what: "pnpm's store" },
  bun: { kinds: ['pnpm-store'], what: "bun's cache" },
  go: { kinds: ['go-build-cache'], what: 'the Go build cache' },
  'go-mod': { kinds: ['go-mod-cache'], what: 'the Go module cache' },
  cargo: { kinds: ['cargo-registry'], what: "cargo's registry" },
  maven: { kinds: ['maven-repo'], what: '~/.m2' },
  gradle: { kinds: ['gradle-cache'], what: "Gradle's caches" },
  composer: { kinds: ['composer-cache'], what: "composer's cache" },
  gem: { kinds: ['gem-cache'], what: 'the .gem cache' },
  conda: { kinds: ['conda-pkgs'], what: "conda's package cache" },
  nuget: { kinds: ['nuget-cache'], what: 'the NuGet cache' },
  tmp: { kinds: [], what: '/tmp' },
};

function cacheClean(s: RunScope, cache: string, paths: string[]): void {
  const spec = CACHE_KINDS[cache] ?? { kinds: [], what: cache };
  const home = homeOf(s.st);
  const resolved = paths.map((p) => resolvePath(s.cwd, p, home));
  if (cache === 'tmp' && resolved.length === 0) resolved.push('/tmp/*');
  const r = removeWhere(s.st, s.layer, (i) => {
    if (spec.kinds.includes(i.kind)) return 'covers';
    for (const p of resolved) if (relate(p, i) === 'covers') return 'covers';
    return 'none';
  });
  const note = removalNote(spec.what, r);
  if (note) s.layer.notes.push(note);
  else if ((cache === 'apt-archives' || cache === 'apt') && isDebianLike(s))
    s.layer.notes.push(
      "apt-get clean frees nothing here: Docker's Debian/Ubuntu images already delete the .deb archives after each install",
    );
  else if (!r.savedHere && !r.wastedEarlier)
    s.layer.notes.push(
      `cleaning ${spec.what} here frees nothing: nothing of the kind was left by this Dockerfile`,
    );
}

function removeCmd(s: RunScope, paths: string[]): void {
  const home = homeOf(s.st);
  const resolved = paths.map((p) => resolvePath(s.cwd, p, home));
  const r = removePaths(s.st, s.layer, resolved);
  const what =
    resolved.length === 1
      ? resolved[0]
      : `${resolved.slice(0, 2).join(', ')}${resolved.length > 2 ? '…' : ''}`;
  const note = removalNote(what, r);
  if (note) s.layer.notes.push(note);
  else if (
    !resolved.every((p) => p.startsWith('/tmp') || p.startsWith('/var/tmp')) &&
    !/apt\/lists/.test(what)
  ) {
    // Deleting base-image files (docs, locales) in a later layer does not shrink the image.
    const baseish = resolved.some((p) => /^\/(usr|var|etc|lib|opt)\b/.test(p));
    if (baseish)
      s.layer.notes.push(
        `deleting ${what} hides files of earlier layers but saves nothing (layers are additive)`,
      );
  }
}

// --- downloads and archives -------------------------------------------------------------------

function download(
  s: RunScope,
  tool: string,
  url: string | null,
  output: string | null,
  command: number,
): void {
  const home = homeOf(s.st);
  if (tool === 'git') {
    const name = url ? basename(url).replace(/\.git$/, '') : 'repo';
    const dest = resolvePath(s.cwd, output ?? name, home);
    addItem(
      s.st,
      s.layer,
      makeItem(
        'context',
        dest,
        H.GIT_CLONE,
        'low',
        `git clone of ${url ?? 'a repository'} (≈ ${formatBytes(H.GIT_CLONE)} with its .git, unknown repository)`,
      ),
    );
    return;
  }
  const tc = url ? H.findToolchain(url) : null;
  const bytes = tc ? tc.archive : H.UNKNOWN_DOWNLOAD;
  const conf: Confidence = tc ? 'medium' : 'low';
  const next = s.ins.shell.commands[command + 1];
  const piped = !output && next && next.connector === '|';
  if (piped) {
    const consumer = next.name;
    if (consumer === 'sh' || consumer === 'bash') {
      const b = tc ? tc.installed : 50 * H.MB;
      const dest = tc && tc.name === 'rustup' ? `${home}/.rustup` : '/usr/local';
      addItem(
        s.st,
        s.layer,
        makeItem(
          'toolchain',
          dest,
          b,
          tc ? 'medium' : 'low',
          `an install script from ${shortUrl(url)} installs ${tc ? tc.name : 'software of unknown size'} (≈ ${formatBytes(b)}${tc ? '' : ', guessed'})`,
        ),
      );
      return;
    }
    s.streamed = { bytes, url, toolchain: tc };
    return;
  }
  if (!output) {
    // curl without -o/-O writes to stdout: nothing lands on disk.
    if (tool === 'curl') return;
  }
  const file = resolvePath(s.cwd, output ?? (url ? basename(url.split('?')[0]) : 'download'), home);
  addItem(
    s.st,
    s.layer,
    makeItem(
      'download',
      file,
      bytes,
      conf,
      tc?.name === 'small file'
        ? `${tool} downloads ${shortUrl(url)} (a few kB)`
        : `${tool} downloads ${tc ? `the ${tc.name} archive` : shortUrl(url)} to ${file} (≈ ${formatBytes(bytes)}${tc ? '' : ', unknown file: guessed'})`,
      { file: true, note: url ?? undefined },
    ),
  );
}

function shortUrl(url: string | null): string {
  if (!url) return 'a file';
  const b = basename(url.split('?')[0]);
  return b || 'a file';
}

function extract(s: RunScope, archive: string | null, destination: string | null): void {
  const home = homeOf(s.st);
  const dest = resolvePath(s.cwd, destination ?? '.', home);
  let packed = 0;
  let tc: H.Toolchain | null = null;
  let name = archive ?? 'an archive';
  if (!archive || archive === '-') {
    if (s.streamed) {
      packed = s.streamed.bytes;
      tc = s.streamed.toolchain;
      name = shortUrl(s.streamed.url);
      s.streamed = null;
    } else packed = H.UNKNOWN_DOWNLOAD;
  } else {
    const path = resolvePath(s.cwd, archive, home);
    const candidates = [...s.layer.items, ...liveItems(s.st)].filter(
      (i) => i.kind === 'download' || i.kind === 'context',
    );
    const found =
      candidates.find((i) => i.path === path) ??
      candidates.find((i) => basename(i.path) === basename(path) && i.kind === 'download');
    if (found) {
      packed = found.bytes;
      tc = found.note ? H.findToolchain(found.note) : H.findToolchain(found.path);
    } else {
      tc = H.findToolchain(archive);
      packed = tc ? tc.archive : H.UNKNOWN_DOWNLOAD;
    }
  }
  const ext = /\.(t?gz|xz|bz2|zst|zip|tar)$/.exec(name)?.[1] ?? 'gz';
  const bytes = tc ? tc.installed : Math.round(packed * (H.EXTRACT_FACTOR[ext] ?? 3));
  if (tc?.builtInstall) s.unpacked = tc;
  const kind: ContentKind = tc && !tc.builtInstall ? 'toolchain' : 'extracted';
  addItem(
    s.st,
    s.layer,
    makeItem(
      kind,
      dest,
      bytes,
      tc ? 'medium' : 'low',
      `unpacking ${tc ? `the ${tc.name} archive` : name} into ${dest} adds ≈ ${formatBytes(bytes)}${tc ? '' : ` (${H.EXTRACT_FACTOR[ext] ?? 3}× the archive, assumed)`}`,
      tc?.ratio ? { compressedBytes: Math.round(bytes / tc.ratio) } : {},
    ),
  );
}

// --- builds -----------------------------------------------------------------------------------

const BUILD_SCRIPTS = /^(build|compile|bundle|dist|prod|production|build:.*|export|generate)$/;

function build(s: RunScope, e: Build, cmd: ShellCommand | null): void {
  const home = homeOf(s.st);
  const args = e.args.length ? e.args : argsOf(cmd);
  const out = e.output ? resolvePath(s.cwd, e.output, home) : null;
  switch (e.tool) {
    case 'go': {
      const text = args.join(' ');
      const stripped = /-ldflags(?:[= ]*["'])?[^"']*-(s|w)\b/.test(text) || /-s\s+-w|-w\s+-s/.test(text);
      const b = Math.round(H.GO_BINARY * (stripped ? H.GO_STRIP_FACTOR : 1));
      const path = out ?? `${s.cwd}/*`;
      addItem(
        s.st,
        s.layer,
        makeItem(
          'binary',
          path,
          b,
          'low',
          `go build writes a binary to ${path.replace(/\/\*$/, '/')} (≈ ${formatBytes(b)}: a typical service${stripped ? ', -s -w strips ≈30%' : ''})`,
          { file: true },
        ),
      );
      // Cache mounts (applyMounts) take these back out of the layer.
      goModCache(s, 'go build');
      goBuildCache(s, 1);
      return;
    }
    case 'cargo': {
      const release =
        args.includes('--release') || args.includes('-r') || args.some((a) => a.startsWith('--profile'));
      const targetDir = s.st.env.CARGO_TARGET_DIR
        ? resolvePath(s.cwd, s.st.env.CARGO_TARGET_DIR, home)
        : `${s.cwd}/target`;
      const tb = release ? H.CARGO_TARGET_RELEASE : H.CARGO_TARGET_DEBUG;
      cargoRegistry(s);
      addItem(
        s.st,
        s.layer,
        makeItem(
          'cargo-target',
          targetDir,
          tb,
          'low',
          `cargo build leaves ${targetDir} with every dependency compiled (≈ ${formatBytes(tb)}, typical ${release ? 'release' : 'debug'} build)`,
        ),
      );
      const bin = release ? H.RUST_BINARY : H.RUST_BINARY * 3;
      addItem(
        s.st,
        s.layer,
        makeItem(
          'binary',
          `${targetDir}/${release ? 'release' : 'debug'}/*`,
          bin,
          'low',
          `the ${release ? 'release' : 'debug'} binary (≈ ${formatBytes(bin)}, typical)`,
          { file: true },
        ),
      );
      return;
    }
    case 'maven': {
      const goals = args.filter((a) => !a.startsWith('-'));
      mavenRepo(s, goals.join(' ') || 'build');
      if (
        goals.some((g) => /^(package|install|verify|deploy|spring-boot:repackage)$/.test(g)) ||
        goals.length === 0
      ) {
        const dir = `${s.cwd}/target`;
        addItem(
          s.st,
          s.layer,
          makeItem(
            'jar',
            `${dir}/*.jar`,
            H.JAR_BYTES,
            'low',
            `mvn package writes the application jar to target/ (≈ ${formatBytes(H.JAR_BYTES)}, a typical Spring Boot fat jar)`,
            { file: true },
          ),
        );
        addItem(
          s.st,
          s.layer,
          makeItem(
            'build-output',
            dir,
            H.JAVA_BUILD_TREE,
            'low',
            `classes and reports in target/ (≈ ${formatBytes(H.JAVA_BUILD_TREE)})`,
          ),
        );
      }
      return;
    }
    case 'gradle': {
      gradleCache(s);
      const dir = `${s.cwd}/build`;
      addItem(
        s.st,
        s.layer,
        makeItem(
          'jar',
          `${dir}/libs/*.jar`,
          H.JAR_BYTES,
          'low',
          `gradle writes the application jar to build/libs (≈ ${formatBytes(H.JAR_BYTES)}, typical)`,
          { file: true },
        ),
      );
      addItem(
        s.st,
        s.layer,
        makeItem(
          'build-output',
          dir,
          H.JAVA_BUILD_TREE,
          'low',
          `classes and reports in build/ (≈ ${formatBytes(H.JAVA_BUILD_TREE)})`,
        ),
      );
      return;
    }
    case 'dotnet': {
      nugetCache(s);
      const self =
        args.some((a) => /^--self-contained(=true)?$/.test(a) || a === '--sc') ||
        args.some((a) => /^-r$|^--runtime/.test(a));
      const b = H.DOTNET_PUBLISH + (self ? 70 * H.MB : 0);
      const sub = args[0] ?? '';
      if (sub === 'publish' || out) {
        const path = out ?? `${s.cwd}/bin/Release/*/publish`;
        addItem(
          s.st,
          s.layer,
          makeItem(
            'dotnet-publish',
            path,
            b,
            'low',
            `dotnet publish writes the app to ${path} (≈ ${formatBytes(b)}, ${self ? 'self-contained' : 'framework-dependent'}, typical)`,
          ),
        );
      }
      addItem(
        s.st,
        s.layer,
        makeItem(
          'build-output',
          `${s.cwd}/obj`,
          H.DOTNET_BUILD_TREE,
          'low',
          `obj/ and bin/ intermediates (≈ ${formatBytes(H.DOTNET_BUILD_TREE)})`,
          { aliases: [`${s.cwd}/bin`] },
        ),
      );
      return;
    }
    case 'jlink':
      return jlinkRuntime(s, e, args, out);
    case 'npm-script': {
      const script =
        e.target ?? args.find((a) => !a.startsWith('-') && a !== 'run' && a !== 'run-script') ?? '';
      if (!BUILD_SCRIPTS.test(script)) return;
      return jsDist(s, `the "${script}" script`);
    }
    case 'tsc':
      return jsDist(s, 'tsc', 2 * H.MB);
    case 'make':
    case 'cmake':
    case 'gcc':
    case 'ninja': {
      const args2 = args.join(' ');
      if (/\binstall\b/.test(args2) && s.unpacked?.builtInstall) {
        const b = s.unpacked.builtInstall;
        addItem(
          s.st,
          s.layer,
          makeItem(
            'toolchain',
            '/usr/local',
            b,
            'medium',
            `make install of the ${s.unpacked.name} tree adds ≈ ${formatBytes(b)} to /usr/local (the catalog's image built this way)`,
          ),
        );
        return;
      }
      if (/\binstall\b/.test(args2)) {
        addItem(
          s.st,
          s.layer,
          makeItem(
            'build-output',
            '/usr/local',
            H.MAKE_OUTPUT / 2,
            'low',
            `make install copies the build into /usr/local (≈ ${formatBytes(H.MAKE_OUTPUT / 2)}, unknown project)`,
          ),
        );
        return;
      }
      addItem(
        s.st,
        s.layer,
        makeItem(
          'build-output',
          out ?? s.cwd + '/*',
          H.MAKE_OUTPUT,
          'low',
          `${e.tool} leaves objects and binaries (≈ ${formatBytes(H.MAKE_OUTPUT)}, unknown project)`,
        ),
      );
      return;
    }
    case 'python-setup':
      addItem(
        s.st,
        s.layer,
        makeItem(
          'site-packages',
          `/usr/local/lib/${pythonVersion(s)}/site-packages`,
          5 * H.MB,
          'low',
          'the project installed into site-packages (≈ 5 MB, typical)',
        ),
      );
      return;
    default:
      addItem(
        s.st,
        s.layer,
        makeItem(
          'build-output',
          out ?? `${s.cwd}/*`,
          10 * H.MB,
          'low',
          `${e.tool} build output (≈ 10 MB, unknown)`,
        ),
      );
  }
}

/** A jlink-ed runtime: sized by its module list from runtimes measured with the same flags. */
function jlinkRuntime(s: RunScope, e: Build, args: string[], out: string | null): void {
  const path = out ?? `${s.cwd}/jre`;
  const sizes = H.JLINK_RUNTIME[Number(/(\d{2})/.exec(s.st.baseLabel)?.[1] ?? 25) <= 17 ? '17' : '25'];
  const modules = (e.target ?? '').split(',').filter(Boolean);
  let bytes: number;
  let what: string;
  if (!modules.length || modules.some((m) => /\$/.test(m))) {
    bytes = sizes.typical;
    what = 'modules unknown here: sized as the nine a typical Spring Boot service needs';
  } else if (modules.includes('ALL-MODULE-PATH')) {
    bytes = sizes.all;
    what = 'every JDK module';
  } else if (modules.includes('java.se')) {
    bytes = sizes.se;
    what = 'the Java SE modules';
  } else {
    // Between java.base alone and all of Java SE, by the share of the ~22 other SE modules named.
    const share = Math.min(1, modules.filter((m) => m !== 'java.base').length / 22);
    bytes = Math.round(sizes.base + (sizes.se - sizes.base) * share);
    what = modules.length === 1 ? modules[0] : `${modules.length} modules`;
  }
  const stripped = args.includes('--strip-debug') || args.includes('-G');
  if (!stripped) bytes = Math.round(bytes * H.JLINK_DEBUG_FACTOR);
  const k = args.findIndex((a) => /^(--compress|-c)(=.*)?$/.test(a));
  const level = k < 0 ? '0' : args[k].includes('=') ? args[k].split('=')[1] : (args[k + 1] ?? '0');
  const zipped = /^(2|zip-[1-9])$/.test(level);
  let gzip = bytes / H.JLINK_RATIO;
  if (zipped) {
    gzip *= H.JLINK_ZIP_GZIP;
    bytes = Math.round(bytes * H.JLINK_ZIP_DISK);
  }
  addItem(
    s.st,
    s.layer,
    makeItem(
      'java-runtime',
      path,
      bytes,
      'medium',
      `jlink writes a Java runtime to ${path} with ${what} (≈ ${formatBytes(bytes)}${stripped ? '' : ', debug data kept'}${zipped ? ', zip-compressed' : ''}; measured jlink output of the same kind)`,
      { compressedBytes: Math.round(gzip) },
    ),
  );
}

function jsDist(s: RunScope, what: string, bytes = H.JS_DIST): void {
  const base = s.cwd === '/' ? '' : s.cwd;
  addItem(
    s.st,
    s.layer,
    makeItem(
      'dist',
      `${base}/dist`,
      bytes,
      'low',
      `${what} writes the bundle (≈ ${formatBytes(bytes)}, typical) to dist/ or build/`,
      { aliases: [`${base}/build`, `${base}/out`, `${base}/.next`, `${base}/public/build`, `${base}/lib`] },
    ),
  );
}

// --- commands the parser gives no effect for ----------------------------------------------------

function fallbackCommand(s: RunScope, cmd: ShellCommand): void {
  const name = basename(cmd.name);
  const a = cmd.args;
  const home = homeOf(s.st);
  if ((name === 'python' || /^python3(\.\d+)?$/.test(name)) && a[0] === '-m' && a[1] === 'venv' && a[2]) {
    const dir = resolvePath(s.cwd, a.filter((x) => !x.startsWith('-'))[2] ?? a[2], home);
    addItem(
      s.st,
      s.layer,
      makeItem(
        'venv',
        dir,
        H.VENV_BYTES,
        'medium',
        `python -m venv creates ${dir} with its own pip (≈ ${formatBytes(H.VENV_BYTES)})`,
      ),
    );
    return;
  }
  if (name === 'virtualenv' && a[0]) {
    const dir = resolvePath(s.cwd, a.filter((x) => !x.startsWith('-'))[0], home);
    addItem(
      s.st,
      s.layer,
      makeItem(
        'venv',
        dir,
        H.VENV_BYTES,
        'medium',
        `virtualenv creates ${dir} (≈ ${formatBytes(H.VENV_BYTES)})`,
      ),
    );
    return;
  }
  if (
    (name === 'chown' || name === 'chmod') &&
    a.some((x) => /^-[a-zA-Z]*R/.test(x) || x === '--recursive')
  ) {
    const targets = a
      .filter((x) => !x.startsWith('-'))
      .slice(1)
      .map((p) => resolvePath(s.cwd, p, home));
    return copyUp(s, name, targets);
  }
  if ((name === 'mv' || name === 'cp') && a.filter((x) => !x.startsWith('-')).length >= 2) {
    const plain = a.filter((x) => !x.startsWith('-'));
    const dest = resolvePath(s.cwd, plain[plain.length - 1], home);
    const srcs = plain.slice(0, -1).map((p) => resolvePath(s.cwd, p, home));
    return moveOrCopy(s, name, srcs, dest);
  }
  if (name === 'npm' && a[0] === 'prune') return prune(s);
  if ((name === 'bash' || name === 'sh') && a.length) {
    // A self-extracting installer fetched earlier (Miniconda: `bash Miniconda3.sh -b -p /opt/conda`).
    const script = resolvePath(s.cwd, a.find((x) => !x.startsWith('-')) ?? '', home);
    const dl = [...s.layer.items, ...liveItems(s.st)].find((i) => i.kind === 'download' && i.path === script);
    const tc = dl?.note ? H.findToolchain(dl.note) : dl ? H.findToolchain(dl.path) : null;
    if (tc && tc.installed > tc.archive) {
      const p = a.indexOf('-p');
      const dest = p >= 0 && a[p + 1] ? resolvePath(s.cwd, a[p + 1], home) : '/opt/conda';
      addItem(
        s.st,
        s.layer,
        makeItem(
          'toolchain',
          dest,
          tc.installed,
          'medium',
          `the ${tc.name} installs into ${dest} (≈ ${formatBytes(tc.installed)})`,
        ),
      );
    }
    return;
  }
  if (name === 'apt-get' || name === 'apt') {
    if (a.includes('dist-clean')) return cacheClean(s, 'apt-lists', []);
    if (a.includes('clean')) return cacheClean(s, 'apt-archives', []);
  }
}

/** chown/chmod -R of files from earlier layers copies each file up into this layer. */
function copyUp(s: RunScope, tool: string, targets: string[]): void {
  let total = 0;
  const lines: number[] = [];
  for (const l of s.st.layers) {
    if (l === s.layer) continue;
    for (const i of l.items) {
      if (i.base || liveBytes(i) === 0) continue;
      if (!targets.some((t) => relate(t, i) === 'covers')) continue;
      const b = liveBytes(i);
      total += b;
      i.deleted = i.bytes;
      if (!lines.includes(l.line)) lines.push(l.line);
      s.layer.items.push(makeItem(i.kind, i.path, b, i.confidence, '', { aliases: i.aliases, file: i.file }));
    }
  }
  if (total > 0) {
    s.layer.notes.push(
      `${tool} -R rewrites ${formatBytes(total)} of files from line ${lines.join(', ')} into this layer (a metadata change copies whole files up), so those bytes are stored twice; use COPY --chown instead`,
    );
  } else if (targets.length) {
    s.layer.notes.push(
      `${tool} -R copies every file it changes into this layer (size of files from the base image unknown, ≈ 0 B assumed)`,
    );
  }
}

function moveOrCopy(s: RunScope, tool: string, srcs: string[], dest: string): void {
  for (const src of srcs) {
    for (const l of s.st.layers) {
      for (const i of [...l.items]) {
        if (i.base || liveBytes(i) === 0) continue;
        if (relate(src, i) !== 'covers') continue;
        const rel = i.path === src ? '' : i.path.slice(src.length);
        const newPath = rel ? dest + rel : i.file ? `${dest}` : dest;
        if (l === s.layer && tool === 'mv') {
          i.path = newPath;
          continue;
        }
        s.layer.items.push(
          makeItem(
            i.kind,
            newPath,
            liveBytes(i),
            i.confidence,
            `${tool} of ${i.path} to ${newPath} (≈ ${formatBytes(liveBytes(i))})`,
            { file: i.file },
          ),
        );
        if (tool === 'mv') {
          i.deleted = i.bytes;
          s.layer.notes.push(
            `moving files from line ${l.line} stores them again here while the old copy stays in its layer`,
          );
        }
      }
    }
  }
}

// --- mounts -----------------------------------------------------------------------------------

function applyMounts(s: RunScope): void {
  const home = homeOf(s.st);
  for (const m of s.ins.mounts) {
    if (!m.target) continue;
    if (m.type !== 'cache' && m.type !== 'tmpfs' && m.type !== 'bind' && m.type !== 'secret') continue;
    const target = resolvePath(s.cwd, m.target, home);
    let kept = 0;
    for (let k = s.layer.items.length - 1; k >= 0; k--) {
      const i = s.layer.items[k];
      if (relate(target, i) === 'covers') {
        kept += i.bytes;
        s.layer.items.splice(k, 1);
      }
    }
    if (kept > 0)
      s.layer.notes.push(
        `the --mount=type=${m.type} at ${target} keeps ${formatBytes(kept)} out of the layer`,
      );
  }
}

export type { LedgerItem };
