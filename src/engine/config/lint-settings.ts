// Lint settings as they travel outside a config file (links, the Options panel, stored options):
// checked field by field, empty parts dropped, lists sorted so the same settings give the same link.
import type { Analysis, LintSettings } from '../types';

const LEVELS = ['error', 'warning', 'info', 'style'] as const;
export const FAILURE_THRESHOLDS = ['none', 'error', 'warning', 'info', 'style'] as const;
const MAX_ITEMS = 200;
const MAX_CHARS = 200;

/** Reads settings from untrusted JSON; null when the value is not a settings object at all. */
export function sanitizeLintSettings(raw: unknown): LintSettings | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const out: LintSettings = {};
  const ignored = words(r.ignored);
  if (ignored.length) out.ignored = ignored;
  if (typeof r.override === 'object' && r.override && !Array.isArray(r.override)) {
    const o = r.override as Record<string, unknown>;
    const override: NonNullable<LintSettings['override']> = {};
    for (const level of LEVELS) {
      const ids = words(o[level]);
      if (ids.length) override[level] = ids;
    }
    if (Object.keys(override).length) out.override = override;
  }
  const trusted = words(r.trustedRegistries);
  if (trusted.length) out.trustedRegistries = trusted;
  if (typeof r.labelSchema === 'object' && r.labelSchema && !Array.isArray(r.labelSchema)) {
    const entries = Object.entries(r.labelSchema as Record<string, unknown>)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && clean(e[0]) !== '')
      .slice(0, MAX_ITEMS)
      .map(([k, v]) => [clean(k), clean(v)] as const)
      .sort((a, b) => a[0].localeCompare(b[0]));
    if (entries.length) out.labelSchema = Object.fromEntries(entries);
  }
  if (r.strictLabels === true) out.strictLabels = true;
  const threshold = r.failureThreshold;
  if (typeof threshold === 'string' && [...FAILURE_THRESHOLDS, 'ignore'].includes(threshold))
    out.failureThreshold = threshold as LintSettings['failureThreshold'];
  return out;
}

/** The settings worth carrying, or undefined when none are set. */
export function compactLintSettings(settings: LintSettings | undefined): LintSettings | undefined {
  const s = sanitizeLintSettings(settings);
  return s && Object.keys(s).length ? s : undefined;
}

function clean(value: string): string {
  return value.trim().slice(0, MAX_CHARS);
}

/** A sorted, de-duplicated list of non-empty strings (other items dropped). */
function words(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const items = value.filter((v): v is string => typeof v === 'string').map(clean);
  return [...new Set(items.filter((v) => v !== ''))].slice(0, MAX_ITEMS).sort();
}

const RANK = { info: 1, warning: 2, error: 3 } as const;

/** The findings that reach hadolint's `failure-threshold` (none for `none`/`ignore`/unset). */
export function findingsAtThreshold(
  findings: Analysis['findings'],
  threshold: LintSettings['failureThreshold'],
): Analysis['findings'] {
  if (!threshold || threshold === 'none' || threshold === 'ignore') return [];
  const min = threshold === 'style' ? 1 : RANK[threshold];
  return findings.filter((f) => RANK[f.severity] >= min);
}
