// A versioned source tarball unpacks into its own folder (name-1.2.3.tar.gz → name-1.2.3/), so the
// RUN that removes that folder after building takes the tree out again; with --strip-components
// the tree lands in the destination itself.
import { beforeAll, describe, expect, it } from 'vitest';
import { estimate, layerAt, ready } from './helpers';
import { parseDockerfile } from '../../../src/engine/node';

beforeAll(ready);

const FETCH =
  'curl -fL -o /tmp/App-cpanminus-1.7049.tar.gz https://downloads.example/App-cpanminus-1.7049.tar.gz';

const layerBytes = (run: string) =>
  layerAt(estimate(`FROM debian:trixie-slim\nRUN ${run}\n`), 2).uncompressedBytes;

describe('a source tarball', () => {
  it('unpacks into its own folder, which an rm -rf of that folder takes out', () => {
    const kept = layerBytes(
      `${FETCH} && tar -xzf /tmp/App-cpanminus-1.7049.tar.gz -C /usr/src && rm /tmp/*.tar.gz`,
    );
    const removed = layerBytes(
      `${FETCH} && tar -xzf /tmp/App-cpanminus-1.7049.tar.gz -C /usr/src && rm -rf /usr/src/App-cpanminus-1.7049 /tmp/*.tar.gz`,
    );
    expect(kept).toBeGreaterThan(10e6);
    expect(removed).toBeLessThan(1e6);
  });

  it('with --strip-components lands in the destination: removing the versioned folder frees nothing', () => {
    const stripped = `${FETCH} && mkdir -p /usr/src/cpanm && tar -xzf /tmp/App-cpanminus-1.7049.tar.gz -C /usr/src/cpanm --strip-components=1 && rm /tmp/*.tar.gz`;
    const kept = layerBytes(stripped);
    expect(layerBytes(`${stripped} && rm -rf /usr/src/cpanm/App-cpanminus-1.7049`)).toBe(kept);
    expect(layerBytes(`${stripped} && rm -rf /usr/src/cpanm`)).toBeLessThan(1e6);
    const run = parseDockerfile(`FROM debian\nRUN tar -xzf x.tar.gz -C /d --strip-components 1\n`).stages[0]
      .instructions[1];
    expect('shell' in run && run.shell?.effects[0]).toMatchObject({ kind: 'extract', strip: 1 });
  });
});
