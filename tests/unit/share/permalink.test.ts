import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import {
  boundedInflate,
  buildPermalink,
  decodePermalink,
  encodeState,
  MAX_INFLATED_BYTES,
  parseFragment,
  type DecodeResult,
  type ShareState,
} from '../../../src/share/permalink';
import { diffOptions, expandOptions } from '../../../src/share/link-options';
import { decodeBase64Url, encodeBase64Url } from '../../../src/share/base64url';
import { DEFAULT_CONTEXT } from '../../../src/engine/options';
import { RULES_VERSION } from '../../../src/engine/version';
import { BLOW_UP_CPU_MS, withCpuTime } from '../cpu-time';

function roundTrip(state: ShareState): DecodeResult {
  return decodePermalink(encodeState(state));
}

/** Builds a v1 link from any JSON value (to forge old, new and hostile links). */
function forge(json: unknown, version = 1): string {
  const bytes = new TextEncoder().encode(typeof json === 'string' ? json : JSON.stringify(json));
  return `v${version}/${encodeBase64Url(deflateSync(bytes))}`;
}

function expectFailure(result: DecodeResult, reason: string) {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.reason).toBe(reason);
    expect(result.message.length).toBeGreaterThan(20);
  }
}

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = encodeBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      const back = decodeBase64Url(text);
      expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
    }
  });
  it('agrees with Node', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
    expect(encodeBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });
  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(decodeBase64Url('abc+')).toEqual({ ok: false, at: 3 });
    expect(decodeBase64Url('ab=c')).toEqual({ ok: false, at: 2 });
    expect(decodeBase64Url('abcde')).toEqual({ ok: false, at: -1 });
    expect(decodeBase64Url('abcd!')).toEqual({ ok: false, at: 4 });
  });
});

describe('round trip', () => {
  it('keeps the text exactly: unicode, emoji, CRLF, tabs, trailing spaces', () => {
    const dockerfile =
      'FROM node:20\r\n# Grüße, 日本語, emoji 🐳, RTL שלום\r\nRUN echo "tab\there"  \r\n\tCMD ["node"]\r\n\u2028\u0000';
    const result = roundTrip({ dockerfile, options: {} });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.state.dockerfile).toBe(dockerfile);
      expect(result.state.options).toEqual({});
      expect(result.version).toBe(1);
      expect(result.rulesVersion).toBe(RULES_VERSION);
      expect(result.rulesChanged).toBe(false);
      expect(result.warnings).toEqual([]);
    }
  });

  it('keeps a lone surrogate (JSON escapes it)', () => {
    const dockerfile = 'FROM a\nRUN echo \ud800';
    const result = roundTrip({ dockerfile, options: {} });
    expect(result.ok && result.state.dockerfile).toBe(dockerfile);
  });

  it('handles a 200 KB Dockerfile quickly', () => {
    const lines: string[] = ['FROM debian:bookworm'];
    let i = 0;
    while (lines.join('\n').length < 200 * 1024) {
      lines.push(
        `RUN apt-get update && apt-get install -y pkg-${i} && echo ${(i * 2654435761) % 1000003} # ${i}`,
      );
      i++;
    }
    const dockerfile = lines.join('\n');
    const { result: fragment, cpuMs } = withCpuTime(() => {
      const encoded = encodeState({ dockerfile, options: {} });
      return { encoded, decoded: decodePermalink(encoded) };
    });
    const result = fragment.decoded;
    expect(cpuMs).toBeLessThan(BLOW_UP_CPU_MS);
    expect(result.ok && result.state.dockerfile).toBe(dockerfile);
    expect(fragment.encoded.length).toBeLessThan(dockerfile.length); // it compresses
  });

  it('empty Dockerfile is a valid state', () => {
    const result = roundTrip({ dockerfile: '', options: {} });
    expect(result.ok && result.state.dockerfile).toBe('');
  });

  it('carries options that differ from the defaults, and only those', () => {
    const options = {
      context: { ...DEFAULT_CONTEXT, hasDockerignore: true, sourceBytes: 1234 },
      rewrite: { disabledSteps: ['multi-stage', 'apt-cache', 'multi-stage'], enabledSteps: [] },
      disabledRules: ['no-latest'],
    };
    const result = roundTrip({ dockerfile: 'FROM a', options });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.state.options).toEqual({
        context: { hasDockerignore: true, sourceBytes: 1234 },
        rewrite: { disabledSteps: ['apt-cache', 'multi-stage'] },
        disabledRules: ['no-latest'],
      });
    }
  });

  it('is deterministic: the same state gives the same link, whatever the order of lists', () => {
    const a = encodeState({ dockerfile: 'FROM a', options: { disabledRules: ['b', 'a'] } });
    const b = encodeState({ dockerfile: 'FROM a', options: { disabledRules: ['a', 'b', 'a'] } });
    expect(a).toBe(b);
  });

  it('carries a title, cleaned of control characters', () => {
    const result = decodePermalink(forge({ d: 'FROM a', t: 'My\nimage\u0007 ' }));
    expect(result.ok && result.state.title).toBe('My image');
  });

  it('buildPermalink replaces an existing fragment', () => {
    const url = buildPermalink('https://x.test/play/index.html#v1/old', {
      dockerfile: 'FROM a',
      options: {},
    });
    expect(url.startsWith('https://x.test/play/index.html#v1/')).toBe(true);
    expect(url.split('#').length).toBe(2);
  });
});

