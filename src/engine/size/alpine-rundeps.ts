// The runtime libraries an Alpine build keeps when it computes them. Official images compile
// against a `--virtual .build-deps` group of -dev packages, list the shared objects the result
// links with (`scanelf --needed … | awk '{ print "so:" $1 }'`), install those as a second group
// (`apk add --virtual .x-rundeps $runDeps`, or the list piped through `xargs apk add`) and delete
// the build group. The names are only known when the image is built: each -dev package of the
// live build groups stands for its runtime library package (sqlite-dev → sqlite-libs, libffi-dev
// → libffi, curl-dev → libcurl), sized from the Alpine table. A runtime package the table does not
// measure is named and left out: a -dev package's whole Debian proxy closure would count what the
// build need not link (python's tk, excluded from its scan).
import { makeItem } from './ledger';
import { addItem, liveItems } from './context';
import { formatBytes } from '../primitives/bytes';
import { alpineRelease, alpineTable } from './alpine';
import type { PackageInstall, RunScope } from './commands/scope';

/** Alpine runtime packages named otherwise than the -dev package's stem. */
const RUNTIME_OF: Record<string, string> = {
  'bzip2-dev': 'libbz2',
  'ncurses-dev': 'libncursesw',
  'openldap-dev': 'libldap',
  'util-linux-dev': 'libuuid',
  'openssl-dev': 'libssl3',
  'libressl-dev': 'libssl3',
  'gettext-dev': 'libintl',
  'jpeg-dev': 'libjpeg-turbo',
  'libjpeg-turbo-dev': 'libjpeg-turbo',
  'pcre-dev': 'pcre',
  // musl's headers: the C library itself is in every image.
  'libc-dev': 'musl',
  'musl-dev': 'musl',
};

/**
 * -dev packages whose runtime a build does not link by default: dpkg-dev is a tool (the official
 * images call dpkg-architecture), and an interpreter or compiler is linked only when the build is
 * told to embed it (postgres's --with-python/--with-llvm), which the effects do not show, while a
 * C extension or a bindgen step (redis) installs it without linking it: not counted.
 */
const NOT_LINKED = /^(dpkg|python3|perl|tcl|tk|ruby|lua[\d.]*|llvm\d*|clang\d*)-dev$/;

/**
 * Whether an apk install's package list is computed as the build runs: piped in (`xargs apk add`,
 * no names) into a group, or a variable named for dependencies (`$runDeps`, php's pattern).
 */
function computedList(e: PackageInstall): boolean {
  if (e.packages.length === 0) return e.virtualName !== null;
  return e.packages.some(
    (p) => /^\$\{?\w*deps\b/i.test(p.name) || (e.virtualName !== null && p.name.startsWith('$')),
  );
}

/** The runtime package a -dev package stands for, when the table measures one. */
function runtimeOf(dev: string, release: string | null): string | null {
  const t = alpineTable();
  const stem = dev.replace(/-dev$/, '');
  for (const n of [RUNTIME_OF[dev], `${stem}-libs`, `lib${stem}`, stem]) {
    if (!n) continue;
    const hit = t.lookup(n, release);
    if (hit) return hit.name;
  }
  return null;
}

/**
 * For an `apk add --virtual <group>` whose names are computed, adds the runtime libraries of the
 * -dev packages in the build groups installed earlier in this RUN. Returns whether it did.
 */
export function scannedRuntimeLibraries(s: RunScope, e: PackageInstall): boolean {
  if (!computedList(e)) return false;
  // The -dev packages the build groups asked for, earlier in this RUN and still installed.
  const groups = new Set(s.layer.items.flatMap((i) => (i.manager === 'apk' && i.group ? [i.group] : [])));
  const asked = s.ins.shell.effects.flatMap((x) =>
    x.kind === 'package-install' &&
    x.manager === 'apk' &&
    x.command < e.command &&
    x.virtualName &&
    x.virtualName !== e.virtualName &&
    groups.has(x.virtualName)
      ? x.packages.map((p) => p.name)
      : [],
  );
  const devs = [...new Set(asked.filter((p) => p.endsWith('-dev') && !NOT_LINKED.test(p)))];
  if (!devs.length) return false;
  const release = alpineRelease(s.st.os.release);
  // What stays installed once the build groups go: the base and the packages of other installs.
  const kept = new Set(s.st.os.installed ?? []);
  for (const i of liveItems(s.st))
    if (!i.group && i.manager === 'apk') for (const p of i.packages ?? []) kept.add(p);
  const runtime = new Set<string>();
  const unmeasured: string[] = [];
  for (const d of devs) {
    const r = runtimeOf(d, release);
    if (!r) unmeasured.push(d);
    else if (!kept.has(r)) runtime.add(r);
  }
  if (!runtime.size && !unmeasured.length) return false;
  const res = s.ctx.deps.packages.osInstall('alpine', s.st.os.release, [...runtime], {
    recommends: false,
    installed: kept,
  });
  const names = [...runtime].sort();
  const label =
    `the build's runtime libraries, scanned from what it links (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}: ≈ ${formatBytes(res.installedBytes)}, the runtime packages of its -dev packages, measured Alpine sizes)` +
    (unmeasured.length ? `; no measured runtime package for ${unmeasured.join(', ')}` : '');
  addItem(
    s.st,
    s.layer,
    makeItem('apk-packages', '/usr/lib', res.installedBytes, 'low', label, {
      packages: [...new Set([...names, ...res.packages])],
      manager: 'apk',
      group: e.virtualName ?? null,
    }),
  );
  return true;
}
