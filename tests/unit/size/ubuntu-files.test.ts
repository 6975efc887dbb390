// What an apt install on an Ubuntu image writes: Ubuntu's builds strip the upstream changelogs
// Debian's .debs carry, and the image's dpkg path-excludes (which changed in 21.10) drop docs,
// man pages and translations. Checked against the measured table and a published layer.
import { beforeAll, describe, expect, it } from 'vitest';
import table from '../../../src/data/debian-package-files.json';
import truth from '../../../scripts/data/ubuntu-layer-packages.json';
import { changelogKinds, ubuntuDrops } from '../../../scripts/data/measure-deb-files';
import { ubuntuProfile, ubuntuRow } from '../../../src/engine/size/ubuntu-files';
import { excludeProfile, packageFiles } from '../../../src/engine/size/package-files';
import { packageSizer } from '../../../src/engine/size/packages';
import { baseImages } from '../../../src/engine/size/catalog';
import { estimate, osOf, own, ready } from './helpers';

const suites = table.suites as Record<string, Record<string, number[]>>;
const at = (row: number[], name: string) => row[table.layout.indexOf(name)];

beforeAll(ready);

describe('which changelogs an Ubuntu image keeps', () => {
  const files: [string, number][] = [
    ['./usr/share/doc/gpg/changelog.Debian.gz', 9_000],
    ['./usr/share/doc/gpg/changelog.gz', 430_000],
    ['./usr/share/doc/gpg/copyright', 5_000],
    ['./usr/share/doc/gpg/NEWS.gz', 20_000],
    ['./usr/share/doc/netbase/changelog.gz', 3_000],
    ['./usr/share/man/man1/gpg.1.gz', 40_000],
    ['./usr/share/locale/de/LC_MESSAGES/gnupg2.mo', 200_000],
    ['./usr/bin/gpg', 1_000_000],
  ];

  it('a non-native package’s changelog.gz is upstream’s; a native package’s is its Debian changelog', () => {
    const { upstream, native } = changelogKinds(files);
    expect([...upstream]).toEqual(['./usr/share/doc/gpg/changelog.gz']);
    expect([...native]).toEqual(['./usr/share/doc/netbase/changelog.gz']);
  });

  it('keeps binaries, copyright and the Debian changelog; drops docs, man pages, .mo and upstream logs', () => {
    const { upstream } = changelogKinds(files);
    const kept = files.filter(([p]) => !ubuntuDrops(p, upstream)).map(([p]) => p);
    expect(kept).toEqual([
      './usr/share/doc/gpg/changelog.Debian.gz',
      './usr/share/doc/gpg/copyright',
      './usr/share/doc/netbase/changelog.gz',
      './usr/bin/gpg',
    ]);
  });

  it('20.04 images keep only changelog.Debian.*; 21.10 on keep changelog.* (livecd-rootfs)', () => {
    expect(ubuntuProfile('20.04')).toBe('ubuntu-focal');
    expect(ubuntuProfile('22.04')).toBe('ubuntu');
    expect(ubuntuProfile('24.04')).toBe('ubuntu');
    expect(excludeProfile(osOf('ubuntu:20.04'))).toBe('ubuntu-focal');
    expect(excludeProfile(osOf('ubuntu:22.04'))).toBe('ubuntu');
  });
});

describe('measured Ubuntu columns', () => {
  it('bullseye’s gnupg binaries each carry upstream’s changelog, measured; trixie’s do not', () => {
    for (const p of ['gpg', 'gpgsm', 'dirmngr', 'gpg-agent'])
      expect(at(suites.bullseye[p], 'changelogUpstream')).toBeGreaterThan(300_000);
    expect(at(suites.trixie.gpg, 'changelogUpstream')).toBeLessThan(50_000);
  });

  it('the payload Ubuntu keeps compresses to less than the whole payload', () => {
    const gpg = suites.bullseye.gpg;
    expect(at(gpg, 'ubuntuGzipBytes')).toBeLessThan(at(gpg, 'gzipBytes'));
    // The upstream changelog is gzip'd already: dropping it takes about its own size off the gzip.
    const saved = at(gpg, 'gzipBytes') - at(gpg, 'ubuntuGzipBytes');
    expect(saved).toBeGreaterThan(at(gpg, 'changelogUpstream') * 0.9);
    const u = ubuntuRow(table.layout, gpg, 'ubuntu')!;
    expect(u.gzipPerByte * at(gpg, 'fileBytes')).toBe(at(gpg, 'ubuntuGzipBytes'));
    expect(ubuntuRow(table.layout, gpg.slice(0, 10), 'ubuntu')).toBeNull();
  });

  it('20.04 drops a native package’s changelog too', () => {
    const row = suites.bullseye['ca-certificates'];
    expect(at(row, 'changelogNative')).toBeGreaterThan(0);
    const jammy = ubuntuRow(table.layout, row, 'ubuntu')!;
    const focal = ubuntuRow(table.layout, row, 'ubuntu-focal')!;
    expect(focal.droppedShare).toBeGreaterThan(jammy.droppedShare);
    expect(focal.gzipPerByte).toBeLessThan(jammy.gzipPerByte);
  });
});

describe('an Ubuntu 22.04 install layer', () => {
  const layer = truth.layers[0];

  it('installs the packages the published image added (repo-info), under bullseye’s names', () => {
    const res = packageSizer.osInstall(
      'ubuntu',
      '22.04',
      layer.install
        .split(/\s+/)
        .slice(2)
        .filter((w) => !w.startsWith('-')),
      {
        recommends: false,
        installed: baseImages.installedPackages(baseImages.resolve(layer.base).entry!),
      },
    );
    expect(res.packages).toHaveLength(layer.added.length);
    const same = res.packages.filter((p) => layer.added.includes(p));
    // Ubuntu's curl links libssh, not libssh2 (ubuntu-depends.ts); jammy has OpenLDAP 2.5, which
    // bullseye's table holds as 2.4: one library differs, by version only.
    expect(same.length).toBe(layer.added.length - 1);
    expect(res.packages.filter((p) => !layer.added.includes(p)).sort()).toEqual(['libldap-2.4-2']);
    expect(res.basis).toMatch(/Ubuntu's curl links libssh, not libssh2/);
  });

  it('counts no upstream changelog: the gnupg layer is smaller than Debian’s by them', () => {
    const gnupg = ['dirmngr', 'gnupg', 'gnupg-l10n', 'gnupg-utils', 'gpg', 'gpg-agent', 'gpgconf', 'gpgsm'];
    const ubuntu = packageFiles(osOf('ubuntu:22.04'), gnupg)!;
    const upstream = gnupg.reduce((n, p) => n + at(suites.bullseye[p], 'changelogUpstream'), 0);
    expect(upstream).toBeGreaterThan(3e6);
    expect(ubuntu.excludedBytes).toBeGreaterThan(upstream);
    const built = own(
      estimate(
        `FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends ${gnupg.join(' ')} && rm -rf /var/lib/apt/lists/*`,
      ),
    )[0];
    expect(built.basis).toMatch(/upstream changelogs its builds strip/);
  });
});
