// The worker's deferred Debian tables (issue 16 item 3): the same documents as the JSON imports,
// read and decoded only when a suite is first asked for, and asked for only by a package step.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as eager from '../../../src/engine/size/tables';
import * as deferred from '../../../src/engine/size/tables.deferred';
import { DEBIAN_SUITES } from '../../../src/engine/size/packages';
import { memoizedBaseImages, type SizeDeps } from '../../../src/engine/size';
import { packageSizer } from '../../../src/engine/size/packages';
import { estimate } from '../size/helpers';

const ROOT = resolve(import.meta.dirname, '../../..');
const reads: string[] = [];

beforeAll(() => {
  // The worker reads the files by a synchronous request; Node has none, so the test reads the
  // same files (the import gives their path from the project's root) from disk.
  deferred.setTableReader((url) => {
    reads.push(url);
    return readFileSync(resolve(ROOT, `.${new URL(url, 'file:///').pathname}`), 'utf8');
  });
});

describe('deferred Debian tables', () => {
  it('read nothing until a suite is asked for, then only that suite, once', () => {
    expect(deferred.decodedSuites()).toEqual([]);
    deferred.debianTableDoc('trixie');
    deferred.debianTableDoc('trixie');
    expect(deferred.decodedSuites()).toEqual(['trixie']);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/debian-trixie\.json$/);
  });

  it('give the very documents the JSON imports give, for every suite', () => {
    for (const suite of DEBIAN_SUITES) {
      const doc = deferred.debianTableDoc(suite);
      expect(doc.suite).toBe(suite);
      expect(doc.names.length).toBeGreaterThan(10_000);
      expect(doc).toEqual(eager.debianTableDoc(suite));
      expect(deferred.debianTableDoc(suite)).toBe(doc); // decoded once
    }
  });
});

describe('deferred Alpine table', () => {
  it('gives the document the JSON import gives, decoded once', () => {
    const doc = deferred.alpineTableDoc();
    expect(Object.keys(doc.releases).length).toBeGreaterThan(0);
    expect(doc).toEqual(eager.alpineTableDoc());
    expect(deferred.alpineTableDoc()).toBe(doc);
  });
});

describe("a base image's installed packages", () => {
  /** The real catalog and sizer, counting how often a base's package set is asked for. */
  function counting(): { deps: SizeDeps; asked: string[] } {
    const asked: string[] = [];
    const bases = {
      ...memoizedBaseImages,
      installedPackages: (entry: Parameters<typeof memoizedBaseImages.installedPackages>[0]) => {
        asked.push(entry.reference);
        return memoizedBaseImages.installedPackages(entry);
      },
    };
    return { deps: { bases, packages: packageSizer }, asked };
  }

  it('are not worked out for a Dockerfile with no package step (no table is needed)', () => {
    const { deps, asked } = counting();
    estimate('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "index.js"]\n', {}, deps);
    expect(asked).toEqual([]);
  });

  it('are worked out once a package step reads them, once per stage', () => {
    const { deps, asked } = counting();
    const e = estimate(
      'FROM node:20\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git\n',
      {},
      deps,
    );
    expect(asked).toEqual(['node:20']);
    // curl is already in node:20 (buildpack-deps): the layer adds none of it.
    expect(e.layers.find((l) => l.line === 2)?.basis).toMatch(/curl/);
  });
});
