import { describe, expect, it } from 'vitest';
import {
  baseImages,
  catalogEntries,
  catalogCalibration,
  parseReference,
} from '../../../src/engine/size/catalog';
import { jdkLayer } from '../../../scripts/data/jdk-layers';

const entry = (ref: string) => {
  const r = baseImages.resolve(ref);
  if (!r.entry) throw new Error(`${ref} did not resolve: ${r.basis}`);
  return r;
};

describe('base-image table invariants', () => {
  it('has enough tags, every one sourced and dated', () => {
    expect(catalogEntries.length).toBeGreaterThanOrEqual(150);
    for (const e of catalogEntries) {
      expect(e.source, e.reference).toMatch(/\S/);
      expect(e.asOf, e.reference).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.reference).toBe(`${e.image}:${e.tag}`);
    }
  });

  it('sizes are positive integers and on-disk ≥ compressed', () => {
    for (const e of catalogEntries) {
      expect(Number.isInteger(e.compressedBytes), e.reference).toBe(true);
      expect(Number.isInteger(e.uncompressedBytes), e.reference).toBe(true);
      if (e.os === 'scratch') {
        expect(e.compressedBytes).toBe(0);
        expect(e.uncompressedBytes).toBe(0);
        continue;
      }
      expect(e.compressedBytes, e.reference).toBeGreaterThan(0);
      expect(e.uncompressedBytes, e.reference).toBeGreaterThanOrEqual(e.compressedBytes);
    }
  });

  it('covers the families the estimator needs', () => {
    const images = new Set(catalogEntries.map((e) => e.image));
    for (const img of [
      'node',
      'python',
      'golang',
      'rust',
      'eclipse-temurin',
      'amazoncorretto',
      'maven',
      'gradle',
      'nginx',
      'httpd',
      'caddy',
      'php',
      'ruby',
      'perl',
      'elixir',
      'alpine',
      'debian',
      'ubuntu',
      'busybox',
      'scratch',
      'mcr.microsoft.com/dotnet/aspnet',
      'mcr.microsoft.com/dotnet/runtime-deps',
      'gcr.io/distroless/static-debian12',
      'gcr.io/distroless/base-debian12',
      'cgr.dev/chainguard/node',
    ])
      expect(images.has(img), img).toBe(true);
    for (const v of ['18', '20', '22', '24'])
      expect(
        catalogEntries.some((e) => e.image === 'node' && e.runtime?.version === v),
        `node ${v}`,
      ).toBe(true);
    for (const v of ['3.10', '3.11', '3.12', '3.13', '3.14'])
      for (const variant of ['full', 'slim', 'alpine'])
        expect(
          catalogEntries.some(
            (e) => e.image === 'python' && e.runtime?.version === v && e.variant === variant,
          ),
          `python ${v} ${variant}`,
        ).toBe(true);
  });

  it('derived on-disk sizes are flagged and calibrated per family', () => {
    const derived = catalogEntries.filter((e) => e.uncompressedDerived);
    expect(derived.length).toBeGreaterThan(0);
    const families = catalogCalibration.map((c) => c.family);
    expect(families).toContain('alpine');
    expect(families).toContain('debian-ubuntu');
    for (const c of catalogCalibration) {
      expect(c.median).toBeGreaterThan(1.5);
      expect(c.median).toBeLessThan(4);
    }
  });
});

