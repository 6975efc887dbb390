// File-system effects: removals (cache cleanups named by cache), downloads, archive extraction,
// users, `cd`, and native builds (make, cmake, gcc, ...).
import type { Effect } from '../../model';
import { basename, build, has, parseArgs, value } from './args';
import type { DetectContext, Detector, Invocation } from './args';
import { cacheOfPath } from '../../ecosystems';

export { cacheOfPath };

function home(inv: Invocation, ctx: DetectContext): string {
  const h = inv.env.HOME ?? ctx.lookup('HOME');
  return typeof h === 'string' && h.startsWith('/') ? h : '/root';
}

/** `~/x`, `$HOME/x`, `${HOME}/x` → absolute. */
export function normalisePath(path: string, inv: Invocation, ctx: DetectContext): string {
  const h = home(inv, ctx);
  return path.replace(/^(~|\$HOME|\$\{HOME\})(?=\/|$)/, h);
}

function removal(inv: Invocation, ctx: DetectContext, paths: string[]): Effect[] {
  const byCache = new Map<string, string[]>();
  const other: string[] = [];
  for (const raw of paths) {
    const path = normalisePath(raw, inv, ctx);
    const cache = cacheOfPath(path);
    if (cache) byCache.set(cache, [...(byCache.get(cache) ?? []), path]);
    else other.push(path);
  }
  const effects: Effect[] = [];
  for (const [cache, list] of byCache)
    effects.push({ kind: 'cache-clean', cache, paths: list, command: inv.command });
  if (other.length > 0) effects.push({ kind: 'remove', paths: other, command: inv.command });
  return effects;
}

export const rm: Detector = (inv, ctx) => {
  const p = parseArgs(inv.args);
  return p.positionals.length > 0 ? removal(inv, ctx, p.positionals) : [];
};

/** `find DIR ... -delete` or `-exec rm ...`: removal under DIR. */
export const find: Detector = (inv, ctx) => {
  const args = inv.args;
  const deletes =
    args.includes('-delete') || args.some((a, i) => a === '-exec' && basename(args[i + 1] ?? '') === 'rm');
  if (!deletes) return [];
  const roots = [];
  for (const a of args) {
    if (a.startsWith('-') || a === '!' || a === '(') break;
    roots.push(a);
  }
  // Only the matching files under the roots go: a plain removal is marked as such.
  return roots.length > 0
    ? removal(inv, ctx, roots).map((e) => (e.kind === 'remove' ? { ...e, matching: true } : e))
    : [];
};

const URL = /^(https?|ftp):\/\//i;

