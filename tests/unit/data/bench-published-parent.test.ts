// The accuracy bench rebuilds each published image FROM its parent: the parent must be the one the
// image was really built from (slim or full, read from the rootfs layer's size), and RUN lines that
// read an ENV of the published history (php's $PHPIZE_DEPS) must see its value.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parentOf, publishedEnv, type PublishedRecord } from '../../../scripts/bench-accuracy-published';

const root = path.resolve(__dirname, '../../..');

function record(tag: string, rootfsBytes: number, image = 'php'): PublishedRecord {
  return {
    image,
    tag,
    compressedBytes: rootfsBytes + 1000,
    osFacts: { os: 'debian', osRelease: 'trixie' },
    layers: [
      {
        instruction: "RUN # debian.sh --arch 'amd64' out/ 'trixie' '@1787529600'",
        compressedBytes: rootfsBytes,
      },
      { instruction: 'RUN apt-get update && apt-get install -y curl', compressedBytes: 1000 },
    ],
  };
}

describe('bench parent of a published Debian image', () => {
  it('is the slim base when the rootfs layer has the slim size, whatever the tag says', () => {
    // php:8.4-cli's rootfs layer (29.8 MB) is debian:trixie-slim's, though the tag has no "slim".
    expect(parentOf(record('8.4-cli', 29_792_658))?.parent).toBe('debian:trixie-slim');
    expect(parentOf(record('8.4-cli', 29_792_658))?.family).toBe('debian slim');
  });

  it('is the full base when the rootfs layer has the full size', () => {
    expect(parentOf(record('3.12', 49_312_572, 'python'))?.parent).toBe('debian:trixie');
    // A "slim" in the tag does not override the measured rootfs.
    expect(parentOf(record('x-slim', 49_312_572, 'python'))?.parent).toBe('debian:trixie');
  });
});

describe('bench ENV from the published history', () => {
  it('gives php its PHPIZE_DEPS, with the package names of the parent family', () => {
    const debian = publishedEnv(root, record('8.4-cli', 1), 'debian slim');
    expect(debian).toHaveLength(1);
    expect(debian[0]).toMatch(/^ENV PHPIZE_DEPS="autoconf .*pkg-config re2c"$/);
    const alpine = publishedEnv(root, record('8.4-alpine', 1), 'alpine');
    expect(alpine[0]).toMatch(/pkgconf re2c"$/);
  });

  it('gives other images nothing', () => {
    expect(publishedEnv(root, record('3.12', 1, 'python'), 'debian')).toEqual([]);
  });
});
