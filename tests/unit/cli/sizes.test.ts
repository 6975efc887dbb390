import { describe, expect, it } from 'vitest';
import { formatBytes, parseSize } from '../../../src/cli/sizes';

describe('parseSize', () => {
  it.each([
    ['150MB', 150_000_000],
    ['150mb', 150_000_000],
    ['1.5GB', 1_500_000_000],
    ['800MiB', 800 * 1024 * 1024],
    ['2GiB', 2 * 1024 ** 3],
    ['1e8', 100_000_000],
    ['123456', 123_456],
    ['512KB', 512_000],
    ['100 MB', 100_000_000],
    ['10B', 10],
  ])('%s → %d', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'MB', 'ten', '-5MB', '1.5XB', '1,5GB'])('rejects %j', (text) => {
    expect(parseSize(text)).toBeNull();
  });
});

describe('formatBytes', () => {
  it('prints decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1234)).toBe('1.23 kB');
    expect(formatBytes(150_000_000)).toBe('150 MB');
    // Intended fix (issue 17): one formatter everywhere, without trailing zeros.
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
  });
});
