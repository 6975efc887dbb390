// Measures the truth for the savings benchmark (`npm run bench:accuracy`): what a cache or an
// avoided package set really costs, from real installs on this machine.
//   * npm-cache: `npm install -g <pkg>` with a scratch prefix and cache (the npm registry is
//     reachable); the cache directory's size is what `npm cache clean --force` removes.
//   * apt-recommends: apt's own resolver (`apt-get install -s`, with and without
//     --no-install-recommends) over Debian's index read through this machine's apt configuration
//     (scratch Dir::State::Lists) and a dpkg status holding the published debian:<suite> base
//     packages; the saving is the Installed-Size of the packages only the Recommends pull in.
//   * apt-lists: scripts/data/measure-apt-lists.ts (its figures are copied here by hand).
//   * pipCache: scripts/data/measure-pip-wheels.ts (published wheel sizes from uv.lock files)
//     writes that section itself; rerun it after this script, which does not keep it.
// Usage: npx tsx scripts/data/measure-savings.ts > scripts/data/savings-truth.json
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import base from '../../src/data/debian-base-packages.json';

function du(p: string): number {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, f) => n + du(join(p, f)), 0);
}

const NPM_GLOBALS = ['typescript', 'nodemon', 'pm2', 'serve', '@nestjs/cli', '@angular/cli'];

function npmGlobal(pkg: string): { cacheBytes: number; installedBytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'npm-global-'));
  try {
    execFileSync(
      'npm',
      ['install', '-g', pkg, '--prefix', join(dir, 'prefix'), '--cache', join(dir, 'cache')],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' },
      },
    );
    return {
      cacheBytes: du(join(dir, 'cache')),
      installedBytes: du(join(dir, 'prefix', 'lib', 'node_modules')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const APT_PACKAGES = ['curl', 'git', 'python3', 'imagemagick', 'nginx', 'build-essential', 'wget'];

/** The Debian main archive URI and keyring from this machine's deb822 sources. */
function debianSource(): { uri: string; signedBy: string | null } {
  const dir = '/etc/apt/sources.list.d';
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.sources')))
    for (const block of readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/)) {
      const uri = /^URIs:\s*(\S+)/m.exec(block)?.[1];
      const suites = /^Suites:\s*(.*)$/m.exec(block)?.[1] ?? '';
      if (uri && /\bmain\b/.test(block) && !/-security/.test(suites))
        return { uri, signedBy: /^Signed-By:\s*(\S+)/m.exec(block)?.[1] ?? null };
    }
  throw new Error('no Debian archive in the apt sources of this machine');
}

function aptRecommends(
  suite: 'bookworm' | 'trixie',
): Record<
  string,
  { withRecommends: number; without: number; savingBytes: number; recommendsOnly: string[] }
> {
  const dir = mkdtempSync(join(tmpdir(), `apt-rec-${suite}-`));
  const lists = join(dir, 'lists');
  mkdirSync(join(lists, 'partial'), { recursive: true });
  mkdirSync(join(dir, 'cache', 'archives', 'partial'), { recursive: true });
  const { uri, signedBy } = debianSource();
  writeFileSync(
    join(dir, 'sources.list'),
    `deb [arch=amd64${signedBy ? ` signed-by=${signedBy}` : ''}] ${uri} ${suite} main\n`,
  );
  const opts = [
    ...['-o', 'APT::Sandbox::User=root', '-o', `Dir::State::Lists=${lists}`],
    ...['-o', `Dir::Etc::SourceList=${join(dir, 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=-'],
    ...['-o', `Dir::Cache=${join(dir, 'cache')}`, '-o', 'APT::Architectures=amd64'],
    ...['-o', 'Acquire::Languages=none', '-o', `Dir::State::status=${join(dir, 'status')}`],
    ...['-o', 'Dir::Etc::Preferences=/dev/null', '-o', 'Dir::Etc::PreferencesParts=-'],
  ];
  writeFileSync(join(dir, 'status'), '');
  try {
    execFileSync('apt-get', ['update', '-qq', ...opts], { stdio: ['ignore', 'ignore', 'inherit'] });
    // The Packages index, read back through apt: Installed-Size per package, and stanzas for the
    // base packages, which become the dpkg status ("install ok installed").
    const sizes = new Map<string, number>();
    const baseNames = new Set((base.suites as Record<string, { packages: string[] }>)[suite].packages);
    const statusParts: string[] = [];
    const pkgFile = readdirSync(lists).find((f) => /_main_binary-amd64_Packages/.test(f))!;
    const text = execFileSync('/usr/lib/apt/apt-helper', ['cat-file', join(lists, pkgFile)], {
      maxBuffer: 1 << 30,
    }).toString();
    for (const stanza of text.split('\n\n')) {
      const name = /^Package: (\S+)/m.exec(stanza)?.[1];
      if (!name) continue;
      sizes.set(name, Number(/^Installed-Size: (\d+)/m.exec(stanza)?.[1] ?? 0) * 1024);
      if (baseNames.has(name))
        statusParts.push(stanza.replace(/^(Package: .*)$/m, '$1\nStatus: install ok installed'));
    }
    writeFileSync(join(dir, 'status'), statusParts.join('\n\n') + '\n\n');
    const out: ReturnType<typeof aptRecommends> = {};
    for (const pkg of APT_PACKAGES) {
      const set = (noRec: boolean) => {
        const args = ['install', '-s', '-y', ...(noRec ? ['--no-install-recommends'] : []), pkg, ...opts];
        const sim = execFileSync('apt-get', args, { maxBuffer: 1 << 26 }).toString();
        return new Set([...sim.matchAll(/^Inst (\S+)/gm)].map((m) => m[1]));
      };
      const all = set(false);
      const without = set(true);
      const only = [...all].filter((p) => !without.has(p)).sort();
      const sum = (s: Iterable<string>) => [...s].reduce((n, p) => n + (sizes.get(p) ?? 0), 0);
      out[pkg] = {
        withRecommends: sum(all),
        without: sum(without),
        savingBytes: sum(only),
        recommendsOnly: only,
      };
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const npm: Record<string, { cacheBytes: number; installedBytes: number }> = {};
for (const p of NPM_GLOBALS) npm[p] = npmGlobal(p);
console.log(
  JSON.stringify(
    {
      about: 'Measured savings truth for scripts/bench-accuracy.ts; see scripts/data/measure-savings.ts.',
      measured: new Date().toISOString().slice(0, 10),
      npmGlobalCache: npm,
      aptRecommends: { bookworm: aptRecommends('bookworm') },
      aptLists: {
        source: 'scripts/data/measure-apt-lists.ts, 2026-12-03 (docker-gzip-indexes, on disk)',
        bookworm: 19873256,
        trixie: 21671804,
      },
    },
    null,
    1,
  ),
);
