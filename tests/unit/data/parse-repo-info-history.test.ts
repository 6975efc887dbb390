// The parser that turns copies of repo-info files into history records: sizes as printed, layers
// paired with the instructions that made them, package lists written out, OS release from the
// best source available, and a refusal when the copy does not add up.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  layerBytes,
  parseRecord,
  virtualBytes,
  type HistoryRecord,
} from '../../../scripts/data/parse-repo-info-history';

const COMMIT = 'a'.repeat(40);

/** A remote file's amd64 section as repo-info prints it (other platforms follow). */
function remote(tag: string, history: string[], sizes: string[], extra = ''): string {
  return [
    `<!-- docker-library/repo-info repos/demo/remote/${tag}.md@${COMMIT} -->`,
    extra,
    `## \`demo:${tag}\``,
    `### \`demo:${tag}\` - linux; amd64`,
    `-\tTotal Size: **x (${sizes.reduce((s, l) => s + (layerBytes(l) ?? 0), 0)} bytes)**`,
    '-\tImage ID: `sha256:0123456789abcdef`',
    '```dockerfile',
    '# Wed, 11 Jan 2023 02:34:44 GMT',
    ...history,
    '```',
    '-\tLayers:',
    ...sizes.map(
      (s, i) => `\t-\t\`sha256:${i}aaa\`  \n\t\tLast Modified: Wed, 1${i} Jan 2023 02:39:07 GMT  \n\t\t${s}`,
    ),
    '### `demo:x` - linux; arm64 variant v8',
    '-\tTotal Size: **1 MB (1 bytes)**',
  ].join('\n');
}

describe('parseRecord', () => {
  const history = [
    'ADD file:abc123 in / ',
    'CMD ["bash"]',
    'ENV DEPS=gcc \t\tmake',
    'RUN apt-get update; apt-get install -y --no-install-recommends $DEPS curl',
    'WORKDIR /app',
  ];
  const sizes = ['Size: 31.4 MB (31396972 bytes)', 'Size: 10.0 MB (10019588 bytes)', 'Size: 93.0 B'];

  it('reads the amd64 sizes, pairs layers (a WORKDIR only when the sizes need it) and dates', () => {
    const r = parseRecord('demo', '1-slim', remote('1-slim', history, sizes), null);
    expect(r.compressedBytes).toBe(31396972 + 10019588 + 93);
    expect(r.layers.map((l) => l.compressedBytes)).toEqual([31396972, 10019588, 93]);
    expect(r.layers[2].instruction).toBe('WORKDIR /app');
    expect(r.asOf).toBe('2023-01-12');
    expect(r.sourceRemote).toBe(`repos/demo/remote/1-slim.md@${COMMIT} (amd64 Image ID sha256:0123456789ab)`);
  });

  it('writes out package lists held in variables', () => {
    const r = parseRecord('demo', '1', remote('1', history, sizes), null);
    expect(r.layers[1].instruction).toContain('--no-install-recommends gcc make curl');
  });

  it('takes the OS release from the tag, the local package list, a stated reason, then the date', () => {
    const two = sizes.slice(0, 2);
    const hist = history.slice(0, 4);
    const os = (r: HistoryRecord) => `${r.osFacts.os} ${r.osFacts.osRelease}`;
    expect(os(parseRecord('demo', '1-buster', remote('1-buster', hist, two), null))).toBe('debian buster');
    const local = `<!-- docker-library/repo-info repos/demo/local/1.md@${COMMIT} -->\n- Image ID: \`sha256:0123456789abcdef\`\n- Virtual Size: ~ 174.51 Mb\n### \`dpkg\` source package: \`base-files=12.4+deb12u1\``;
    const withLocal = parseRecord('demo', '1', remote('1', hist, two), local);
    expect(os(withLocal)).toBe('debian bookworm');
    expect(withLocal.uncompressedBytes).toBe(174510000);
    const stated = remote('1', hist, two, '<!-- os: ubuntu 22.04 (the publisher built on jammy then) -->');
    const s = parseRecord('demo', '1', stated, null);
    expect(os(s)).toBe('ubuntu 22.04');
    expect(s.notes).toMatch(/jammy/);
    const dated = parseRecord('demo', '1', remote('1', hist, two), null);
    expect(os(dated)).toBe('debian bullseye');
    expect(dated.notes).toMatch(/build date/);
    expect(dated.layers[0].instruction).toBe('ADD file:… in / (debian bullseye rootfs)');
  });

  it('refuses a copy whose layers do not add up or do not match the history', () => {
    const broken = remote('1', history, sizes).replace(/\(\d+ bytes\)\*\*/, '(5 bytes)**');
    expect(() => parseRecord('demo', '1', broken, null)).toThrow(/add up/);
    expect(() => parseRecord('demo', '1', remote('1', history.slice(0, 2), sizes), null)).toThrow(/layers/);
    expect(() =>
      parseRecord('demo', '1', remote('1', history, sizes).replace(/<!--.*-->/, ''), null),
    ).toThrow(/provenance/);
  });

  it('refuses a local file of another image', () => {
    const local = `<!-- docker-library/repo-info repos/demo/local/1.md@${COMMIT} -->\n- Image ID: \`sha256:ffffffffffff\``;
    expect(() => parseRecord('demo', '1', remote('1', history, sizes), local)).toThrow(/local file/);
  });
});

describe('size fields', () => {
  it('reads byte counts and small sizes printed without them', () => {
    expect(layerBytes('Size: 622.9 KB (622912 bytes)')).toBe(622912);
    expect(layerBytes('Size: 199.0 B')).toBe(199);
    expect(() => layerBytes('Size: 1.2 MB')).toThrow(/byte count/);
    expect(virtualBytes('- Virtual Size: ~ 1.11 Gb  ')).toBe(1110000000);
  });
});

describe('the history file', () => {
  const doc = JSON.parse(
    readFileSync(new URL('../../../scripts/data/repo-info-history.json', import.meta.url), 'utf8'),
  ) as { records: HistoryRecord[] };

  it('every record with layers adds up to its Total Size and names its file and commit', () => {
    for (const r of doc.records.filter((x) => x.layers)) {
      expect(
        r.layers.reduce((s, l) => s + l.compressedBytes, 0),
        `${r.image}:${r.tag}`,
      ).toBe(r.compressedBytes);
      expect(r.sourceRemote, `${r.image}:${r.tag}`).toMatch(/^repos\/[\w-]+\/remote\/[\w.-]+\.md/);
    }
  });
});
