// Debian official images' build pattern: apt-mark auto '.*', mark manual again what must stay
// (the saved list, the ldd scan's runtime libraries, named packages), purge --auto-remove.
import { beforeAll, describe, expect, it } from 'vitest';
import { estimate, layerAt, ready } from './helpers';
import type { LayerEstimate } from '../../../src/engine/types';

beforeAll(ready);

const BUILD_DEPS = 'gcc make libssl-dev libyaml-dev libffi-dev zlib1g-dev';
const INSTALL = `savedAptMark="$(apt-mark showmanual)"; apt-get update; apt-get install -y --no-install-recommends ${BUILD_DEPS}; make install`;
const MARK = `apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark`;
const SCAN = `find /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { so = $(NF-1); print so }' | sort -u | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual`;
const PURGE =
  'apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*';

function run(...parts: string[]): LayerEstimate {
  return layerAt(estimate(`FROM debian:bookworm-slim\nRUN set -eux; ${parts.join('; ')}`), 2);
}

/** The OS package items a layer keeps (their notes name the packages). */
function osItems(l: LayerEstimate) {
  return (l.items ?? []).filter((i) => i.kind === 'os-packages');
}

function packageBytes(l: LayerEstimate): number {
  return osItems(l).reduce((s, i) => s + i.uncompressedBytes, 0);
}

/** What the layer says it holds (its items' labels, then its notes). */
function notes(l: LayerEstimate): string {
  return l.basis;
}

describe('apt-mark auto, then purge --auto-remove', () => {
  it('the full pattern keeps only the runtime libraries of the -dev packages', () => {
    const full = run(INSTALL, MARK, SCAN, PURGE);
    expect(osItems(full)).toHaveLength(1);
    expect(notes(full)).toMatch(/survive the purge: libssl3, libyaml-0-2 \(2 runtime libraries/);
    // zlib1g and libffi8 are in the base image already: nothing to keep for their -dev packages.
    expect(notes(full)).not.toMatch(/zlib1g|libffi8|installs gcc|\w-dev\b/);
    const everything = run(INSTALL, 'rm -rf /var/lib/apt/lists/*');
    expect(packageBytes(full)).toBeGreaterThan(0);
    expect(packageBytes(full)).toBeLessThan(packageBytes(everything) / 10);
  });

  it('without the ldd scan only the saved packages stay: nothing of this RUN', () => {
    expect(osItems(run(INSTALL, MARK, PURGE))).toEqual([]);
    const guarded = `apt-mark auto '.*' > /dev/null; [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark > /dev/null`;
    expect(osItems(run(INSTALL, guarded, PURGE))).toEqual([]);
  });

  it('what the RUN installed before saving apt-mark showmanual stays; what came after goes', () => {
    const runtime = 'apt-get update; apt-get install -y --no-install-recommends libjemalloc2 pwgen xz-utils';
    const fetchTools = 'apt-get install -y --no-install-recommends dirmngr gpg-agent wget';
    const save = 'savedAptMark="$(apt-mark showmanual)"';
    const l = run(runtime, save, fetchTools, MARK, PURGE);
    expect(notes(l)).toMatch(
      /survive the purge: libjemalloc2, pwgen, xz-utils \(3 installed before the saved apt-mark showmanual list\)/,
    );
    expect(notes(l)).not.toMatch(/wget|dirmngr/);
    const runtimeOnly = run(runtime, 'rm -rf /var/lib/apt/lists/*');
    expect(packageBytes(l)).toBeGreaterThan(packageBytes(runtimeOnly) * 0.8);
    expect(packageBytes(l)).toBeLessThan(packageBytes(runtimeOnly) * 1.2);
    // Saved first (the usual order): the install after it goes whole.
    expect(osItems(run(save, runtime, fetchTools, MARK, PURGE))).toEqual([]);
  });

  it('packages named in apt-mark manual are kept with their dependencies', () => {
    const l = run(INSTALL.replace(BUILD_DEPS, 'gcc libpq-dev'), MARK, 'apt-mark manual libpq5', PURGE);
    expect(notes(l)).toMatch(/survive the purge: libpq5 \(1 named in apt-mark manual\)/);
    expect(packageBytes(l)).toBeGreaterThan(0);
    expect(packageBytes(l)).toBeLessThan(
      packageBytes(run(INSTALL.replace(BUILD_DEPS, 'gcc libpq-dev'))) / 10,
    );
  });

  it('apt-mark auto without a purge removes nothing', () => {
    const marked = run(INSTALL, MARK, SCAN, 'rm -rf /var/lib/apt/lists/*');
    const plain = run(INSTALL, 'rm -rf /var/lib/apt/lists/*');
    expect(packageBytes(plain)).toBeGreaterThan(50e6);
    expect(packageBytes(marked)).toBe(packageBytes(plain));
  });

  it('a purged package installed again by a later RUN is counted again', () => {
    const e = estimate(
      `FROM debian:bookworm-slim\nRUN ${INSTALL}; ${MARK}; ${PURGE}\nRUN apt-get update && apt-get install -y --no-install-recommends gcc`,
    );
    expect(notes(layerAt(e, 3))).toMatch(/installs gcc/);
    expect(packageBytes(layerAt(e, 3))).toBeGreaterThan(10e6);
  });
});
