// Rule metadata and docs for the Learn pages and finding explanations, read from the engine's rule
// registry (one source of truth). Loaded lazily, in its own chunk, the first time it is needed.
import type { RuleDocs, RuleMeta } from '../engine/rules/types';

export interface RuleInfo {
  meta: RuleMeta;
  docs: RuleDocs;
}

let cache: Promise<RuleInfo[]> | null = null;

export function loadRules(): Promise<RuleInfo[]> {
  cache ??= import('../engine/rules/registry')
    .then((mod) =>
      mod.allRules
        .map((rule) => ({ meta: rule.meta, docs: rule.docs }))
        .sort((a, b) => a.meta.id.localeCompare(b.meta.id)),
    )
    .catch(() => {
      cache = null;
      return [];
    });
  return cache;
}
