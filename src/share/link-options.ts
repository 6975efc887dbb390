// The options a link carries (its `o` object): only what differs from the defaults, with short keys
// and sorted lists so that the same state always gives the same link; and, when a link is opened,
// the check of that object, which drops damaged parts and names them instead of failing the link.
import { DEFAULT_CONTEXT } from '../engine/options';
import { compactLintSettings, sanitizeLintSettings } from '../engine/config/lint-settings';
import type { AnalyzeOptions, ContextAssumptions, LintSettings } from '../engine/types';

const MAX_LIST_ITEMS = 200;
const MAX_ID_CHARS = 100;
/** Context sizes above this (1 PB) are not assumptions anyone makes: treated as damage. */
const MAX_CONTEXT_NUMBER = 1e15;

/** The `o` object of a link: short keys, only non-default values, sorted lists (stable links). */
export interface CompactOptions {
  /** Context assumptions that differ from DEFAULT_CONTEXT. */
  c?: Partial<ContextAssumptions>;
  /** Rewrite steps switched off. */
  sd?: string[];
  /** Rewrite steps (off by default) switched on. */
  se?: string[];
  /** Rules switched off. */
  rd?: string[];
  /** Lint settings (as in .hadolint.yaml); links made before they existed simply lack `l`. */
  l?: LintSettings;
}

const CONTEXT_KEYS = Object.keys(DEFAULT_CONTEXT) as (keyof ContextAssumptions)[];

function sortedUnique(list: readonly string[] | undefined): string[] {
  return [...new Set(list ?? [])].sort();
}

/** The options that differ from the defaults, or undefined when none do. */
export function diffOptions(options: AnalyzeOptions | undefined): CompactOptions | undefined {
  if (!options) return undefined;
  const out: CompactOptions = {};
  const context: Partial<ContextAssumptions> = {};
  for (const key of CONTEXT_KEYS) {
    const value = options.context?.[key];
    if (value !== undefined && value !== DEFAULT_CONTEXT[key]) {
      (context as Record<string, unknown>)[key] = value;
    }
  }
  if (Object.keys(context).length > 0) out.c = context;
  const sd = sortedUnique(options.rewrite?.disabledSteps);
  const se = sortedUnique(options.rewrite?.enabledSteps);
  const rd = sortedUnique(options.disabledRules);
  if (sd.length) out.sd = sd;
  if (se.length) out.se = se;
  if (rd.length) out.rd = rd;
  const l = compactLintSettings(options.lint);
  if (l) out.l = l;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Turns the `o` object of a link back into AnalyzeOptions (only the fields present). */
export function expandOptions(compact: CompactOptions | undefined): AnalyzeOptions {
  const out: AnalyzeOptions = {};
  if (!compact) return out;
  if (compact.c && Object.keys(compact.c).length) out.context = { ...compact.c };
  if (compact.sd?.length || compact.se?.length) {
    out.rewrite = {};
    if (compact.sd?.length) out.rewrite.disabledSteps = [...compact.sd];
    if (compact.se?.length) out.rewrite.enabledSteps = [...compact.se];
  }
  if (compact.rd?.length) out.disabledRules = [...compact.rd];
  if (compact.l) out.lint = structuredClone(compact.l);
  return out;
}

/** Options with the defaults removed: what a link would carry, as AnalyzeOptions. */
export function normalizeOptions(options: AnalyzeOptions | undefined): AnalyzeOptions {
  return expandOptions(diffOptions(options));
}

/** Checks one decoded `o` object; bad parts are dropped and named in `warnings`. */
export function readOptions(raw: unknown, warnings: string[]): AnalyzeOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push('The link’s settings were damaged and were replaced by the defaults.');
    return {};
  }
  const o = raw as Record<string, unknown>;
  const compact: CompactOptions = {};
  if (o.c !== undefined) {
    if (typeof o.c !== 'object' || o.c === null || Array.isArray(o.c)) {
      warnings.push('The link’s build-context assumptions were damaged and were replaced by the defaults.');
    } else {
      const c = o.c as Record<string, unknown>;
      const context: Partial<ContextAssumptions> = {};
      for (const key of CONTEXT_KEYS) {
        const value = c[key];
        if (value === undefined) continue;
        const expected = typeof DEFAULT_CONTEXT[key];
        if (
          expected === 'number' &&
          typeof value === 'number' &&
          Number.isFinite(value) &&
          value >= 0 &&
          value <= MAX_CONTEXT_NUMBER
        ) {
          (context as Record<string, unknown>)[key] = Math.round(value);
        } else if (expected === 'boolean' && typeof value === 'boolean') {
          (context as Record<string, unknown>)[key] = value;
        } else {
          warnings.push(`The link’s setting "${key}" was not valid and the default was used.`);
        }
      }
      if (Object.keys(context).length) compact.c = context;
    }
  }
  const lists: [keyof CompactOptions, string][] = [
    ['sd', 'rewrite steps switched off'],
    ['se', 'rewrite steps switched on'],
    ['rd', 'rules switched off'],
  ];
  for (const [key, label] of lists) {
    const value = o[key];
    if (value === undefined) continue;
    const ids = readIdList(value);
    if (ids === null) warnings.push(`The link’s list of ${label} was damaged and was ignored.`);
    else if (ids.length) (compact as Record<string, unknown>)[key] = ids;
  }
  if (o.l !== undefined) {
    const lint = sanitizeLintSettings(o.l);
    if (lint === null) warnings.push('The link’s lint settings were damaged and were ignored.');
    else if (Object.keys(lint).length) compact.l = lint;
  }
  return expandOptions(compact);
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

function readIdList(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_LIST_ITEMS) return null;
  for (const item of value) {
    if (typeof item !== 'string' || item.length > MAX_ID_CHARS || !ID_PATTERN.test(item)) return null;
  }
  return sortedUnique(value as string[]);
}
