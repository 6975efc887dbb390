// Measured .deb facts: slim Debian and Ubuntu images do not install documentation, man pages and
// translations (dpkg path-excludes), and each package compresses at its own measured ratio.
import { beforeAll, describe, expect, it } from 'vitest';
import table from '../../../src/data/debian-package-files.json';
import { excludeProfile, packageFiles } from '../../../src/engine/size/package-files';
import { estimate, osOf, own, ready } from './helpers';

beforeAll(ready);

describe('measured package files', () => {
  it('the table is generated, names its method and holds real measurements', () => {
    expect(table.about).toMatch(/measure-deb-files\.ts/);
    const git = (table.suites as Record<string, Record<string, number[]>>).trixie.git;
    expect(git).toHaveLength(table.layout.length);
    // git ships megabytes of translations (.mo files): the measured column says so.
    expect(git[table.layout.indexOf('localeMo')]).toBeGreaterThan(1e6);
    expect(git[table.layout.indexOf('gzipBytes')]).toBeLessThan(git[table.layout.indexOf('fileBytes')]);
  });

  it('knows which bases exclude documentation', () => {
    expect(excludeProfile(osOf('debian:trixie-slim'))).toBe('debian-slim');
    expect(excludeProfile(osOf('python:3.12-slim'))).toBe('debian-slim');
    expect(excludeProfile(osOf('debian:trixie'))).toBeNull();
    expect(excludeProfile(osOf('ubuntu:24.04'))).toBe('ubuntu');
    expect(excludeProfile(osOf('alpine:3.24'))).toBeNull();
  });

  it('git on a slim base drops its docs and translations; on the full base nothing is dropped', () => {
    const slim = packageFiles(osOf('debian:trixie-slim'), ['git'])!;
    const full = packageFiles(osOf('debian:trixie'), ['git'])!;
    expect(full.excludedBytes).toBe(0);
    expect(slim.excludedBytes / slim.installedBytes).toBeGreaterThan(0.15);
    expect(slim.compressedBytes).toBeLessThan(full.compressedBytes);
    // Ubuntu drops the .mo catalogues too (its own changelogs stay; ubuntu-files.test.ts).
    const ubuntu = packageFiles(osOf('ubuntu:24.04'), ['git'])!;
    expect(ubuntu.excludedBytes / ubuntu.installedBytes).toBeGreaterThan(0.15);
    expect(ubuntu.compressedBytes).toBeLessThan(full.compressedBytes);
  });

  it('a layer on a slim base is smaller than the same layer on the full base, and says why', () => {
    const run =
      'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*';
    const slim = own(estimate(`FROM debian:trixie-slim\n${run}`))[0];
    const full = own(estimate(`FROM debian:trixie\n${run}`))[0];
    expect(slim.uncompressedBytes).toBeLessThan(full.uncompressedBytes * 0.9);
    expect(slim.basis).toMatch(/docs, man pages and translations not installed/);
    expect(full.basis).toMatch(/compressed per package as measured/);
  });

  it('names mapped from another release and unknown names are said in the layer, not silently sized', () => {
    const ubuntu = own(
      estimate(
        'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y libcurl4 python3.12 frobnicator-xyz',
      ),
    )[0];
    expect(ubuntu.basis).toMatch(/names mapped: libcurl4 is libcurl4t64/);
    expect(ubuntu.basis).toMatch(/python3\.12 sized as python3\.1\d/);
    expect(ubuntu.basis).toMatch(/not in the ubuntu package table, so estimated: frobnicator-xyz/);
    const debian = own(
      estimate('FROM debian:trixie\nRUN apt-get update && apt-get install -y curl frobnicator-xyz'),
    )[0];
    expect(debian.basis).toMatch(/so estimated: frobnicator-xyz/);
    expect(debian.basis).not.toMatch(/names mapped/);
  });

  it('compression is measured over the whole payload, not its first bytes', () => {
    // A tar is in path order: locales starts with its already-gzipped charmaps, so a sample of the
    // head (the earlier method) put the payload at 1.4× where the whole compresses about 3×.
    const rows = (table.suites as Record<string, Record<string, number[]>>).trixie;
    const locales = rows.locales;
    const ratio = locales[table.layout.indexOf('fileBytes')] / locales[table.layout.indexOf('gzipBytes')];
    expect(ratio).toBeGreaterThan(2.5);
    expect(table.about).toMatch(/whole payload/);
  });

  it('Python modules are byte-compiled on install: the .pyc files are in the layer, not in the .deb', () => {
    const rows = (table.suites as Record<string, Record<string, number[]>>).trixie;
    const pyc = table.layout.indexOf('pycBytes');
    expect(pyc).toBeGreaterThan(0);
    // mercurial is Python: its modules compile to megabytes of .pyc; curl has none.
    expect(rows['mercurial-common'][pyc]).toBeGreaterThan(5e6);
    expect(rows.curl[pyc]).toBe(0);
    const hg = packageFiles(osOf('debian:trixie'), ['mercurial-common'])!;
    expect(hg.generatedBytes).toBeGreaterThan(5e6);
    expect(hg.generatedCompressedBytes).toBeGreaterThan(1e6);
    expect(hg.compressedBytes).toBeGreaterThan(hg.generatedCompressedBytes);
    expect(packageFiles(osOf('debian:trixie'), ['curl'])!.generatedBytes).toBe(0);
    const layer = own(
      estimate(
        'FROM debian:trixie\nRUN apt-get update && apt-get install -y --no-install-recommends mercurial',
      ),
    )[0];
    expect(layer.basis).toMatch(/of \.pyc written by byte-compiling/);
  });

  it('bookworm has its own measured rows, not trixie’s borrowed by name', () => {
    const suites = table.suites as Record<string, Record<string, number[]>>;
    const gzip = table.layout.indexOf('gzipBytes');
    expect(Object.keys(suites.bookworm).length).toBeGreaterThan(500);
    // gpg 2.2 (bookworm) and 2.4 (trixie) are different builds: measured apart.
    expect(suites.bookworm.gpg[gzip]).not.toBe(suites.trixie.gpg[gzip]);
    const bw = packageFiles(osOf('debian:bookworm'), ['gpg'])!;
    expect(bw.measured).toBe(1);
    // Its own gzip size, scaled from the payload's bytes to the index's Installed-Size.
    expect(Math.abs(bw.compressedBytes / suites.bookworm.gpg[gzip] - 1)).toBeLessThan(0.03);
  });
});
