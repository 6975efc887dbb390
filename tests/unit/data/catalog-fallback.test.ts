// A tag the catalog lacks falls back to the closest tag of the same family and variant, says so
// (approximate + catalogTag, known false), and every Docker Hub spelling resolves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseImages } from '../../../src/engine/size/catalog';
import { tagShape } from '../../../src/engine/size/tag-match';
import { parseImageRef } from '../../../src/engine/parse/images';
import { analyze } from '../../../src/engine/node';

const resolve = (ref: string) => {
  const r = baseImages.resolve(ref);
  if (!r.entry) throw new Error(`${ref} did not resolve: ${r.basis}`);
  return r;
};

describe('fallbacks keep the family and variant', () => {
  it('an Alpine JRE tag of openjdk stays an Alpine JRE (successor image), never a JDK or glibc', () => {
    // openjdk:8-jdk-alpine is in the catalog now; its JRE sibling never was.
    const r = resolve('openjdk:8-jre-alpine');
    expect(r.entry!.variant).toMatch(/alpine/);
    expect(r.entry!.libc).toBe('musl');
    expect(tagShape(r.entry!.image, r.entry!.tag).words).toContain('jre');
    expect(r.entry!.image).toBe('eclipse-temurin');
    expect(r.match).toBe('fallback');
    expect(r.confidence).toBe('low');
    expect(r.basis).toMatch(/successor/);
  });

  it('a JRE stays a JRE and a JDK stays a JDK', () => {
    const jre = resolve('eclipse-temurin:16-jre');
    expect(tagShape(jre.entry!.image, jre.entry!.tag).words).toEqual(['jre']);
    const jdk = resolve('openjdk:16-jdk');
    expect(tagShape(jdk.entry!.image, jdk.entry!.tag).words).toContain('jdk');
    expect(tagShape(jdk.entry!.image, jdk.entry!.tag).words).not.toContain('slim');
  });

  it('slim stays slim, alpine stays alpine, full stays full', () => {
    for (const [ref, variant] of [
      ['python:3.6-slim', 'slim'],
      ['python:3.6-alpine', 'alpine'],
      ['ruby:2.2', 'full'],
      ['ruby:2.2-alpine', 'alpine'],
      ['node:12-alpine3.12', 'alpine'],
      ['node:12-slim', 'slim'],
      ['golang:1.15-alpine', 'alpine'],
    ] as const) {
      const r = resolve(ref);
      expect(r.entry!.variant, ref).toBe(variant);
      expect(r.entry!.image, ref).toBe(ref.split(':')[0]);
      expect(r.match, ref).toBe('fallback');
    }
  });

  it('takes the nearest major: ruby:2.2 is sized from the oldest ruby, not the newest', () => {
    const rubies = ['ruby:2.2', 'ruby:3.4'].map((r) => resolve(r).entry!.runtime!.version);
    const old = parseFloat(rubies[0]);
    expect(old).toBeLessThanOrEqual(parseFloat(rubies[1]));
    const node = resolve('node:12').entry!.runtime!.version;
    expect(parseInt(node, 10)).toBeLessThanOrEqual(18);
  });

  it('a patch pin resolves to its line with medium confidence, marked as another tag', () => {
    const r = resolve('node:20.11.1-alpine3.19');
    expect(r.match).toBe('family');
    expect(r.confidence).toBe('medium');
  });
});

