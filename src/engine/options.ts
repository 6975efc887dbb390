// Defaults for everything the engine cannot see (the build context) and the caps that bound work.
import type { AnalyzeOptions, ContextAssumptions, LintSettings } from './types';

/** 256 K characters: twenty times the largest real Dockerfile we know; bounds parse time. */
export const DEFAULT_MAX_INPUT_CHARS = 256 * 1024;

export const DEFAULT_CONTEXT: ContextAssumptions = {
  sourceBytes: 5 * 1000 * 1000,
  hasDockerignore: false,
  hasNodeModules: false,
  nodeModulesBytes: 250 * 1000 * 1000,
  hasGit: true,
  gitBytes: 20 * 1000 * 1000,
};

export interface ResolvedOptions {
  context: ContextAssumptions;
  disabledSteps: ReadonlySet<string>;
  enabledSteps: ReadonlySet<string>;
  disabledRules: ReadonlySet<string>;
  /** Rule ids and aliases silenced by the lint settings (lower-case). */
  ignoredRules: ReadonlySet<string>;
  /** Severity overrides by rule id or alias (lower-case). */
  severityOverrides: ReadonlyMap<string, 'error' | 'warning' | 'info'>;
  /** The lint settings the configuration-driven rules read (trusted registries, label schema). */
  lint: LintSettings;
}

export function resolveOptions(options: AnalyzeOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) options = {};
  return {
    context: {
      ...DEFAULT_CONTEXT,
      ...sanitizeContext(typeof options.context === 'object' && options.context ? options.context : {}),
    },
    disabledSteps: new Set(stringList(options.rewrite?.disabledSteps)),
    enabledSteps: new Set(stringList(options.rewrite?.enabledSteps)),
    disabledRules: new Set(stringList(options.disabledRules)),
    ...lintSettings(typeof options.lint === 'object' && options.lint ? options.lint : {}),
  };
}

/** A petabyte: a context size above it is not a build context, and sums of such sizes overflow. */
const MAX_CONTEXT_BYTES = 1e15;

/** Options arrive from URLs and the UI: keep only well-typed, non-negative values, within a petabyte. */
function sanitizeContext(raw: Partial<ContextAssumptions>): Partial<ContextAssumptions> {
  const out: Partial<ContextAssumptions> = {};
  for (const key of Object.keys(DEFAULT_CONTEXT) as (keyof ContextAssumptions)[]) {
    const value = raw[key];
    const expected = typeof DEFAULT_CONTEXT[key];
    if (expected === 'number' && typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      (out as Record<string, unknown>)[key] = Math.min(Math.round(value), MAX_CONTEXT_BYTES);
    } else if (expected === 'boolean' && typeof value === 'boolean') {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** Lists of ids arrive from storage, links and library callers: keep only the strings. */
function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** hadolint-style settings, from a config file, a link or the UI: ids lower-cased, style → info. */
function lintSettings(
  lint: LintSettings,
): Pick<ResolvedOptions, 'ignoredRules' | 'severityOverrides' | 'lint'> {
  const overrides = new Map<string, 'error' | 'warning' | 'info'>();
  const o = typeof lint.override === 'object' && lint.override ? lint.override : {};
  for (const [level, severity] of [
    ['style', 'info'],
    ['info', 'info'],
    ['warning', 'warning'],
    ['error', 'error'],
  ] as const)
    for (const id of stringList(o[level])) overrides.set(id.toLowerCase(), severity);
  return {
    ignoredRules: new Set(stringList(lint.ignored).map((id) => id.toLowerCase())),
    severityOverrides: overrides,
    lint: ruleSettings(lint),
  };
}

/** The parts of the settings rules read, well-typed (they arrive from links and files). */
function ruleSettings(lint: LintSettings): LintSettings {
  const out: LintSettings = {};
  const registries = stringList(lint.trustedRegistries).filter((r) => r.trim() !== '');
  if (registries.length) out.trustedRegistries = registries;
  if (typeof lint.labelSchema === 'object' && lint.labelSchema && !Array.isArray(lint.labelSchema)) {
    const schema = Object.entries(lint.labelSchema).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[0].trim() !== '',
    );
    if (schema.length) out.labelSchema = Object.fromEntries(schema);
  }
  if (lint.strictLabels === true) out.strictLabels = true;
  return out;
}
