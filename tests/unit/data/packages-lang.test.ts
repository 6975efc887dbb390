import { describe, expect, it } from 'vitest';
import {
  npmPackageSize,
  npmStackSize,
  pipPackageSize,
  toolchainSize,
} from '../../../src/engine/size/packages-lang';

const MB = 1e6;

describe('language packages and toolchains', () => {
  it('npm packages and stacks', () => {
    const e = npmPackageSize('express');
    expect(e).not.toBeNull();
    expect(e!.bytes).toBeGreaterThan(100_000);
    expect(e!.packages).toBeGreaterThan(10);
    const s = npmStackSize('next');
    expect(s).not.toBeNull();
    expect(s!.bytes).toBeGreaterThan(50 * MB);
    expect(npmPackageSize('no-such-package-xyz')).toBeNull();
  });

  it('pip packages via their Debian equivalents', () => {
    const n = pipPackageSize('numpy');
    expect(n).not.toBeNull();
    expect(n!.bytes).toBeGreaterThan(5 * MB);
    expect(n!.confidence).toBe('low');
  });

  it('toolchains', () => {
    const go = toolchainSize('go');
    expect(go).not.toBeNull();
    expect(go!.bytes).toBeGreaterThan(100 * MB);
    expect(toolchainSize('jdk', '17')!.bytes).toBeGreaterThan(toolchainSize('jre', '17')!.bytes);
  });
});
