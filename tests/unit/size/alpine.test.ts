// apk sizes from the bundled Alpine table (src/data/alpine-packages.json): lookups per release,
// dependency closures (index records, then the Debian proxy filtered by what Alpine images hold),
// and unknown names reported as such.
import { beforeAll, describe, expect, it } from 'vitest';
import { alpineTable, alpineRelease } from '../../../src/engine/size/alpine';
import { ALPINE_BASE_PACKAGES, packageSizer } from '../../../src/engine/size/packages';
import {
  parseApkIndex,
  parseRepoInfoSizes,
  resolveDepends,
} from '../../../scripts/data/build-alpine-packages';
import { estimate, layerAt, ready } from './helpers';

beforeAll(ready);

const base = new Set(ALPINE_BASE_PACKAGES);
const apkAdd = (release: string, names: string[], installed: ReadonlySet<string> = base) =>
  packageSizer.osInstall('alpine', release, names, { recommends: false, installed });

describe('Alpine package table', () => {
  it('reads a package measured in the release asked for', () => {
    const hit = alpineTable().lookup('curl', '3.24');
    expect(hit?.release).toBe('3.24');
    // repo-info prints 278 KiB for curl 8.22.0 in php:8-fpm-alpine3.24.
    expect(hit?.row.bytes).toBe(278 * 1024);
    expect(alpineTable().source(hit!.row)).toMatch(/^php:.*repos\/php\/local\/8-fpm-alpine3\.24\.md@/);
  });

  it('borrows the nearest release for a package that release lacks, and says which', () => {
    expect(alpineTable().lookup('wget', '3.24')?.release).toBe('3.23');
    expect(alpineTable().lookup('tzdata', '3.23')?.release).toBe('3.23');
    expect(alpineTable().lookup('tzdata', '3.24')?.release).toBe('3.24');
    const r = apkAdd('3.24', ['wget']);
    expect(r.basis).toMatch(/Alpine 3\.24 sized from release 3\.23/);
  });

  it('resolves a provided name to its package and ignores version constraints', () => {
    expect(alpineTable().lookup('openssh-client', '3.23')?.name).toBe('openssh-client-default');
    expect(alpineTable().lookup('curl=8.22.0-r0', '3.24')?.name).toBe('curl');
  });

  it('takes the release from an image os release', () => {
    expect(alpineRelease('3.24.2')).toBe('3.24');
    expect(alpineRelease('edge')).toBeNull();
  });
});

describe('apk add closure', () => {
  it('walks index dependencies: wget pulls libidn2, libunistring and pcre2, not what the base has', () => {
    const r = apkAdd('3.23', ['wget']);
    expect(r.packages).toEqual(expect.arrayContaining(['wget', 'libidn2', 'libunistring', 'pcre2']));
    expect(r.packages).not.toContain('libssl3');
    expect(r.packages).not.toContain('zlib');
    const t = alpineTable();
    const sum = ['wget', 'libidn2', 'libunistring', 'pcre2'].reduce(
      (s, n) => s + t.lookup(n, '3.23')!.row.bytes,
      0,
    );
    expect(r.installedBytes).toBe(sum);
    expect(r.confidence).toBe('high');
  });

  it("sizes curl with the libraries Alpine images hold, leaving Debian's Kerberos and LDAP out", () => {
    const r = apkAdd('3.24', ['curl']);
    expect(r.packages).toEqual(expect.arrayContaining(['curl', 'libcurl', 'nghttp2-libs', 'brotli-libs']));
    // php:8-fpm-alpine3.24 holds curl without krb5-libs or libldap: not dependencies on Alpine.
    expect(r.packages).not.toContain('krb5-libs');
    expect(r.packages).not.toContain('libldap');
    expect(r.basis).toMatch(/not counted: \d+ Debian-only package/);
    expect(r.installedBytes).toBeGreaterThan(3e6);
    expect(r.installedBytes).toBeLessThan(7e6);
  });

  it('costs nothing for what the image already has', () => {
    const first = apkAdd('3.24', ['curl']);
    const again = apkAdd('3.24', ['curl'], new Set([...base, ...first.packages]));
    expect(again.installedBytes).toBe(0);
    expect(apkAdd('3.24', ['zlib', 'musl']).installedBytes).toBe(0);
  });

  it('scales a package Alpine has no figure for from its Debian equivalent by the measured ratio', () => {
    const r = apkAdd('3.24', ['socat']);
    expect(r.basis).toMatch(
      /Debian trixie equivalents × 0\.\d+ \(Alpine\/Debian size ratio measured on \d+ packages\)/,
    );
    expect(r.confidence).toBe('low');
    expect(r.installedBytes).toBeGreaterThan(0);
  });

  it('reports a name with neither an Alpine figure nor a Debian equivalent as unknown', () => {
    const r = apkAdd('3.24', ['no-such-package-xyz']);
    expect(r.unknown).toEqual(['no-such-package-xyz']);
    expect(r.installedBytes).toBe(0);
    expect(r.confidence).toBe('low');
  });
});

describe('apk layers', () => {
  it('notes an unknown package and lowers the confidence instead of guessing silently', () => {
    const e = estimate('FROM alpine:3.24\nRUN apk add --no-cache no-such-package-xyz\n');
    const l = layerAt(e, 2);
    expect(l.basis).toMatch(/apk: no measured size or Debian equivalent for no-such-package-xyz/);
    expect(l.confidence).toBe('low');
  });

  it('labels measured sizes as such', () => {
    const e = estimate('FROM alpine:3.24\nRUN apk add --no-cache ca-certificates tzdata\n');
    expect(layerAt(e, 2).basis).toMatch(/measured Alpine 3\.24 sizes/);
  });
});

describe('build-alpine-packages parsing', () => {
  it('reads installed sizes in B, KiB and MiB from repo-info lines', () => {
    const text =
      'curl-8.22.0-r0 installed size:\n278 KiB\n\ngcc-15.2.0-r5 installed size:\n159 MiB\n\nbusybox-binsh-1.37.0-r31 installed size:\n1 B\n';
    expect(parseRepoInfoSizes(text)).toEqual([
      { name: 'curl', version: '8.22.0-r0', bytes: 278 * 1024 },
      { name: 'gcc', version: '15.2.0-r5', bytes: 159 * 1024 * 1024 },
      { name: 'busybox-binsh', version: '1.37.0-r31', bytes: 1 },
    ]);
  });

  it('resolves index dependencies through provides and drops conflicts', () => {
    const records = parseApkIndex(
      'P:a\nV:1-r0\nI:10\nD:so:libb.so.1 !c cmd:d\n\nP:b\nV:1-r0\nI:20\np:so:libb.so.1=1\n\nP:d\nV:1-r0\nI:5\np:cmd:d=1-r0\n',
    );
    expect(records.map((r) => [r.name, r.bytes])).toEqual([
      ['a', 10],
      ['b', 20],
      ['d', 5],
    ]);
    expect(resolveDepends(records).get('a')).toEqual(['b', 'd']);
  });
});