describe('options diffing', () => {
  it('default options give nothing', () => {
    expect(diffOptions({})).toBeUndefined();
    expect(diffOptions(undefined)).toBeUndefined();
    expect(diffOptions({ context: { ...DEFAULT_CONTEXT }, rewrite: { disabledSteps: [] } })).toBeUndefined();
  });
  it('keeps only changed context keys', () => {
    expect(diffOptions({ context: { hasGit: false, gitBytes: DEFAULT_CONTEXT.gitBytes } })).toEqual({
      c: { hasGit: false },
    });
  });
  it('expand is the inverse of diff', () => {
    const options = {
      context: { hasNodeModules: true },
      rewrite: { enabledSteps: ['x'] },
      disabledRules: ['r'],
    };
    expect(expandOptions(diffOptions(options))).toEqual(options);
  });
});

describe('broken and hostile links', () => {
  it('garbage', () => {
    expectFailure(decodePermalink('v1/!!!not*base64***'), 'not-base64');
    expectFailure(decodePermalink('v1/' + '_'.repeat(40)), 'not-deflate');
    expectFailure(decodePermalink('hello'), 'unknown-format');
  });

  it('empty payload', () => {
    expectFailure(decodePermalink('v1/'), 'empty');
  });

  it('truncated links say so', () => {
    const fragment = encodeState({
      dockerfile: 'FROM node:20\nRUN npm ci\nCOPY . .\nCMD ["node","server.js"]\n'.repeat(10),
      options: {},
    });
    let truncated = 0;
    for (const cut of [4, 10, fragment.length / 2, fragment.length - 3]) {
      const result = decodePermalink(fragment.slice(0, Math.floor(cut)));
      expect(result.ok).toBe(false);
      if (!result.ok && result.reason === 'truncated') truncated++;
    }
    expect(truncated).toBeGreaterThanOrEqual(3);
  });

  it('newer and unknown versions', () => {
    const newer = decodePermalink(forge({ d: 'FROM a' }, 2));
    expectFailure(newer, 'unsupported-version');
    if (!newer.ok) expect(newer.message).toMatch(/newer version/);
    expectFailure(decodePermalink(forge({ d: 'FROM a' }, 0)), 'unsupported-version');
  });

  it('a zip bomb is rejected fast, with bounded memory', () => {
    const zeros = new Uint8Array(50 * 1024 * 1024);
    const bomb = `v1/${encodeBase64Url(deflateSync(zeros, { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().arrayBuffers;
    const { result, cpuMs } = withCpuTime(() => decodePermalink(bomb));
    expectFailure(result, 'too-large');
    // Inflating all 50 MB costs far more than stopping at the cap: a blow-up, not a slow machine.
    expect(cpuMs).toBeLessThan(BLOW_UP_CPU_MS / 4);
    // Inflating all of it would need 50 MB; the bounded inflater stops after ~1 MB (plus garbage).
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('boundedInflate stops at the cap', () => {
    const data = deflateSync(new Uint8Array(MAX_INFLATED_BYTES + 1));
    const result = boundedInflate(data);
    expect(result.ok).toBe(false);
    const fits = boundedInflate(deflateSync(new Uint8Array(MAX_INFLATED_BYTES)));
    expect(fits.ok && fits.bytes.length).toBe(MAX_INFLATED_BYTES);
  });

  it('an enormous payload is refused before decoding', () => {
    expectFailure(decodePermalink('v1/' + 'A'.repeat(3 * 1024 * 1024)), 'too-large');
  });

  it('bytes that are not UTF-8', () => {
    const payload = encodeBase64Url(deflateSync(Uint8Array.from([0xff, 0xfe, 0x80])));
    expectFailure(decodePermalink(`v1/${payload}`), 'not-utf8');
  });

  it('JSON of the wrong shape', () => {
    expectFailure(decodePermalink(forge('not json')), 'bad-json');
    expectFailure(decodePermalink(forge([1, 2])), 'bad-json');
    expectFailure(decodePermalink(forge('null')), 'bad-json');
    expectFailure(decodePermalink(forge({ o: {} })), 'bad-shape');
    expectFailure(decodePermalink(forge({ d: 42 })), 'bad-shape');
  });

  it('damaged options are dropped with a warning, the Dockerfile is kept', () => {
    const result = decodePermalink(
      forge({
        d: 'FROM a',
        o: {
          c: { sourceBytes: -5, hasGit: 'yes', hasDockerignore: true, bogus: 1 },
          sd: 'x',
          rd: ['ok-id', 7],
        },
        r: { evil: true },
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.state.dockerfile).toBe('FROM a');
      expect(result.state.options).toEqual({ context: { hasDockerignore: true } });
      expect(result.warnings.length).toBeGreaterThanOrEqual(4);
      expect(result.rulesVersion).toBeNull();
    }
  });

  it('unknown fields are ignored', () => {
    const result = decodePermalink(forge({ d: 'FROM a', r: RULES_VERSION, future: { x: 1 }, p: 'diff' }));
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('reports rulesChanged for links made with other rules', () => {
    const result = decodePermalink(forge({ d: 'FROM a', r: '0-old' }));
    expect(result.ok && result.rulesChanged).toBe(true);
    expect(result.ok && result.rulesVersion).toBe('0-old');
  });

  it('tolerates what copying does to a link', () => {
    const fragment = encodeState({
      dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      options: {},
    });
    const mid = Math.floor(fragment.length / 2);
    const variants = [
      `#${fragment}`,
      `${fragment}).`,
      `${fragment.slice(0, mid)}\n  ${fragment.slice(mid)}`,
      encodeURIComponent(fragment).replace(/\//g, '%2F'),
      encodeURIComponent(encodeURIComponent(fragment)),
    ];
    for (const v of variants) {
      const result = decodePermalink(v);
      expect(result.ok, v).toBe(true);
    }
  });

  it('never throws on random input', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_%/.#v ';
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(rand() * 80);
      let s = rand() < 0.5 ? 'v1/' : '';
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(() => decodePermalink(s)).not.toThrow();
      expect(() => parseFragment(s)).not.toThrow();
    }
  });
});

