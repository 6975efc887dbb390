// Ubuntu is sized from the Debian suite of its generation: its base image's own published package
// set, and the names Ubuntu uses mapped onto the suite's (t64 renames, other library versions),
// each mapping said in the basis rather than guessed silently.
import { describe, expect, it } from 'vitest';
import published from '../../../src/data/debian-base-packages.json';
import { debianIndex, packageSizer, ubuntuBaseSet } from '../../../src/engine/size/packages';
import { mapReleaseName } from '../../../src/engine/size/name-map';
import { baseImages } from '../../../src/engine/size/catalog';

describe('Ubuntu base package set', () => {
  it('ubuntu:24.04 holds the packages repo-info publishes for it, not Debian trixie’s', () => {
    const list = published.ubuntu.releases['24.04'];
    expect(list.source).toMatch(/^docker-library\/repo-info repos\/ubuntu\/local\/24\.04\.md@[0-9a-f]{40}/);
    const installed = baseImages.installedPackages(baseImages.resolve('ubuntu:24.04').entry!)!;
    expect([...installed].sort()).toEqual([...list.packages].sort());
    expect(installed.has('ubuntu-keyring')).toBe(true);
    expect(installed.has('debian-archive-keyring')).toBe(false);
    expect(installed.has('libssl3t64')).toBe(true);
  });

  it('ubuntu:22.04 holds its own published list: jammy predates the t64 renames', () => {
    const list = published.ubuntu.releases['22.04'];
    expect(list.source).toMatch(/^docker-library\/repo-info repos\/ubuntu\/local\/22\.04\.md@[0-9a-f]{40}/);
    const installed = baseImages.installedPackages(baseImages.resolve('ubuntu:22.04').entry!)!;
    expect([...installed].sort()).toEqual([...list.packages].sort());
    expect(installed.has('libssl3')).toBe(true);
    expect(installed.has('libssl3t64')).toBe(false);
    expect(installed.has('debian-archive-keyring')).toBe(false);
    // Different from 24.04's set, not a copy of it.
    expect(list.packages).not.toEqual(published.ubuntu.releases['24.04'].packages);
  });

  it('ubuntu:20.04 holds its own published list (focal, repo-info focal-20221130)', () => {
    const list = published.ubuntu.releases['20.04'];
    expect(list.source).toMatch(
      /^docker-library\/repo-info repos\/ubuntu\/local\/focal-20221130\.md@[0-9a-f]{40}/,
    );
    const installed = baseImages.installedPackages(baseImages.resolve('ubuntu:20.04').entry!)!;
    expect([...installed].sort()).toEqual([...list.packages].sort());
    expect(list.packages).toHaveLength(92);
    // Focal's own library generation, not bookworm's: libffi7, nettle 3.5, no OpenSSL 3 in the base.
    expect(installed.has('libffi7')).toBe(true);
    expect(installed.has('libnettle7')).toBe(true);
    expect(installed.has('libffi8')).toBe(false);
    expect(installed.has('libssl3')).toBe(false);
    expect(installed.has('debian-archive-keyring')).toBe(false);
  });

  it('a base library under another release’s name is not installed again (focal libffi7 is bookworm libffi8)', () => {
    const installed = baseImages.installedPackages(baseImages.resolve('ubuntu:20.04').entry!)!;
    const r = packageSizer.osInstall('ubuntu', '20.04', ['libffi-dev', 'libhogweed6'], {
      recommends: false,
      installed,
    });
    expect(r.packages).toEqual(['libffi-dev']);
    // The published names alone would count the base's libffi and nettle again.
    const raw = debianIndex('bookworm').closure(['libffi-dev', 'libhogweed6'], {
      recommends: false,
      installed,
    });
    expect(raw.packages).toEqual(expect.arrayContaining(['libffi-dev', 'libffi8', 'libhogweed6']));
  });

  it('a release without a published list falls back to null (the caller uses the Debian set)', () => {
    expect(ubuntuBaseSet('18.04')).toBeNull();
    expect(ubuntuBaseSet('22.04')?.has('libpcre3')).toBe(true);
    expect(ubuntuBaseSet(null)).toBeNull();
  });
});

describe('release name mapping', () => {
  it('maps the time_t renames both ways', () => {
    expect(mapReleaseName('libcurl4', debianIndex('trixie')).name).toBe('libcurl4t64');
    expect(mapReleaseName('libcurl4t64', debianIndex('bookworm')).name).toBe('libcurl4');
  });

  it('maps a versioned name to the nearest version of the same stem', () => {
    const m = mapReleaseName('python3.12', debianIndex('trixie'));
    expect(m.name).toMatch(/^python3\.1[3-9]$/);
    expect(m.why).toContain('python3.12');
    expect(mapReleaseName('libicu74', debianIndex('trixie')).name).toMatch(/^libicu\d+$/);
    // A dev package keeps its suffix.
    expect(mapReleaseName('python3.12-dev', debianIndex('trixie')).name).toMatch(/^python3\.\d+-dev$/);
  });

  it('leaves known names alone and unknown stems unknown', () => {
    expect(mapReleaseName('curl', debianIndex('trixie'))).toEqual({ asked: 'curl', name: 'curl', why: null });
    expect(mapReleaseName('no-such-package-xyz', debianIndex('trixie')).name).toBeNull();
  });

  it('an Ubuntu 24.04 install of libcurl4 is sized, with the mapping in its basis', () => {
    const installed = baseImages.installedPackages(baseImages.resolve('ubuntu:24.04').entry!)!;
    const r = packageSizer.osInstall('ubuntu', '24.04', ['libcurl4'], { recommends: false, installed });
    expect(r.unknown).toEqual([]);
    expect(r.packages).toContain('libcurl4t64');
    expect(r.installedBytes).toBeGreaterThan(500_000);
    expect(r.basis).toMatch(/libcurl4 is libcurl4t64/);
    // A Debian suite asked by its own name is not remapped: apt there would fail on the old name.
    const d = packageSizer.osInstall('debian', 'trixie', ['libcurl4'], {
      recommends: false,
      installed: null,
    });
    expect(d.unknown).toEqual(['libcurl4']);
  });
});
