// Byte sizes for the CLI: parsing budgets (150MB, 1.5GB, 800MiB, 1e8, 123456); printing sizes is
// the engine's one formatBytes.

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/**
 * Parses a size: a number (plain, decimal or exponent) and an optional unit. Decimal units (KB, MB,
 * GB) are powers of 1000, binary ones (KiB, MiB, GiB) powers of 1024, as `docker images` prints
 * decimal units. Returns null for anything else.
 */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return null;
  const factor = UNITS[m[2].toLowerCase()];
  if (factor === undefined) return null;
  const bytes = Number(m[1]) * factor;
  if (!Number.isFinite(bytes) || bytes < 0) return null;
  return Math.round(bytes);
}

export { formatBytes } from '../engine/primitives/bytes';

const DURATION_UNITS: Record<string, number> = { '': 1000, ms: 1, s: 1000, m: 60_000 };

/** Parses a duration: 30 (seconds), 30s, 1.5s, 500ms, 2m. Returns milliseconds, or null. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|)\s*$/i.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * DURATION_UNITS[m[2].toLowerCase()];
  return Number.isFinite(ms) ? Math.round(ms) : null;
}
