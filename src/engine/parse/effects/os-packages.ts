// OS package managers: apt-get / apt / aptitude, apk, dnf / yum / microdnf, zypper.
import type { Effect, PackageManager } from '../../model';
import { basename, cacheClean, has, install, parseArgs, remove, spec, update, value } from './args';
import type { Detector, Invocation } from './args';

const APT_VALUED = new Set([
  '-o',
  '-c',
  '-t',
  '--option',
  '--config-file',
  '--target-release',
  '--default-release',
]);
const APT_VERSION = /[=/]/;

/** apt-get, apt, aptitude. */
export const apt: Detector = (inv) => {
  const p = parseArgs(inv.args, APT_VALUED, 'oct');
  const [sub, ...rest] = p.positionals;
  const aptOptions = [...collectAptOptions(inv.args)];
  const assumeYes =
    has(p, '-y', '--yes', '--assume-yes') ||
    aptOptions.some((o) => /^APT::Get::Assume-Yes=(true|1|yes)$/i.test(o)) ||
    (inv.name === 'aptitude' && has(p, '-y'));
  switch (sub) {
    case 'update':
      return [update(inv, 'apt')];
    case 'upgrade':
    case 'dist-upgrade':
    case 'full-upgrade':
      return [{ kind: 'package-upgrade', manager: 'apt', command: inv.command }];
    case 'install':
    case 'reinstall': {
      const noRecommends =
        has(p, '--no-install-recommends') ||
        aptOptions.some((o) => /^APT::Install-Recommends=(false|0|no)$/i.test(o)) ||
        (inv.name === 'aptitude' && has(p, '--without-recommends', '-R'));
      const packages = rest
        .filter((x) => !x.endsWith('.deb') || x.includes('='))
        .map((x) => spec(x, APT_VERSION));
      const debs = rest.filter((x) => x.endsWith('.deb') && !x.includes('='));
      return [
        install(inv, {
          manager: 'apt',
          packages: [...packages, ...debs.map((d) => ({ name: d, version: null, raw: d }))],
          noRecommends,
          assumeYes,
          flags: p.flags,
        }),
      ];
    }
    case 'remove':
    case 'purge':
      return [
        remove(
          inv,
          'apt',
          rest.map((x) => spec(x, APT_VERSION)),
          {
            purge: sub === 'purge' || has(p, '--purge'),
            autoremove: has(p, '--auto-remove', '--autoremove'),
          },
        ),
      ];
    case 'autoremove':
      // `apt-get autoremove NAMES` removes the named packages too, with what only they needed.
      return [
        remove(
          inv,
          'apt',
          rest.map((x) => spec(x, APT_VERSION)),
          { purge: has(p, '--purge'), autoremove: true },
        ),
      ];
    case 'clean':
    case 'autoclean':
      return [cacheClean(inv, 'apt-archives', ['/var/cache/apt/archives'])];
    case 'distclean':
    case 'dist-clean':
      // apt 2.7+: clean, and also the package lists.
      return [
        cacheClean(inv, 'apt-archives', ['/var/cache/apt/archives']),
        cacheClean(inv, 'apt-lists', ['/var/lib/apt/lists']),
      ];
    default:
      return [];
  }
};

function* collectAptOptions(args: string[]): Generator<string> {
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '-o' || args[i] === '--option') && i + 1 < args.length) yield args[i + 1];
    else if (args[i].startsWith('-o') && args[i].length > 2 && !args[i].startsWith('--'))
      yield args[i].slice(2);
    else if (args[i].startsWith('--option=')) yield args[i].slice('--option='.length);
  }
}

const APK_VALUED = new Set([
  '-t',
  '--virtual',
  '-X',
  '--repository',
  '-p',
  '--root',
  '--arch',
  '--cache-dir',
  '--keys-dir',
  '--repositories-file',
  '--cache-max-age',
  '--timeout',
]);
const APK_VERSION = /[=~<>]/;

