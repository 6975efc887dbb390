// The worker's deferred Debian tables (issue 16 item 3): the same documents as the JSON imports,
// decoded only when a suite is first asked for.
import { describe, expect, it } from 'vitest';
import * as eager from '../../../src/engine/size/tables';
import * as deferred from '../../../src/engine/size/tables.deferred';
import { DEBIAN_SUITES } from '../../../src/engine/size/packages';

describe('deferred Debian tables', () => {
  it('decode nothing until a suite is asked for, then only that suite', () => {
    expect(deferred.decodedSuites()).toEqual([]);
    deferred.debianTableDoc('trixie');
    expect(deferred.decodedSuites()).toEqual(['trixie']);
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