export const curl: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set([
      '-o',
      '--output',
      '-H',
      '--header',
      '-u',
      '--user',
      '-d',
      '--data',
      '-A',
      '--user-agent',
      '-x',
      '--proxy',
      '-X',
      '--request',
      '-e',
      '--referer',
      '--retry',
      '--max-time',
      '-m',
      '--connect-timeout',
      '-w',
      '--write-out',
      '--cacert',
      '-b',
      '--cookie',
      '-c',
      '--cookie-jar',
      '--url',
      '-T',
      '--upload-file',
      '-r',
      '--range',
      '--retry-delay',
      '--output-dir',
      '--proto',
    ]),
    'oHudAxXemwbcTr',
  );
  const url = value(p, '--url') ?? p.positionals.find((x) => URL.test(x)) ?? p.positionals[0] ?? null;
  let output = value(p, '-o', '--output');
  if (!output && has(p, '-O', '--remote-name') && url) output = basename(url.split(/[?#]/)[0]) || null;
  const dir = value(p, '--output-dir');
  if (output && dir && !output.startsWith('/')) output = `${dir}/${output}`;
  if (output === '-') output = null;
  return [{ kind: 'download', tool: 'curl', url, output, command: inv.command }];
};

export const wget: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set([
      '-O',
      '--output-document',
      '-P',
      '--directory-prefix',
      '-o',
      '--output-file',
      '--header',
      '-U',
      '--user-agent',
      '-t',
      '--tries',
      '-T',
      '--timeout',
      '--user',
      '--password',
    ]),
    'OPoUtT',
  );
  const url = p.positionals.find((x) => URL.test(x)) ?? p.positionals[0] ?? null;
  let output = value(p, '-O', '--output-document');
  const prefix = value(p, '-P', '--directory-prefix');
  if (!output && url) {
    const name = basename(url.split(/[?#]/)[0]) || 'index.html';
    output = prefix ? `${prefix.replace(/\/$/, '')}/${name}` : name;
  }
  if (output === '-') output = null;
  return [{ kind: 'download', tool: 'wget', url, output, command: inv.command }];
};

export const git: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set([
      '-b',
      '--branch',
      '--depth',
      '-c',
      '--config',
      '-C',
      '--origin',
      '-o',
      '--reference',
      '--filter',
      '-j',
      '--jobs',
    ]),
    'bcCoj',
  );
  const [sub, ...rest] = p.positionals;
  if (sub !== 'clone') return [];
  const url = rest[0] ?? null;
  const output = rest[1] ?? (url ? basename(url.replace(/\/$/, '')).replace(/\.git$/, '') || null : null);
  return [{ kind: 'download', tool: 'git', url, output, command: inv.command }];
};

export const tar: Detector = (inv) => {
  const args = inv.args;
  // The first word may be a bundle of letters without a dash (`tar xzf file`).
  const first = args[0] ?? '';
  const bundled = /^[A-Za-z]+$/.test(first) && /[xtcru]/.test(first) ? first : null;
  const rest = bundled ? args.slice(1) : args;
  const p = parseArgs(
    rest,
    new Set([
      '-f',
      '--file',
      '-C',
      '--directory',
      '--exclude',
      '--strip-components',
      '-T',
      '--files-from',
      '--transform',
      '--owner',
      '--group',
      '--mode',
    ]),
    'fCT',
  );
  const extracting = (bundled ?? '').includes('x') || has(p, '-x', '--extract', '--get');
  if (!extracting) return [];
  let archive = value(p, '-f', '--file');
  if (bundled && bundled.includes('f') && !archive) archive = rest.find((a) => !a.startsWith('-')) ?? null;
  if (archive === '-') archive = null;
  const strip = Number(value(p, '--strip-components') ?? 0);
  return [
    {
      kind: 'extract',
      archive,
      destination: value(p, '-C', '--directory'),
      ...(strip > 0 && { strip }),
      command: inv.command,
    },
  ];
};

export const unzip: Detector = (inv) => {
  const p = parseArgs(inv.args, new Set(['-d', '-x', '-P']), 'dxP');
  return [
    { kind: 'extract', archive: p.positionals[0] ?? null, destination: value(p, '-d'), command: inv.command },
  ];
};

/** Other archive tools: gunzip, bunzip2, unxz, 7z x. */
export const otherExtract: Detector = (inv) => {
  if (inv.name === '7z' || inv.name === '7za') {
    if (inv.args[0] !== 'x' && inv.args[0] !== 'e') return [];
    const archive = inv.args.slice(1).find((a) => !a.startsWith('-')) ?? null;
    const out = inv.args.find((a) => a.startsWith('-o'));
    return [{ kind: 'extract', archive, destination: out ? out.slice(2) : null, command: inv.command }];
  }
  const archive = inv.args.find((a) => !a.startsWith('-')) ?? null;
  return [{ kind: 'extract', archive, destination: null, command: inv.command }];
};

const USER_VALUED = new Set([
  '-u',
  '--uid',
  '-g',
  '--gid',
  '-G',
  '--groups',
  '-d',
  '--home',
  '--home-dir',
  '-s',
  '--shell',
  '-c',
  '--comment',
  '--gecos',
  '-h',
  '-k',
  '--skel',
  '-e',
  '--expiredate',
  '-f',
  '--inactive',
  '-K',
  '--key',
  '-p',
  '--password',
  '--ingroup',
  '--firstuid',
  '--lastuid',
  '-b',
  '--base-dir',
  '-R',
  '--root',
  '-Z',
]);

/** useradd, adduser, groupadd, addgroup: the name is the last positional (adduser NAME GROUP adds to a group). */
export const userAdd: Detector = (inv) => {
  const short = inv.name === 'adduser' || inv.name === 'addgroup' ? 'ugshkG' : 'ugGdscefkKpbRZ';
  const p = parseArgs(inv.args, USER_VALUED, short);
  const positionals = p.positionals;
  const name =
    (inv.name === 'adduser' && positionals.length >= 2
      ? positionals[0]
      : positionals[positionals.length - 1]) ?? null;
  const group = inv.name === 'groupadd' || inv.name === 'addgroup';
  return [
    {
      kind: 'user-add',
      name,
      command: inv.command,
      tool: inv.name,
      group,
      system: inv.args.some((a) => a === '--system' || (/^-[A-Za-z]+$/.test(a) && /[rS]/.test(a))),
      dialect: userDialect(inv.name, inv.args),
    },
  ];
};

/** Which account tool's flags these are (see the user-add effect's `dialect`). */
function userDialect(name: string, args: string[]): 'shadow' | 'busybox' | 'debian' | 'any' {
  if (name === 'useradd' || name === 'groupadd') return 'shadow';
  if (args.some((a) => a.startsWith('--'))) return 'debian';
  // BusyBox's own short flags; Debian's adduser rejects them (-S, -D) or reads them differently.
  if (args.some((a) => /^-[A-Za-z]*[SDHG]/.test(a))) return 'busybox';
  return 'any';
}

/** Folders whose contents are scratch space: a `cd` there is a detour, not a working folder. */
const TEMPORARY_DIR = /^\/(tmp|var\/tmp|dev\/shm)(\/|$)/;

export const cd: Detector = (inv, ctx) => {
  const target = inv.args.find((a) => a !== '-P' && a !== '-L') ?? '~';
  const path = normalisePath(target, inv, ctx);
  // `cd "$(mktemp -d)"`, or `cd "$dir"` after `dir=$(mktemp -d)` (the variable is not resolved).
  const temporary =
    TEMPORARY_DIR.test(path) || /\bmktemp\b/.test(path) || (/^\$/.test(path) && ctx.memo.has(MKTEMP_DIR));
  return [{ kind: 'chdir', path, command: inv.command, ...(temporary ? { temporary } : {}) }];
};

const MKTEMP_DIR = 'mktemp-dir';

/** `mktemp -d` makes no lasting file; it is remembered so that a later `cd "$dir"` is a detour. */
export const mktemp: Detector = (inv, ctx) => {
  if (inv.args.some((a) => a === '-d' || a === '--directory' || /^-[A-Za-z]*d/.test(a)))
    ctx.memo.set(MKTEMP_DIR, '1');
  return [];
};

const CONFIGURE_PREFIX = 'configure-prefix';

/** `./configure --prefix=DIR`: remembered for a later `make install` in the same RUN. */
export const configure: Detector = (inv, ctx) => {
  const prefix = value(parseArgs(inv.args, new Set(['--prefix'])), '--prefix');
  if (prefix !== null) ctx.memo.set(CONFIGURE_PREFIX, prefix);
  return [];
};

export const make: Detector = (inv, ctx) => {
  const p = parseArgs(inv.args, new Set(['-C', '-f', '-j', '--directory', '--file', '--jobs']), 'Cfj');
  const targets = p.positionals.filter((x) => !x.includes('='));
  if (targets.length > 0 && targets.every((t) => /^(clean|distclean|help|check|test)$/.test(t))) return [];
  const configurePrefix = ctx.memo.get(CONFIGURE_PREFIX);
  const effect = build(inv, 'make', targets[0] ?? null, null);
  return [configurePrefix !== undefined && effect.kind === 'build' ? { ...effect, configurePrefix } : effect];
};

export const cmake: Detector = (inv) => {
  const p = parseArgs(
    inv.args,
    new Set([
      '--build',
      '-B',
      '-S',
      '-G',
      '--target',
      '-t',
      '--install',
      '--prefix',
      '-j',
      '--parallel',
      '--config',
    ]),
    'BSGtj',
  );
  if (has(p, '--install')) return [build(inv, 'cmake', 'install', value(p, '--prefix'))];
  if (has(p, '--build')) return [build(inv, 'cmake', value(p, '--target', '-t'), value(p, '--build'))];
  return [build(inv, 'cmake', 'configure', value(p, '-B'))];
};

export const compiler: Detector = (inv) => {
  if (inv.args.length === 0 || inv.args.some((a) => a === '--version' || a === '-v' || a === '-dumpmachine'))
    return [];
  const p = parseArgs(
    inv.args,
    new Set(['-o', '-I', '-L', '-l', '-D', '-x', '-include', '-MF', '-MT']),
    'oILlDx',
  );
  return [build(inv, 'gcc', null, value(p, '-o') ?? (has(p, '-c') ? null : 'a.out'))];
};

export const ninja: Detector = (inv) => {
  const p = parseArgs(inv.args, new Set(['-C', '-f', '-j']), 'Cfj');
  return [build(inv, 'ninja', p.positionals[0] ?? null, value(p, '-C'))];
};

export const FILE_DETECTORS: Record<string, Detector> = {
  rm,
  find,
  curl,
  wget,
  git,
  tar,
  gtar: tar,
  bsdtar: tar,
  unzip,
  gunzip: otherExtract,
  bunzip2: otherExtract,
  unxz: otherExtract,
  '7z': otherExtract,
  '7za': otherExtract,
  useradd: userAdd,
  adduser: userAdd,
  groupadd: userAdd,
  addgroup: userAdd,
  cd,
  pushd: cd,
  mktemp,
  configure,
  make,
  gmake: make,
  cmake,
  ninja,
  gcc: compiler,
  'g++': compiler,
  cc: compiler,
  'c++': compiler,
  clang: compiler,
  'clang++': compiler,
};
