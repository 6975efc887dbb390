// Ubuntu packages packaged like another Debian suite's than their release's stand-in are sized
// from that suite's rows (ubuntu-eras.ts): noble's binutils 2.42 still carries gold like
// bookworm's 2.40, while trixie's 2.44 moved it out.
import { describe, expect, it } from 'vitest';
import { debianIndex, packageSizer, ubuntuBaseSet } from '../../../src/engine/size/packages';
import { packageFiles } from '../../../src/engine/size/package-files';
import { ubuntuEraSuite } from '../../../src/engine/size/ubuntu-eras';

const BINUTILS = 'binutils-x86-64-linux-gnu';

describe('Ubuntu packages of another Debian generation', () => {
  it('noble sizes binutils-x86-64-linux-gnu from bookworm, with trixie’s dependencies', () => {
    expect(ubuntuEraSuite('24.04', BINUTILS)).toBe('bookworm');
    expect(ubuntuEraSuite('22.04', BINUTILS)).toBeNull();
    const trixieBytes = debianIndex('trixie').installedBytes(BINUTILS)!;
    const bookwormBytes = debianIndex('bookworm').installedBytes(BINUTILS)!;
    expect(bookwormBytes).toBeGreaterThan(trixieBytes * 1.5);
    const installed = ubuntuBaseSet('24.04');
    const noble = packageSizer.osInstall('ubuntu', '24.04', ['binutils'], { recommends: false, installed });
    const trixie = packageSizer.osInstall('debian', 'trixie', ['binutils'], { recommends: false, installed });
    expect(noble.packages).toContain(BINUTILS);
    expect(noble.basis).toMatch(/binutils 2\.42 still ships gold/);
    expect(trixie.basis).not.toMatch(/gold/);
    // The same closure (trixie's edges), one row from bookworm.
    expect(noble.packages).toEqual(trixie.packages);
    expect(noble.installedBytes - trixie.installedBytes).toBe(bookwormBytes - trixieBytes);
  });

  it('the layer’s files and gzip size come from that suite’s row too', () => {
    const os = (family: 'ubuntu' | 'debian', release: string) =>
      ({ family, release, installed: null, entry: null }) as unknown as Parameters<typeof packageFiles>[0];
    const noble = packageFiles(os('ubuntu', '24.04'), [BINUTILS])!;
    const jammyLike = packageFiles(os('ubuntu', '26.04'), [BINUTILS])!;
    expect(noble.installedBytes).toBe(debianIndex('bookworm').installedBytes(BINUTILS));
    expect(jammyLike.installedBytes).toBe(debianIndex('trixie').installedBytes(BINUTILS));
    expect(noble.compressedBytes).toBeGreaterThan(jammyLike.compressedBytes * 1.5);
  });
});
