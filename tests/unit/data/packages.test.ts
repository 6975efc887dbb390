import { describe, expect, it } from 'vitest';
import { baseImages } from '../../../src/engine/size/catalog';
import { packageSizer, debianIndex, debianSuiteFor } from '../../../src/engine/size/packages';

const MB = 1e6;
const slim = baseImages.resolve('debian:bookworm-slim').entry!;
const installed = baseImages.installedPackages(slim);

describe('Debian package tables', () => {
  it('load for bullseye, bookworm and trixie', () => {
    for (const s of ['bullseye', 'bookworm', 'trixie'] as const) {
      const ix = debianIndex(s);
      expect(ix.size).toBeGreaterThan(5000);
      expect(ix.has('curl')).toBe(true);
      expect(ix.installedBytes('curl')).toBeGreaterThan(0);
    }
  });
});

describe('osInstall on Debian', () => {
  it('curl on debian:bookworm-slim costs a plausible few MB', () => {
    const r = packageSizer.osInstall('debian', 'bookworm', ['curl'], { recommends: false, installed });
    expect(r.installedBytes).toBeGreaterThan(2 * MB);
    expect(r.installedBytes).toBeLessThan(30 * MB);
    expect(r.downloadBytes).toBeLessThan(r.installedBytes);
    expect(r.packages).toContain('curl');
    expect(r.confidence).toBe('high');
  });

  it('with Recommends costs at least as much as without', () => {
    for (const names of [['curl'], ['git'], ['python3'], ['build-essential']]) {
      const a = packageSizer.osInstall('debian', 'bookworm', names, { recommends: false, installed });
      const b = packageSizer.osInstall('debian', 'bookworm', names, { recommends: true, installed });
      expect(b.installedBytes, names.join()).toBeGreaterThanOrEqual(a.installedBytes);
    }
  });

  it('a package the base already has costs nothing', () => {
    const r = packageSizer.osInstall('debian', 'bookworm', ['bash', 'coreutils'], {
      recommends: false,
      installed,
    });
    expect(r.installedBytes).toBe(0);
    expect(r.packages).toEqual([]);
  });

  it('reports unknown names and keeps sizing the rest', () => {
    const r = packageSizer.osInstall('debian', 'trixie', ['curl', 'no-such-package-xyz'], {
      recommends: false,
      installed: null,
    });
    expect(r.unknown).toEqual(['no-such-package-xyz']);
    expect(r.installedBytes).toBeGreaterThan(0);
    expect(r.basis).toMatch(/no-such-package-xyz/);
  });

  it('resolves virtual packages through Provides', () => {
    const r = packageSizer.osInstall('debian', 'bookworm', ['awk'], { recommends: false, installed: null });
    expect(r.unknown).toEqual([]);
  });

  it('strips version pins and architecture qualifiers', () => {
    const r = packageSizer.osInstall('debian', 'bookworm', ['curl=7.88.1-10+deb12u5', 'wget:amd64'], {
      recommends: false,
      installed,
    });
    expect(r.unknown).toEqual([]);
    expect(r.packages).toContain('wget');
  });

  it('approximates Ubuntu from Debian and says so', () => {
    const r = packageSizer.osInstall('ubuntu', '24.04', ['curl'], { recommends: false, installed: null });
    expect(r.basis).toMatch(/Ubuntu .*approximated by Debian/);
    expect(r.confidence).not.toBe('high');
  });

  it('sizes each release from its own suite, or the suite of its package generation', () => {
    expect(debianSuiteFor('debian', 'bullseye')).toEqual({ suite: 'bullseye', approx: null });
    expect(debianSuiteFor('debian', '11')).toEqual({ suite: 'bullseye', approx: null });
    expect(debianSuiteFor('debian', 'buster').suite).toBe('bullseye');
    expect(debianSuiteFor('ubuntu', '20.04').suite).toBe('bullseye');
    expect(debianSuiteFor('ubuntu', '22.04').suite).toBe('bullseye');
    expect(debianSuiteFor('ubuntu', '24.04').suite).toBe('trixie');
  });

  it("Ubuntu 22.04's gnupg is bullseye's 2.2 set, not bookworm's larger split", () => {
    const ask = (release: string) =>
      packageSizer.osInstall('ubuntu', release, ['gnupg'], { recommends: false, installed: null });
    const jammy = ask('22.04');
    expect(jammy.basis).toMatch(/Ubuntu 22\.04 approximated by Debian bullseye/);
    const bookworm = packageSizer.osInstall('debian', 'bookworm', ['gnupg'], {
      recommends: false,
      installed: null,
    });
    expect(jammy.installedBytes).toBeLessThan(bookworm.installedBytes);
    // OpenSSL 3 (jammy) is mapped to bullseye's 1.1 by name and said.
    expect(ask('22.04').unknown).toEqual([]);
    const ssl = packageSizer.osInstall('ubuntu', '22.04', ['libssl3'], {
      recommends: false,
      installed: null,
    });
    expect(ssl.basis).toMatch(/libssl3 sized as libssl1\.1/);
  });
});

describe('osInstall on other families', () => {
  it('approximates apk installs with low confidence', () => {
    const alpine = baseImages.resolve('alpine:3.22').entry!;
    const r = packageSizer.osInstall('alpine', '3.22', ['build-base', 'postgresql-dev', 'curl'], {
      recommends: false,
      installed: baseImages.installedPackages(alpine),
    });
    expect(r.confidence).toBe('low');
    expect(r.installedBytes).toBeGreaterThan(50 * MB);
    expect(r.basis).toMatch(/apk/);
  });

  it('approximates rpm installs with low confidence', () => {
    const r = packageSizer.osInstall('rhel', '9', ['gcc', 'openssl-devel'], {
      recommends: false,
      installed: null,
    });
    expect(r.confidence).toBe('low');
    expect(r.installedBytes).toBeGreaterThan(10 * MB);
  });

  it('returns unknown for bases without a package index', () => {
    const r = packageSizer.osInstall('scratch', null, ['curl'], { recommends: false, installed: null });
    expect(r.unknown).toEqual(['curl']);
    expect(r.installedBytes).toBe(0);
  });
});
