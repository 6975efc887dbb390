// Temurin JDK/JRE archives are sized by Java version from published layers
// (src/data/jdk-archives.json), not by one flat guess.
import { beforeAll, describe, expect, it } from 'vitest';
import table from '../../../src/data/jdk-archives.json';
import { temurinArchive, temurinRow } from '../../../src/engine/size/jdk-archives';
import { findToolchain } from '../../../src/engine/size/heuristics';
import { jdkArchiveRows } from '../../../scripts/data/build-jdk-archives';
import { estimate, layerAt, ready } from './helpers';

beforeAll(ready);

const url = (name: string) => `https://github.com/adoptium/releases/download/x/${name}`;

describe('Temurin archives', () => {
  it('every row names the published image and commit it comes from', () => {
    for (const r of table.rows) {
      expect(r.source).toMatch(/docker-library\/repo-info repos\/[a-z-]+\/remote\/.+\.md@[0-9a-f]{40}$/);
      expect(r.installedBytes).toBe(Math.round(r.compressedBytes * r.ratio));
    }
  });

  it('sizes a published major exactly and differently from another major', () => {
    const jdk17 = temurinRow(url('OpenJDK17U-jdk_x64_linux_hotspot_17.0.20_8.tar.gz'))!;
    const jdk11 = temurinRow(url('OpenJDK11U-jdk_x64_linux_hotspot_11.0.18_10.tar.gz'))!;
    expect(jdk17.exact).toBe(true);
    expect(jdk17.row.major).toBe(17);
    expect(jdk11.row.major).toBe(11);
    expect(jdk11.row.compressedBytes).toBeGreaterThan(jdk17.row.compressedBytes);
  });

  it('an unpublished major takes the nearest published one of the same kind, and says so', () => {
    const jre17 = temurinArchive(url('OpenJDK17U-jre_x64_linux_hotspot_17.0.16_8.tar.gz'))!;
    expect(jre17.name).toMatch(/^Temurin 17 JRE, sized as the published 21 JRE$/);
    expect(jre17.installed).toBeLessThan(
      temurinArchive(url('OpenJDK17U-jdk_x64_linux_hotspot_17.0.1_1.tar.gz'))!.installed,
    );
  });

  it('the same major of the other libc comes before another major of the same libc', () => {
    // No musl JDK 17 is published: the glibc 17 (same tree, other libc) stands in, not musl 21.
    const musl17 = temurinRow(url('OpenJDK17U-jdk_x64_alpine-linux_hotspot_17.0.16_8.tar.gz'))!;
    expect(musl17.row).toMatchObject({ major: 17, libc: 'glibc' });
    expect(musl17.exact).toBe(false);
    expect(temurinArchive(url('OpenJDK17U-jdk_x64_alpine-linux_hotspot_17.0.16_8.tar.gz'))!.name).toBe(
      'Temurin 17 JDK (musl), sized as the published 17 JDK',
    );
    // Where both libcs of a major are published, each gets its own.
    const musl21 = temurinRow(url('OpenJDK21U-jdk_x64_alpine-linux_hotspot_21.0.5_11.tar.gz'))!;
    expect(musl21).toMatchObject({ exact: true, row: { major: 21, libc: 'musl' } });
  });

  it('recognizes musl (Alpine) builds and a major left in a variable', () => {
    const musl = temurinRow(url('OpenJDK21U-jdk_x64_alpine-linux_hotspot_21.0.5_11.tar.gz'))!;
    expect(musl.row.libc).toBe('musl');
    const unknown = temurinArchive(url('OpenJDK${JAVA_MAJOR}U-jdk_x64_linux_hotspot_${V}.tar.gz'))!;
    expect(unknown.name).toMatch(/version unknown/);
    expect(findToolchain('https://example.com/app.tar.gz')?.name ?? null).toBeNull();
  });

  it('the generator keeps one row per archive, preferring the eclipse-temurin image', () => {
    const layer = (major: number, bytes: number) => ({
      instruction: `RUN wget OpenJDK${major}U-jdk_x64_linux_hotspot_${major}.0.1_1.tar.gz`,
      compressedBytes: bytes,
    });
    const rows = jdkArchiveRows([
      { image: 'maven', tag: 'm', sourceRemote: 'repos/maven/remote/m.md@a', layers: [layer(21, 1)] },
      {
        image: 'eclipse-temurin',
        tag: 't',
        sourceRemote: 'repos/eclipse-temurin/remote/t.md@b',
        layers: [layer(21, 2)],
      },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].compressedBytes).toBe(2);
    expect(rows[0].ratio).toBe(1.93);
  });

  it('a Dockerfile that downloads and unpacks a JDK 17 gets the published layer, compressed', () => {
    const e = estimate(
      [
        'FROM ubuntu:22.04',
        'RUN curl -fsSL -o /tmp/openjdk.tar.gz https://github.com/adoptium/temurin17-binaries/releases/download/jdk-17.0.20%2B8/OpenJDK17U-jdk_x64_linux_hotspot_17.0.20_8.tar.gz && mkdir -p /opt/java && tar -xzf /tmp/openjdk.tar.gz -C /opt/java && rm /tmp/openjdk.tar.gz',
      ].join('\n'),
    );
    const layer = layerAt(e, 2);
    const row = table.rows.find((r) => r.major === 17 && r.kind === 'jdk')!;
    expect(layer.compressedBytes / row.compressedBytes).toBeGreaterThan(0.95);
    expect(layer.compressedBytes / row.compressedBytes).toBeLessThan(1.05);
  });
});