/** apk (Alpine). apk never prompts; it has no "recommends", so noRecommends is true. */
export const apk: Detector = (inv) => {
  const p = parseArgs(inv.args, APK_VALUED, 'tXp');
  const [sub, ...rest] = p.positionals;
  const out: Effect[] = [];
  switch (sub) {
    case 'update':
      return [update(inv, 'apk')];
    case 'upgrade':
      return [{ kind: 'package-upgrade', manager: 'apk', command: inv.command }];
    case 'add': {
      if (has(p, '-U', '--update', '--update-cache')) out.push(update(inv, 'apk'));
      out.push(
        install(inv, {
          manager: 'apk',
          packages: rest.map((x) => spec(x, APK_VERSION)),
          noCache: has(p, '--no-cache'),
          noRecommends: true,
          assumeYes: true,
          virtualName: value(p, '-t', '--virtual'),
          flags: p.flags,
        }),
      );
      return out;
    }
    case 'del':
      return [
        remove(
          inv,
          'apk',
          rest.map((x) => spec(x, APK_VERSION)),
          { purge: has(p, '--purge') },
        ),
      ];
    case 'cache':
      if (rest[0] === 'clean' || rest[0] === 'purge') return [cacheClean(inv, 'apk', ['/var/cache/apk'])];
      return [];
    default:
      return [];
  }
};

const RPM_VALUED = new Set([
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '--installroot',
  '--releasever',
  '-c',
  '--config',
  '--exclude',
  '-x',
  '--repo',
  '--repofrompath',
]);

const RPM_SUBCOMMANDS: Record<string, string> = {
  in: 'install',
  rei: 'reinstall',
  up: 'upgrade',
  update: 'upgrade',
  'upgrade-minimal': 'upgrade',
  'up-min': 'upgrade',
  'update-minimal': 'upgrade',
  'distro-sync': 'upgrade',
  dsync: 'upgrade',
};

/** dnf, yum, microdnf (and tdnf, which behaves like dnf). */
export const rpm: Detector = (inv) => {
  const manager: PackageManager = inv.name === 'yum' ? 'yum' : inv.name === 'microdnf' ? 'microdnf' : 'dnf';
  const p = parseArgs(inv.args, RPM_VALUED, 'cx');
  const [written, ...rest] = p.positionals;
  // dnf's short aliases; `dnf upgrade` also downloads packages into the cache.
  const sub = RPM_SUBCOMMANDS[written] ?? written;
  const setopts = inv.args.flatMap((a, i) =>
    a.startsWith('--setopt=') ? [a.slice(9)] : a === '--setopt' && inv.args[i + 1] ? [inv.args[i + 1]] : [],
  );
  const assumeYes = manager === 'microdnf' || has(p, '-y', '--assumeyes');
  switch (sub) {
    case 'module':
      // `dnf module install name:stream`: a module is pinned by its stream.
      if (rest[0] !== 'install') return [];
      return [
        install(inv, {
          manager,
          packages: rest.slice(1).map((x) => spec(x, /:/)),
          assumeYes,
          flags: p.flags,
        }),
      ];
    case 'upgrade':
      return [install(inv, { manager, packages: [], assumeYes, flags: p.flags })];
    case 'install':
    case 'reinstall':
    case 'groupinstall':
    case 'localinstall': {
      const noRecommends =
        setopts.some((o) => /^install_weak_deps=(false|0|no)$/i.test(o)) || has(p, '--no-install-weak-deps');
      return [
        install(inv, {
          manager,
          packages: rest.filter((x) => x !== 'install').map((x) => ({ name: x, version: null, raw: x })),
          noRecommends,
          assumeYes,
          flags: p.flags,
        }),
      ];
    }
    case 'makecache':
    case 'check-update':
      return [update(inv, manager)];
    case 'remove':
    case 'erase':
      return [
        remove(
          inv,
          manager,
          rest.map((x) => ({ name: x, version: null, raw: x })),
        ),
      ];
    case 'autoremove':
      // `dnf autoremove NAMES` removes the named packages with what only they needed.
      return [
        remove(
          inv,
          manager,
          rest.map((x) => ({ name: x, version: null, raw: x })),
          { autoremove: true },
        ),
      ];
    case 'clean':
      if (
        rest.length === 0 ||
        rest.some((r) => ['all', 'packages', 'metadata', 'dbcache', 'expire-cache'].includes(r))
      ) {
        return [
          cacheClean(inv, manager === 'yum' ? 'yum' : 'dnf', [
            manager === 'yum' ? '/var/cache/yum' : '/var/cache/dnf',
          ]),
        ];
      }
      return [];
    default:
      return [];
  }
};