describe('old tags from repo-info history', () => {
  const history = JSON.parse(
    readFileSync(new URL('../../../scripts/data/repo-info-history.json', import.meta.url), 'utf8'),
  ) as { records: { image: string; tag: string; compressedBytes: number; sourceRemote: string }[] };

  it('every history record is an exact catalog entry with its published size and source', () => {
    expect(history.records.length).toBeGreaterThanOrEqual(14);
    for (const h of history.records) {
      const r = resolve(`${h.image}:${h.tag}`);
      expect(r.match, h.tag).toBe('exact');
      expect(r.entry!.compressedBytes).toBe(h.compressedBytes);
      expect(r.entry!.source).toContain(h.sourceRemote);
      expect(h.sourceRemote).toMatch(/^repos\/[\w-]+\/remote\/[\w.-]+\.md.*Image ID sha256:[0-9a-f]{12}/);
    }
  });

  it('old pins now size from their own line, on their own OS release', () => {
    const slim = resolve('python:3.8-slim-buster');
    expect(slim.entry!.reference).toBe('python:3.8-slim');
    expect(slim.match).toBe('family');
    expect(slim.basis).toMatch(/bullseye rather than buster/);
    expect(resolve('python:3.8.16-bullseye').entry!.reference).toBe('python:3.8');
    expect(resolve('node:16.20.2-alpine').entry!.reference).toBe('node:16-alpine');
    expect(resolve('ruby:2.2').entry!.reference).toBe('ruby:2.7');
    expect(resolve('golang:1.19.5').entry!.reference).toBe('golang:1.19');
    expect(resolve('openjdk:11-jdk').entry!.reference).toBe('openjdk:11');
  });
});

describe('stage summaries say when another tag was used', () => {
  it('known only for the exact tag; approximate with catalogTag otherwise', async () => {
    const a = await analyze(
      ['FROM node:22 AS a', 'FROM node:20.11.1-alpine AS b', 'FROM ruby:2.2 AS c', 'FROM acme/x:1'].join(
        '\n',
      ),
    );
    const [exact, line, old, unknown] = a.stages;
    expect(exact.known).toBe(true);
    expect(exact.approximate).toBeUndefined();
    expect(line.known).toBe(false);
    expect(line.approximate).toBe(true);
    expect(line.catalogTag).toMatch(/^node:20.*alpine/);
    expect(old.known).toBe(false);
    expect(old.approximate).toBe(true);
    expect(old.catalogTag).toMatch(/^ruby:/);
    expect(unknown.known).toBe(false);
    expect(unknown.approximate).toBeUndefined();
  });
});

describe('one image-reference parser for every Docker Hub spelling', () => {
  it('strips every Docker Hub host and library/', () => {
    for (const ref of [
      'ruby:3.4',
      'library/ruby:3.4',
      'docker.io/ruby:3.4',
      'docker.io/library/ruby:3.4',
      'index.docker.io/library/ruby:3.4',
      'index.docker.io/ruby:3.4',
      'registry.docker.com/library/ruby:3.4',
      'registry-1.docker.io/library/ruby:3.4',
      'registry-1.docker.io/ruby:3.4',
      'registry.hub.docker.com/library/ruby:3.4',
    ]) {
      const p = parseImageRef(ref);
      expect(p.repository, ref).toBe('ruby');
      expect(p.dockerHub, ref).toBe(true);
      expect(p.tag, ref).toBe('3.4');
      const r = baseImages.resolve(ref);
      expect(r.entry?.reference, ref).toBe('ruby:3.4');
      expect(r.match, ref).toBe('exact');
    }
  });

  it('keeps other registries, ports and digests', () => {
    const p = parseImageRef('localhost:5000/team/app:1.2@sha256:abc');
    expect(p).toMatchObject({
      registry: 'localhost:5000',
      name: 'team/app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
    expect(p.dockerHub).toBe(false);
    expect(p.repository).toBe('localhost:5000/team/app');
    expect(parseImageRef('gcr.io/distroless/static-debian12').repository).toBe(
      'gcr.io/distroless/static-debian12',
    );
    expect(parseImageRef('registry-1.docker.io/bitnami/redis:7').repository).toBe('bitnami/redis');
  });

  it('the Rails 7.1 default base (registry.docker.com/library/ruby) is Docker Hub ruby', () => {
    const r = baseImages.resolve('registry.docker.com/library/ruby:3.3-slim');
    expect(r.entry!.reference).toBe('ruby:3.3-slim');
  });
});