describe("other vendors' JDK archives", () => {
  it('are sized as the nearest published Temurin tree of their major, kind and libc, and say so', () => {
    const cases: [string, number, string, string][] = [
      ['openjdk-27_linux-x64_bin.tar.gz', 21, 'jdk', 'glibc'],
      ['openjdk-17.0.2_linux-x64_bin.tar.gz', 17, 'jdk', 'glibc'],
      ['amazon-corretto-11-x64-linux-jdk.tar.gz', 11, 'jdk', 'glibc'],
      ['zulu21.32.17-ca-jdk21.0.2-linux_x64.tar.gz', 21, 'jdk', 'glibc'],
      ['microsoft-jdk-21.0.2-linux-x64.tar.gz', 21, 'jdk', 'glibc'],
      ['bellsoft-jre21.0.2+14-linux-x64-musl.tar.gz', 21, 'jre', 'musl'],
    ];
    for (const [name, major, kind, libc] of cases) {
      const tc = findToolchain(`https://downloads.example/java/${name}`);
      const row = table.rows.find((r) => r.major === major && r.kind === kind && r.libc === libc)!;
      expect(tc?.installed, name).toBe(row.installedBytes);
      expect(tc?.name, name).toContain(`sized as the published Temurin ${major} ${kind.toUpperCase()}`);
    }
    // Not a JDK: a plain tarball, or a JDK archive for another system.
    expect(findToolchain('https://downloads.example/jdk-tools-1.2.tar.gz')).toBeNull();
    expect(findToolchain('https://downloads.example/openjdk-21_windows-x64_bin.zip')).toBeNull();
  });
});

describe('downloads named by the file they are saved as', () => {
  it('a signature saved from a URL in a variable is a few kB, the PHP tarball about 13 MB', () => {
    const e = estimate(
      [
        'FROM debian:trixie-slim',
        'RUN mkdir -p /usr/src && cd /usr/src && curl -fsSL -o php.tar.xz "$PHP_URL" && curl -fsSL -o php.tar.xz.asc "$PHP_ASC_URL"',
      ].join('\n'),
    );
    const layer = layerAt(e, 2);
    expect(layer.uncompressedBytes).toBeGreaterThan(12e6);
    expect(layer.uncompressedBytes).toBeLessThan(14e6);
  });
});
