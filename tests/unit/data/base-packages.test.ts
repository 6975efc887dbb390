// Each Debian base's installed packages are the ones repo-info publishes for that image, not a
// set computed from another distribution's rules (bookworm's base has usr-is-merged, not
// usrmerge and the perl it would pull in).
import { describe, expect, it } from 'vitest';
import published from '../../../src/data/debian-base-packages.json';
import { computedDebianBaseSet, debianBaseSet, packageSizer } from '../../../src/engine/size/packages';
import { baseImages } from '../../../src/engine/size/catalog';
import { binaryPackages } from '../../../scripts/data/parse-repo-info-packages';

const suites = published.suites as Record<
  'bullseye' | 'bookworm' | 'trixie',
  { source: string; packages: string[] }
>;

describe('Debian base package sets', () => {
  it('bullseye, bookworm and trixie bases match the published package lists exactly', () => {
    for (const suite of ['bullseye', 'bookworm', 'trixie'] as const) {
      const list = suites[suite];
      expect(list.source).toMatch(/^docker-library\/repo-info repos\/debian\/local\/.+\.md@[0-9a-f]{40}/);
      expect([...debianBaseSet(suite)].sort()).toEqual([...list.packages].sort());
    }
    expect(suites.bookworm.packages).toHaveLength(88);
    expect(suites.trixie.packages).toHaveLength(78);
    expect(suites.bullseye.packages).toHaveLength(96);
  });

  it("bullseye's published base is its computed minbase (no usrmerge alternative yet), with OpenSSL 1.1", () => {
    expect([...computedDebianBaseSet('bullseye')].sort()).toEqual([...suites.bullseye.packages].sort());
    const base = debianBaseSet('bullseye');
    expect(base.has('libssl1.1')).toBe(true);
    expect(base.has('libffi7')).toBe(true);
    expect(base.has('usr-is-merged')).toBe(false);
  });

  it('bookworm has usr-is-merged and perl-base, not usrmerge or perl', () => {
    const base = debianBaseSet('bookworm');
    expect(base.has('usr-is-merged')).toBe(true);
    expect(base.has('perl-base')).toBe(true);
    for (const p of ['usrmerge', 'perl', 'perl-modules-5.36', 'libperl5.36'])
      expect(base.has(p), p).toBe(false);
    // The computed closure shows why the published list is needed: its first alternative differs.
    expect(computedDebianBaseSet('bookworm')).toContain('usrmerge');
    // On trixie the computed minbase agrees with the published image.
    expect([...computedDebianBaseSet('trixie')].sort()).toEqual([...suites.trixie.packages].sort());
  });

  it('the catalog uses them: installing perl on debian:bookworm-slim is not free any more', () => {
    const entry = baseImages.resolve('debian:bookworm-slim').entry!;
    const installed = baseImages.installedPackages(entry)!;
    expect(installed.has('perl')).toBe(false);
    const r = packageSizer.osInstall('debian', 'bookworm', ['perl'], { recommends: false, installed });
    expect(r.packages).toContain('perl');
    expect(r.installedBytes).toBeGreaterThan(15e6);
  });

  it('the extraction script reads binary package names from a repo-info local file', () => {
    const md = [
      '### `dpkg` source package: `util-linux=2.41-5`',
      '',
      'Binary Packages:',
      '',
      '- `bsdutils=1:2.41-5`',
      '- `libblkid1:amd64=2.41-5`',
      '',
      'Licenses: (parsed from: `/usr/share/doc/bsdutils/copyright`)',
      '',
      '- `BSD-2-clause`',
    ].join('\n');
    expect(binaryPackages(md)).toEqual(['bsdutils', 'libblkid1']);
  });
});
