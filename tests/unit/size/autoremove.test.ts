// A bare `apt-get autoremove` takes only what nothing needs any more: the dependencies of packages
// removed before it. What a RUN installed by name is marked manual and stays.
import { beforeAll, describe, expect, it } from 'vitest';
import { estimate, layerAt, ready } from './helpers';

beforeAll(ready);

function layerBytes(run: string): { bytes: number; basis: string } {
  const l = layerAt(estimate(`FROM debian:bookworm-slim\nRUN ${run}\n`), 2);
  return { bytes: l.uncompressedBytes, basis: l.basis };
}

const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends curl git gcc';
const LISTS = 'rm -rf /var/lib/apt/lists/*';

describe('a bare autoremove', () => {
  it('after an install alone frees nothing (what was asked for by name stays)', () => {
    const without = layerBytes(`${INSTALL} && ${LISTS}`);
    const withIt = layerBytes(`${INSTALL} && apt-get autoremove -y && ${LISTS}`);
    expect(without.bytes).toBeGreaterThan(50e6);
    expect(withIt.bytes).toBe(without.bytes);
    expect(withIt.basis).toMatch(/auto-remove takes only packages nothing needs/);
  });

  it('after a purge takes the purged package’s dependencies, as purge --auto-remove does', () => {
    const purgeOnly = layerBytes(`${INSTALL} && apt-get purge -y gcc && ${LISTS}`);
    const thenAutoremove = layerBytes(
      `${INSTALL} && apt-get purge -y gcc && apt-get autoremove -y && ${LISTS}`,
    );
    const oneStep = layerBytes(`${INSTALL} && apt-get purge -y --auto-remove gcc && ${LISTS}`);
    expect(thenAutoremove.bytes).toBeLessThan(purgeOnly.bytes - 20e6);
    expect(Math.abs(thenAutoremove.bytes - oneStep.bytes) / oneStep.bytes).toBeLessThan(0.001);
    expect(thenAutoremove.basis).toMatch(/auto-remove takes the dependencies of gcc/);
    // curl and git stay: at least what installing them alone takes (their shared dependencies too).
    const curlGit = layerBytes(`${INSTALL.replace(' gcc', '')} && ${LISTS}`).bytes;
    expect(thenAutoremove.bytes).toBeGreaterThanOrEqual(curlGit * 0.9);
  });

  it('a purge --auto-remove with no names and no apt-mark before it frees nothing either', () => {
    const without = layerBytes(`${INSTALL} && ${LISTS}`);
    expect(layerBytes(`${INSTALL} && apt-get purge -y --auto-remove && ${LISTS}`).bytes).toBe(without.bytes);
  });

  it('with names removes them and what only they needed (apt-get autoremove --purge NAME)', () => {
    const kept = layerBytes(`${INSTALL} && ${LISTS}`).bytes;
    const named = layerBytes(`${INSTALL} && apt-get autoremove -y --purge gcc && ${LISTS}`);
    const oneStep = layerBytes(`${INSTALL} && apt-get purge -y --auto-remove gcc && ${LISTS}`);
    expect(named.bytes).toBeLessThan(kept - 20e6);
    expect(named.bytes).toBe(oneStep.bytes);
    expect(named.basis).toMatch(/gcc purged in the same RUN/);
  });
});