const ZYPPER_VALUED = new Set(['--root', '-R', '--repo', '-r', '--from']);

/** zypper (openSUSE / SLES). */
export const zypper: Detector = (inv) => {
  const p = parseArgs(inv.args, ZYPPER_VALUED, 'Rr');
  const [sub, ...rest] = p.positionals;
  const assumeYes = has(p, '-n', '--non-interactive', '-y', '--no-confirm');
  switch (sub) {
    case 'refresh':
    case 'ref':
      return [update(inv, 'zypper')];
    case 'install':
    case 'in':
      return [
        install(inv, {
          manager: 'zypper',
          packages: rest.map((x) => spec(x, /[=<>]/)),
          noRecommends: has(p, '--no-recommends'),
          assumeYes,
          flags: p.flags,
        }),
      ];
    case 'remove':
    case 'rm':
      return [
        remove(
          inv,
          'zypper',
          rest.map((x) => ({ name: x, version: null, raw: x })),
          { autoremove: has(p, '-u', '--clean-deps') },
        ),
      ];
    case 'clean':
    case 'cc':
      return [cacheClean(inv, 'zypper', ['/var/cache/zypp'])];
    default:
      return [];
  }
};

/** dpkg -i file.deb (installs through the apt database), dpkg -r / -P / --purge. */
export const dpkg: Detector = (inv) => {
  const args = inv.args;
  const files = args.filter((a) => !a.startsWith('-'));
  if (args.some((a) => a === '-i' || a === '--install')) {
    return [
      install(inv, {
        manager: 'apt',
        packages: files.map((f) => ({ name: f, version: null, raw: f })),
        fromManifest: null,
        assumeYes: true,
        noRecommends: true, // dpkg never pulls recommended packages
        flags: args.filter((a) => a.startsWith('-')),
      }),
    ];
  }
  const purge = args.some((a) => a === '-P' || a === '--purge');
  if (purge || args.some((a) => a === '-r' || a === '--remove')) {
    return [
      remove(
        inv,
        'apt',
        files.map((f) => ({ name: f, version: null, raw: f })),
        { purge },
      ),
    ];
  }
  return [];
};

/**
 * apt-mark auto/manual: Debian's official images mark everything auto, then the packages they
 * keep manual again (the saved list, named runtime libraries, or an ldd scan piped in by xargs).
 */
const aptMark: Detector = (inv) => {
  const [sub, ...names] = inv.args.filter((a) => !a.startsWith('-'));
  if (sub !== 'auto' && sub !== 'manual') return [];
  const piped = basename(inv.source.name) === 'xargs';
  return [
    {
      kind: 'package-mark',
      manager: 'apt',
      mark: sub,
      packages: names.map((n) => spec(n, APT_VERSION)),
      piped,
      command: inv.command,
    },
  ];
};

export const OS_DETECTORS: Record<string, Detector> = {
  dpkg,
  'apt-mark': aptMark,
  'apt-get': apt,
  apt,
  aptitude: apt,
  apk,
  dnf: rpm,
  yum: rpm,
  microdnf: rpm,
  tdnf: rpm,
  zypper,
};

export type { Invocation };
