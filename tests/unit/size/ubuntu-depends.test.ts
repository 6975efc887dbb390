// Ubuntu packages whose dependencies differ from the Debian stand-in suite's package of the same
// name (ubuntu-depends.ts), checked against the published package lists the entries cite.
import { describe, expect, it } from 'vitest';
import { packageSizer, ubuntuBaseSet } from '../../../src/engine/size/packages';
import { ubuntuDepends } from '../../../src/engine/size/ubuntu-depends';

const install = (os: 'ubuntu' | 'debian', release: string, names: string[]) =>
  packageSizer.osInstall(os, release, names, {
    recommends: false,
    installed: os === 'ubuntu' ? ubuntuBaseSet(release) : null,
  });

describe('Ubuntu dependency overrides', () => {
  it('Ubuntu 20.04 curl: libssh-4 and the Heimdal GSSAPI of its OpenLDAP (focal-curl)', () => {
    const focal = install('ubuntu', '20.04', ['curl']).packages;
    expect(focal).toEqual(expect.arrayContaining(['libssh-4', 'libgssapi3-heimdal', 'libldap-common']));
    // Heimdal's Kerberos brings SQLite, which focal-curl lists before any gnupg install.
    expect(focal).toEqual(expect.arrayContaining(['libkrb5-26-heimdal', 'libsqlite3-0']));
    expect(focal).not.toContain('libssh2-1');
    // Debian bullseye's own curl, from the same table, keeps Debian's edges.
    const debian = install('debian', 'bullseye', ['curl']).packages;
    expect(debian).toContain('libssh2-1');
    expect(debian).not.toContain('libssh-4');
    expect(debian).not.toContain('libgssapi3-heimdal');
  });

  it('Ubuntu 24.04 curl 8.5: libssh-4, no HTTP/3 libraries (noble-curl)', () => {
    const noble = install('ubuntu', '24.04', ['curl']);
    expect(noble.packages).toContain('libssh-4');
    expect(noble.packages).not.toEqual(expect.arrayContaining(['libssh2-1t64']));
    expect(noble.packages.filter((p) => /nghttp3|ngtcp2/.test(p))).toEqual([]);
    expect(install('debian', 'trixie', ['curl']).packages).toContain('libnghttp3-9');
    expect(noble.basis).toMatch(/Ubuntu's own dependencies: Ubuntu's curl links libssh/);
  });

  it('holds per release: 22.04 has no Heimdal OpenLDAP, every release the libssh curl', () => {
    expect(ubuntuDepends('22.04').get('libldap-2.4-2')).toBeUndefined();
    expect(ubuntuDepends('20.04').get('libldap-2.4-2')?.add).toContain('libgssapi3-heimdal');
    for (const r of ['20.04', '22.04', '24.04', '26.04'])
      expect(ubuntuDepends(r).get('libcurl4t64')?.add).toEqual(['libssh-4']);
    expect(install('ubuntu', '22.04', ['curl']).packages).not.toContain('libgssapi3-heimdal');
  });
});