describe('old links keep opening', () => {
  // Made by the first release of the format. If this test fails, the format changed: add a v2
  // decoder instead of changing v1 (DECODERS in src/share/permalink.ts).
  const FROZEN_V1 =
    'v1/Fc2xCoQwEIThVwlTK9xdmfq47hQEK7WIcdEg7sqqjeK7mzTTDHz_hQEWv6r8G5aB7OfVclUXhtfF-NAyMgjsBZ9mcttX_EwaRhYl2F0PujNoNBqsgfPebZSHxY2ELh3RfkdiTw2Vkxj3Aw';
  it('a frozen v1 link decodes to the same state', () => {
    const result = decodePermalink(FROZEN_V1);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.state).toEqual({
        dockerfile: 'FROM node:20\nRUN npm ci\n',
        options: { context: { hasDockerignore: true }, disabledRules: ['pin-base-image'] },
        title: 'Frozen',
      });
      expect(result.rulesVersion).toBe('1');
    }
  });
});

describe('parseFragment', () => {
  it('no fragment, anchors', () => {
    expect(parseFragment('')).toEqual({ kind: 'none' });
    expect(parseFragment('#')).toEqual({ kind: 'none' });
    expect(parseFragment('#main')).toEqual({ kind: 'none' });
  });
  it('examples', () => {
    expect(parseFragment('#example/node-naive')).toEqual({ kind: 'example', id: 'node-naive' });
    expect(parseFragment('#example/<script>').kind).toBe('error');
  });
  it('states and errors', () => {
    const ok = parseFragment('#' + encodeState({ dockerfile: 'FROM a', options: {} }));
    expect(ok.kind).toBe('state');
    const bad = parseFragment('#v1/AAAA');
    expect(bad.kind).toBe('error');
    if (bad.kind === 'error') expect(bad.ok).toBe(false);
  });
});

describe('lint settings in links', () => {
  const lint = {
    ignored: ['DL3008', 'apt-no-install-recommends'],
    override: { error: ['DL3007'], style: ['DL3059'] },
    trustedRegistries: ['*.example.com', 'docker.io'],
    labelSchema: { 'org.opencontainers.image.source': 'url' },
    strictLabels: true,
    failureThreshold: 'warning' as const,
  };
  it('round-trip, lists sorted so the same settings give the same link', () => {
    const result = roundTrip({ dockerfile: 'FROM a', options: { lint } });
    expect(result.ok && result.state.options.lint).toEqual(lint);
    const shuffled = { ...lint, ignored: [...lint.ignored].reverse() };
    expect(encodeState({ dockerfile: 'FROM a', options: { lint: shuffled } })).toBe(
      encodeState({ dockerfile: 'FROM a', options: { lint } }),
    );
  });
  it('empty settings add nothing to a link', () => {
    expect(diffOptions({ lint: { ignored: [], override: {} } })).toBeUndefined();
  });
  it('damaged settings are dropped with a warning; the Dockerfile and other options stay', () => {
    const result = decodePermalink(forge({ d: 'FROM a', o: { rd: ['x'], l: 'nonsense' } }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.options).toEqual({ disabledRules: ['x'] });
    expect(result.warnings.join(' ')).toMatch(/lint settings/);
    const partly = decodePermalink(
      forge({ d: 'FROM a', o: { l: { ignored: ['DL3008', 7], strictLabels: 'yes' } } }),
    );
    expect(partly.ok && partly.state.options).toEqual({ lint: { ignored: ['DL3008'] } });
  });
});
