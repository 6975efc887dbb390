// Single-binary downloads (gosu, tini, kubectl) are known by name whether the URL spells the
// architecture or leaves it in a variable the script computed, and by the file they are saved as.
import { beforeAll, describe, expect, it } from 'vitest';
import { findToolchain } from '../../../src/engine/size/heuristics';
import { estimate, layerAt, ready } from './helpers';

beforeAll(ready);

const GOSU = 'https://github.com/tianon/gosu/releases/download/1.17/gosu';

describe('release binaries named with an architecture', () => {
  it.each([
    `${GOSU}-amd64`,
    `${GOSU}-$dpkgArch`,
    `${GOSU}-\${dpkgArch}`,
    `${GOSU}-$gosuArch`,
    `${GOSU}-$TARGETARCH`,
    `${GOSU}-\${ARCH}`,
    `${GOSU}-$(dpkg --print-architecture)`,
    `${GOSU}-$(dpkg --print-architecture | awk -F- '{ print $NF }')`,
    '/usr/local/bin/gosu',
    'gosu',
  ])('%s is gosu', (url) => {
    expect(findToolchain(url)?.name).toBe('gosu');
  });

  it('its signature is a small file, and other names are not gosu', () => {
    expect(findToolchain(`${GOSU}-$dpkgArch.asc`)?.name).toBe('small file');
    expect(findToolchain('https://example.com/gosu-$dpkgArch/app.tar.gz')?.name ?? null).toBeNull();
    expect(findToolchain('https://example.com/notgosu')?.name ?? null).toBeNull();
    expect(findToolchain('https://example.com/gosu-latest')?.name ?? null).toBeNull();
  });

  it.each([
    'https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-$TINI_ARCH',
    'https://github.com/krallin/tini/releases/download/v0.19.0/tini-${dpkgArch}',
    'https://github.com/krallin/tini/releases/download/v0.19.0/tini',
  ])('%s is tini', (url) => {
    expect(findToolchain(url)?.name).toBe('tini');
  });

  it('a command substitution in a download name reads as the value it computes', () => {
    const conda = 'https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-$(uname -m).sh';
    expect(findToolchain(conda)?.name).toBe('Miniconda/Miniforge installer');
    expect(findToolchain('https://example.com/awscli-exe-linux-$(uname -m).zip')?.name).toBe('AWS CLI');
    expect(
      findToolchain('https://example.com/helm-v3.14.0-linux-$(dpkg --print-architecture).tar.gz')?.name,
    ).toBe('Helm');
    // A substitution that is no architecture does not make a name known.
    expect(findToolchain('https://example.com/app-$(date +%s).tar.gz')?.name ?? null).toBeNull();
    expect(findToolchain('https://example.com/gosu-$(date +%s)')?.name ?? null).toBeNull();
  });

  it('a gosu download with the architecture in a variable is sized as gosu, compressed as a program', () => {
    const e = estimate(
      [
        'FROM ubuntu:24.04',
        `RUN set -eux; dpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"; wget -q -O /usr/local/bin/gosu "${GOSU}-$dpkgArch"; wget -q -O /usr/local/bin/gosu.asc "${GOSU}-$dpkgArch.asc"; chmod +x /usr/local/bin/gosu`,
      ].join('\n'),
    );
    const layer = layerAt(e, 2);
    const gosu = findToolchain('gosu')!;
    // Not the 20 MB guess for an unknown download: gosu plus a signature of a few kB.
    expect(layer.uncompressedBytes).toBeGreaterThanOrEqual(gosu.installed);
    expect(layer.uncompressedBytes).toBeLessThan(gosu.installed + 100e3);
    expect(layer.compressedBytes).toBeLessThan(layer.uncompressedBytes / 2);
  });
});