describe('tag resolution', () => {
  it('resolves exact tags with high confidence', () => {
    const r = entry('node:22-alpine');
    expect(r.match).toBe('exact');
    expect(r.confidence).toBe('high');
  });

  it('resolves moving tags and aliases', () => {
    expect(entry('node').entry!.reference).toBe('node:24');
    expect(entry('node:latest').entry!.reference).toBe('node:24');
    expect(entry('node:lts').match).toBe('alias');
    expect(entry('python:3').entry!.runtime?.name).toBe('python');
    expect(entry('golang:1').entry!.image).toBe('golang');
    expect(entry('node:20').entry!.reference).toBe('node:20');
    expect(entry('node:22-bookworm').entry!.reference).toBe('node:22');
    expect(entry('debian:12-slim').entry!.reference).toBe('debian:bookworm-slim');
    expect(entry('ubuntu:jammy').entry!.reference).toBe('ubuntu:22.04');
  });

  it('maps patch versions and OS suffixes onto the family', () => {
    const a = entry('node:20.11.1-alpine3.19');
    expect(a.entry!.image).toBe('node');
    expect(a.entry!.variant).toBe('alpine');
    expect(a.entry!.runtime?.version).toBe('20');
    expect(a.match).toBe('family');
    const p = entry('python:3.12.4-slim-bookworm');
    expect(p.entry!.reference).toBe('python:3.12-slim');
    expect(p.match).toBe('family');
    expect(p.basis).toMatch(/python:3\.12-slim/);
  });

  it('ignores digests, registry prefixes, case and --platform', () => {
    const ref = 'node:22-alpine';
    for (const r of [
      'node:22-alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      'docker.io/library/node:22-alpine',
      'index.docker.io/library/node:22-alpine',
      'library/node:22-alpine',
      'NODE:22-ALPINE',
      '--platform=linux/arm64 node:22-alpine',
    ])
      expect(entry(r).entry!.reference, r).toBe(ref);
    expect(parseReference('localhost:5000/team/app:1.2')).toEqual({
      image: 'localhost:5000/team/app',
      tag: '1.2',
      digest: null,
    });
  });

  it('falls back to the nearest version of a known image with low confidence', () => {
    const r = entry('node:21-slim');
    expect(r.match).toBe('fallback');
    expect(r.confidence).toBe('low');
    expect(r.entry!.variant).toBe('slim');
    expect(r.basis).toMatch(/not in the catalog/);
  });

  it('reports unknown images and unresolved variables', () => {
    const r = baseImages.resolve('example.com/acme/widget:3');
    expect(r.match).toBe('unknown');
    expect(r.entry).toBeNull();
    expect(r.basis).toMatch(/not in the base-image catalog/);
    expect(baseImages.resolve('node:${NODE_VERSION}').match).toBe('unknown');
  });

  it('scratch is 0 bytes', () => {
    const r = baseImages.resolve('scratch');
    expect(r.match).toBe('scratch');
    expect(r.entry!.uncompressedBytes).toBe(0);
    expect(r.entry!.compressedBytes).toBe(0);
  });
});

describe('alternatives and installed packages', () => {
  it('lists variants of the same family', () => {
    const alts = baseImages.alternatives(entry('node:22').entry!).map((e) => e.reference);
    expect(alts).toContain('node:22-slim');
    expect(alts).toContain('node:22-alpine');
    expect(alts).not.toContain('node:22');
  });

  it('knows the packages of Debian-based images', () => {
    const slim = baseImages.installedPackages(entry('debian:bookworm-slim').entry!)!;
    expect(slim.has('apt')).toBe(true);
    expect(slim.has('libc6')).toBe(true);
    expect(slim.has('curl')).toBe(false);
    const full = baseImages.installedPackages(entry('node:22').entry!)!;
    expect(full.has('curl')).toBe(true);
    expect(full.has('gcc')).toBe(true);
    const alpine = baseImages.installedPackages(entry('alpine:3.22').entry!)!;
    expect(alpine.has('musl')).toBe(true);
  });
});

describe('JDK layers derived at their own ratio', () => {
  // amazoncorretto:21 has both sizes published; derive its on-disk size from its layers the way the
  // catalog builder does for JDK images without one, and compare.
  const corretto = catalogEntries.find((e) => e.reference === 'amazoncorretto:21')!;
  const other = catalogCalibration.find((c) => c.family === 'other')!.median;

  it('reproduce a published JDK image within 5 %, where the OS ratio alone is off by over 20 %', () => {
    expect(corretto.uncompressedDerived).toBe(false);
    const jdk = jdkLayer(corretto)!;
    expect(jdk.layer.compressedBytes).toBeGreaterThan(100e6);
    const derived = corretto.layers!.reduce(
      (sum, l) => sum + l.compressedBytes * (l === jdk.layer ? jdk.ratio : other),
      0,
    );
    expect(Math.abs(derived / corretto.uncompressedBytes - 1)).toBeLessThan(0.05);
    expect(corretto.compressedBytes * other).toBeGreaterThan(corretto.uncompressedBytes * 1.2);
  });

  it('carry their per-layer sizes, which add up to the image', () => {
    const derived = catalogEntries.filter((e) => e.layers?.some((l) => l.uncompressedBytes !== undefined));
    expect(derived.map((e) => e.reference)).toEqual(
      expect.arrayContaining(['maven:3.9-eclipse-temurin-21', 'eclipse-temurin:21-jdk']),
    );
    for (const e of derived)
      expect(
        e.layers!.reduce((s, l) => s + (l.uncompressedBytes ?? 0), 0),
        e.reference,
      ).toBe(e.uncompressedBytes);
    // JRE images keep the family ratio: their runtime compresses like the OS.
    expect(derived.some((e) => /jre/.test(e.tag))).toBe(false);
  });
});
