// Old tags people still build on (issue 15, item 7): read from docker-library/repo-info's history
// into scripts/data/repo-info-history.json, they resolve exactly; their still-missing neighbours
// fall back within the same family and variant, to the nearest major, and say so.
import { describe, expect, it } from 'vitest';
import { baseImages } from '../../../src/engine/size/catalog';
import { tagShape } from '../../../src/engine/size/tag-match';
import { analyze } from '../../../src/engine/node';

const resolve = (ref: string) => {
  const r = baseImages.resolve(ref);
  if (!r.entry) throw new Error(`${ref} did not resolve: ${r.basis}`);
  return r;
};

const ADDED = [
  'ruby:3.0',
  'ruby:3.0-slim',
  'ruby:3.0-alpine',
  'ruby:3.1',
  'ruby:3.1-slim',
  'ruby:3.1-alpine',
  'ruby:3.2',
  'ruby:3.2-slim',
  'ruby:3.2-alpine',
  'python:3.7',
  'python:3.7-slim',
  'python:3.7-alpine',
  'python:3.9',
  'python:3.9-alpine',
  'node:14',
  'node:14-alpine',
  'golang:1.20',
  'golang:1.20-alpine',
  'golang:1.22',
  'golang:1.22-alpine',
  'php:7.4-fpm',
  'php:8.0-fpm',
  'php:8.2-cli',
  'php:8.2-fpm',
  'openjdk:8',
  'openjdk:8-jdk-alpine',
  'openjdk:11',
  'openjdk:11-jdk-slim',
  'openjdk:11-jre-slim',
  'eclipse-temurin:8-jdk',
];

describe('old tags from repo-info history resolve exactly', () => {
  it.each(ADDED)('%s is its own catalog entry, with its published layers', (ref) => {
    const r = resolve(ref);
    expect(r.match).toBe('exact');
    expect(r.confidence).toBe('high');
    expect(r.entry!.reference).toBe(ref);
    const layers = r.entry!.layers ?? [];
    expect(layers.reduce((sum, l) => sum + l.compressedBytes, 0)).toBe(r.entry!.compressedBytes);
  });

  it('keeps each tag on its own OS release and libc', () => {
    const os = (ref: string) => `${resolve(ref).entry!.os} ${resolve(ref).entry!.osRelease}`;
    expect(os('ruby:3.2-slim')).toBe('debian bullseye');
    expect(os('ruby:3.0-alpine')).toBe('alpine 3.16');
    expect(os('golang:1.22')).toBe('debian bookworm');
    expect(os('openjdk:11-jre-slim')).toBe('debian buster');
    expect(os('eclipse-temurin:8-jdk')).toBe('ubuntu 22.04');
    expect(resolve('openjdk:8-jdk-alpine').entry!.libc).toBe('musl');
  });

  it('the JDK tags of a line are the same image as its default tag', () => {
    expect(resolve('openjdk:8-jdk').entry!.reference).toBe('openjdk:8');
    expect(resolve('openjdk:11-jdk').entry!.reference).toBe('openjdk:11');
    expect(resolve('eclipse-temurin:8').entry!.reference).toBe('eclipse-temurin:8-jdk');
    expect(resolve('php:8.2').entry!.reference).toBe('php:8.2-cli');
  });
});

describe('still-missing neighbours keep family, variant and the nearest major', () => {
  it.each([
    ['python:3.6-slim', 'python:3.7-slim'],
    ['python:3.6-alpine', 'python:3.7-alpine'],
    ['node:12-alpine', 'node:14-alpine'],
    ['ruby:2.6-alpine', 'ruby:3.0-alpine'],
    ['php:7.3-fpm', 'php:7.4-fpm'],
    ['openjdk:7-jdk-alpine', 'openjdk:8-jdk-alpine'],
    ['openjdk:8-jdk-slim', 'openjdk:11-jdk-slim'],
  ])('%s falls back to %s', (ref, expected) => {
    const r = resolve(ref);
    expect(r.entry!.reference).toBe(expected);
    expect(r.match).toBe('fallback');
    expect(r.confidence).toBe('low');
    expect(tagShape(r.entry!.image, r.entry!.tag).words).toEqual(
      tagShape(r.entry!.image, ref.split(':')[1]).words,
    );
  });

  it('an Alpine tag whose variant is missing stays on musl rather than taking a nearer glibc line', () => {
    const r = resolve('php:7.2-fpm-alpine3.7');
    expect(r.entry!.libc).toBe('musl');
    expect(r.entry!.variant).toMatch(/alpine/);
  });

  it("an openjdk major the catalog lacks takes the successor's same major before another openjdk", () => {
    expect(resolve('openjdk:17-alpine').entry!.reference).toBe('eclipse-temurin:17-jdk-alpine');
    expect(resolve('openjdk:21').entry!.reference).toBe('eclipse-temurin:21-jdk');
    // With no successor build of that major either, the nearest openjdk of the same variant.
    expect(resolve('openjdk:7-jdk-alpine').entry!.reference).toBe('openjdk:8-jdk-alpine');
  });

  it('a version between two catalog lines takes one of them, never the newest of the image', () => {
    const r = resolve('golang:1.21-alpine');
    expect(['golang:1.20-alpine', 'golang:1.22-alpine']).toContain(r.entry!.reference);
    expect(resolve('node:15').entry!.reference).toMatch(/^node:1[46]$/);
  });
});

describe('stage summaries of old tags', () => {
  it('known for an added tag, approximate with the tag used for its missing neighbour', async () => {
    const a = await analyze(
      ['FROM ruby:3.2-slim AS a', 'FROM python:3.6-slim AS b', 'FROM openjdk:8-jdk-alpine AS c'].join('\n'),
    );
    const [added, neighbour, jdk] = a.stages;
    expect(added.known).toBe(true);
    expect(added.approximate).toBeUndefined();
    expect(neighbour.known).toBe(false);
    expect(neighbour.approximate).toBe(true);
    expect(neighbour.catalogTag).toBe('python:3.7-slim');
    expect(jdk.known).toBe(true);
  });
});
