// Memos that live across analyses (issue 16 item 4, issue 20): a memo hands out frozen results, so
// no analysis can change what the next one gets; the key does not depend on the order in which
// the installed set was built (only a miss can come of another order, never a wrong answer).
import { beforeAll, describe, expect, it } from 'vitest';
import { shellParserLoaded, analyzeSync } from '../../../src/engine/node';
import { memoSizer } from '../../../src/engine/size';
import { memoBases } from '../../../src/engine/size/memo';
import { baseImages } from '../../../src/engine/size/catalog';
import { parseDockerfile } from '../../../src/engine/parse/index';
import type { DockerfileModel, RunInstruction } from '../../../src/engine/model';
import type { PackageSizer, PackageSizeResult } from '../../../src/engine/size/types';

beforeAll(() => shellParserLoaded);

function countingSizer(): { sizer: PackageSizer; calls: () => number } {
  let calls = 0;
  const sizer: PackageSizer = {
    osInstall(_os, _release, names, opts): PackageSizeResult {
      calls++;
      const fresh = names.filter((n) => !opts.installed?.has(n));
      return {
        installedBytes: fresh.length * 1000,
        downloadBytes: 0,
        packages: fresh,
        unknown: [],
        confidence: 'high',
        basis: 'test',
      };
    },
  };
  return { sizer, calls: () => calls };
}

describe('memoSizer', () => {
  it('answers a repeated question from the memo with a frozen result no caller can change', () => {
    const { sizer, calls } = countingSizer();
    const memo = memoSizer(sizer);
    const ask = () =>
      memo.osInstall('alpine', '3.20', ['curl', 'git'], { recommends: false, installed: new Set(['musl']) });
    const first = ask();
    expect(() => {
      first.installedBytes += 5000; // what the size model once did for apk packages with a tabled size
    }).toThrow(TypeError);
    expect(() => first.packages.push('bash')).toThrow(TypeError);
    const second = ask();
    expect(calls()).toBe(1);
    expect(second.installedBytes).toBe(2000);
    expect(second.packages).toEqual(['curl', 'git']);
  });

  it('keys the installed set by its content: a different set is never answered from the memo', () => {
    const { sizer, calls } = countingSizer();
    const memo = memoSizer(sizer);
    const a = memo.osInstall('debian', 'bookworm', ['curl'], {
      recommends: true,
      installed: new Set(['a', 'b']),
    });
    const b = memo.osInstall('debian', 'bookworm', ['curl'], {
      recommends: true,
      installed: new Set(['a', 'curl']),
    });
    expect(calls()).toBe(2);
    expect(a.packages).toEqual(['curl']);
    expect(b.packages).toEqual([]);
  });
});

describe('apk installs mixing tabled and other packages', () => {
  it('give the same result however often the text was analyzed before', () => {
    const text = [
      'FROM node:16-alpine AS deps',
      'RUN apk --no-cache add --virtual builds-deps build-base python3 openssh-client bash git openssh curl',
      'RUN apk add nano',
      'FROM node:16-alpine',
      'RUN apk add --no-cache bash curl nano openssh openssh-client python3',
      'CMD ["node", "index.js"]',
      '',
    ].join('\n');
    const first = JSON.stringify(analyzeSync(text));
    for (let i = 0; i < 3; i++) expect(JSON.stringify(analyzeSync(text))).toBe(first);
  });
});

describe('memoBases', () => {
  it('resolves a reference once and hands out the same frozen resolution the catalog gives', () => {
    let calls = 0;
    const memo = memoBases({ ...baseImages, resolve: (ref) => (calls++, baseImages.resolve(ref)) });
    const first = memo.resolve('node:20-alpine');
    expect(first).toEqual(baseImages.resolve('node:20-alpine'));
    expect(memo.resolve('node:20-alpine')).toBe(first);
    expect(calls).toBe(1);
    expect(() => {
      (first as { basis: string }).basis = 'changed';
    }).toThrow(TypeError);
    expect(memo.resolve('python:3.12-slim').entry?.reference).toBe(
      baseImages.resolve('python:3.12-slim').entry?.reference,
    );
    expect(calls).toBe(2);
  });
});

describe('the instruction memo (parse/instruction-memo.ts)', () => {
  const text = 'FROM alpine:3.20\nRUN apt-get update && apt-get install -y curl > /dev/null\n';
  const run = (model: DockerfileModel) => model.instructions[1] as RunInstruction;
  it('hands out instructions whose own fields a caller may change without changing the memo', () => {
    const expected = JSON.stringify(parseDockerfile(text));
    const hit = run(parseDockerfile(text));
    hit.commentsAbove = ['changed'];
    hit.index = 9;
    hit.shell = { ...hit.shell, errexit: true };
    expect(JSON.stringify(parseDockerfile(text))).toBe(expected);
  });
  it('shares the parts below them frozen, so a change that would leak into the next parse throws', () => {
    parseDockerfile(text);
    const hit = run(parseDockerfile(text));
    expect(() => hit.shell.commands[1].args.push('wget')).toThrow(TypeError);
    expect(() => hit.shell.effects.push(hit.shell.effects[0])).toThrow(TypeError);
    expect(() => hit.flags.push({ name: 'link', value: null, span: hit.span })).toThrow(TypeError);
  });
});
