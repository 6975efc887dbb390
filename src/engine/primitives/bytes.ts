// The one byte formatter of the engine, the CLI and the page: decimal (SI) units as `docker images`
// prints them (1 kB = 1000 B), at most three significant digits and no trailing zeros: 999 B,
// 1.23 kB, 45.6 MB, 789 MB, 1.5 GB, 20 MB (a guessed '≈ 20 MB' never reads as '20.0 MB').

const UNITS = ['kB', 'MB', 'GB', 'TB'];

/** 1234567 → '1.23 MB'; '—' for a missing or non-finite number; negatives with a minus sign. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  const sign = bytes < 0 ? '−' : '';
  const n = Math.abs(bytes);
  if (Math.round(n) < 1000) return `${sign}${Math.round(n)} B`;
  let value = n / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
  return `${sign}${Number(value.toFixed(digits))} ${UNITS[unit]}`;
}
