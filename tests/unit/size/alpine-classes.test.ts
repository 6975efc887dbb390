// Classes of Alpine size error found against published images (npm run bench:accuracy --
// --family=alpine): Java installed as an apk package, runtime libraries an official image keeps
// from its build (the scanelf pattern), small downloaded files, and Ruby built from source.
import { beforeAll, describe, expect, it } from 'vitest';
import table from '../../../src/data/jdk-archives.json';
import { apkJdk } from '../../../src/engine/size/alpine-jdk';
import { alpineTable } from '../../../src/engine/size/alpine';
import { estimate, layerAt, ready, MB } from './helpers';

beforeAll(ready);

const rows = (table as { rows: { major: number; kind: string; libc: string; compressedBytes: number }[] })
  .rows;
const row = (major: number, kind: string) =>
  rows.find((r) => r.major === major && r.kind === kind && r.libc === 'musl')!;

describe('Java as an apk package', () => {
  it('reads the major and kind from Alpine and Corretto package names', () => {
    expect(apkJdk('openjdk21-jre')?.row).toBe(row(21, 'jre'));
    expect(apkJdk('openjdk21-jre-headless')?.row).toBe(row(21, 'jre'));
    expect(apkJdk('openjdk21')?.row).toBe(row(21, 'jdk'));
    expect(apkJdk('amazon-corretto-21=21.0.5.11.1-r0')?.row).toBe(row(21, 'jdk'));
    // Java 17 is not published for musl: the nearest major stands in, and the basis says so.
    expect(apkJdk('amazon-corretto-17')?.label).toMatch(/nearest major/);
    expect(apkJdk('openjdk-common')).toBeNull();
    expect(apkJdk('curl')).toBeNull();
  });

  it('sizes the layer as the published JDK layer, at its own compression', () => {
    const e = estimate('FROM alpine:3.24\nRUN apk add --no-cache amazon-corretto-21');
    const l = layerAt(e, 2);
    const jdk = row(21, 'jdk').compressedBytes;
    // The JDK's measured compressed size plus the apk database rewrite (a few kB).
    expect(l.compressedBytes).toBeGreaterThanOrEqual(jdk);
    expect(l.compressedBytes).toBeLessThan(jdk + 0.2 * MB);
    expect(l.basis).toMatch(/Temurin 21 JDK \(musl\)/);
    const jre = layerAt(estimate('FROM alpine:3.24\nRUN apk add --no-cache openjdk21-jre'), 2);
    expect(jre.compressedBytes).toBeLessThan(l.compressedBytes / 2);
  });
});

describe('runtime libraries kept from a build (scanelf runDeps)', () => {
  const build = (keep: string) =>
    [
      'FROM alpine:3.24',
      `RUN apk add --no-cache --virtual .build-deps gcc make sqlite-dev libffi-dev python3-dev dpkg-dev; ./configure; make; make install; ${keep} apk del --no-network .build-deps`,
    ].join('\n');
  const lib = (n: string) => alpineTable().lookup(n, '3.24')!.row.bytes;
  const scan = `find /usr/local -type f -executable -exec scanelf --needed --nobanner --format '%n#p' '{}' ';' | tr ',' '\\n' | sort -u | awk '{ print "so:" $1 }'`;

  it('keeps the runtime packages of the -dev packages (piped into a group)', () => {
    const without = layerAt(estimate(build('')), 2).uncompressedBytes;
    const kept = layerAt(estimate(build(`${scan} | xargs -rt apk add --no-network --virtual .rundeps;`)), 2);
    const added = kept.uncompressedBytes - without;
    const libs = lib('sqlite-libs') + lib('libffi');
    // The two libraries, plus what the package database records for them.
    expect(added).toBeGreaterThanOrEqual(libs);
    expect(added).toBeLessThan(libs + 50_000);
    expect(kept.basis).toMatch(/runtime libraries, scanned from what it links \(libffi, sqlite-libs/);
    // python3-dev and dpkg-dev are tools or an interpreter to embed, not libraries the build links.
    expect(kept.basis).not.toMatch(/python3,|dpkg-dev/);
  });

  it('keeps them for a $runDeps list without a group too (php), and not for a plain install', () => {
    const without = layerAt(estimate(build('')), 2).uncompressedBytes;
    const php = layerAt(estimate(build(`runDeps="$(${scan})"; apk add --no-cache $runDeps;`)), 2);
    expect(php.uncompressedBytes - without).toBeGreaterThanOrEqual(lib('sqlite-libs') + lib('libffi'));
    const plain = layerAt(estimate(build('apk add --no-cache tzdata;')), 2);
    expect(plain.basis).not.toMatch(/runtime libraries/);
  });
});

describe('small downloaded files', () => {
  it('sizes configuration files, pages and licence texts as a few kB, not an unknown 20 MB', () => {
    const e = estimate(
      [
        'FROM alpine:3.24',
        'RUN wget -O /etc/caddy/Caddyfile "https://example.org/config/Caddyfile"; wget -O /usr/share/caddy/index.html "https://example.org/welcome/index.html"',
        'RUN wget -O /THIRD-PARTY-LICENSES-20200824.tar.gz https://example.org/THIRD-PARTY-LICENSES-20200824.tar.gz && tar x -ovzf THIRD-PARTY-LICENSES-20200824.tar.gz',
      ].join('\n'),
    );
    expect(layerAt(e, 2).uncompressedBytes).toBeLessThan(0.1 * MB);
    expect(layerAt(e, 3).uncompressedBytes).toBeLessThan(0.1 * MB);
  });
});

describe('Ruby built from source', () => {
  it('make install adds the measured Ruby tree, found by the name the tarball was saved as', () => {
    const e = estimate(
      [
        'FROM alpine:3.24',
        'RUN wget -O ruby.tar.xz "$RUBY_DOWNLOAD_URL"; mkdir -p /usr/src/ruby; tar -xJf ruby.tar.xz -C /usr/src/ruby --strip-components=1; rm ruby.tar.xz; cd /usr/src/ruby; ./configure --disable-install-doc; make -j 4; make install; cd /; rm -r /usr/src/ruby',
      ].join('\n'),
    );
    const l = layerAt(e, 2);
    expect(l.basis).toMatch(/make install of the Ruby source tree adds ≈ 67\.9 MB/);
    expect(l.uncompressedBytes).toBeGreaterThanOrEqual(67.9 * MB);
    // Measured ratio 1.75 (bundled .gem files are already compressed).
    expect(l.compressedBytes).toBeGreaterThan((67.9 * MB) / 1.8);
  });
});

describe('apk layer compression', () => {
  it('is the median measured by scripts/data/measure-apk-ratio.ts', async () => {
    const { apkLayerRatios } = await import('../../../scripts/data/measure-apk-ratio');
    const { RATIOS } = await import('../../../src/engine/size/ratios');
    const ratios = (await apkLayerRatios()).map((x) => x.onDisk / x.compressed).sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThanOrEqual(5);
    const m = Math.floor(ratios.length / 2);
    const median = ratios.length % 2 ? ratios[m] : (ratios[m - 1] + ratios[m]) / 2;
    expect(RATIOS['apk-packages']).toBeCloseTo(median, 2);
  });
});
