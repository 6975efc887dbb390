// Defaults for everything the engine cannot see (the build context) and the caps that bound work.
import type { AnalyzeOptions, ContextAssumptions } from './types';

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
  };
}

/** Options arrive from URLs and the UI: keep only well-typed, non-negative values. */
function sanitizeContext(raw: Partial<ContextAssumptions>): Partial<ContextAssumptions> {
  const out: Partial<ContextAssumptions> = {};
  for (const key of Object.keys(DEFAULT_CONTEXT) as (keyof ContextAssumptions)[]) {
    const value = raw[key];
    const expected = typeof DEFAULT_CONTEXT[key];
    if (expected === 'number' && typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      (out as Record<string, unknown>)[key] = Math.round(value);
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
