// Rule metadata and docs for the Learn pages and finding explanations. They come from a JSON file
// generated from the engine's rule registry (scripts/rules-meta.ts, `npm run docs:rules`), so the
// page never loads the rules' code just to show their words. Loaded lazily, in its own chunk.
import type { RuleDocs, RuleMeta } from '../engine/rules/types';

export interface RuleInfo {
  meta: RuleMeta;
  docs: RuleDocs;
}

let cache: Promise<RuleInfo[]> | null = null;

export function loadRules(): Promise<RuleInfo[]> {
  cache ??= import('./generated/rules-meta.json')
    .then((mod) => mod.default as RuleInfo[])
    .catch(() => {
      cache = null;
      return [];
    });
  return cache;
}
