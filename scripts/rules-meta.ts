// The page's rule metadata (Learn pages, finding explanations) as generated JSON, so the main thread
// shows rule titles and docs without loading the rules' code (checks, fixes, synthesizers).
// Written by `npm run docs:rules` with the rules reference; tests/unit/ui/rules-meta.test.ts checks
// that the committed file equals a fresh generation.
import type { Rule } from '../src/engine/rules/types';
import type { RuleInfo } from '../src/ui/rules-meta';

/** Where the generated file lives, relative to the repository root. */
export const RULES_META_FILE = 'src/ui/generated/rules-meta.json';

/** Metadata and docs of every rule, sorted by id (the order the Learn list shows). */
export function ruleInfos(rules: readonly Rule[]): RuleInfo[] {
  return rules
    .map((rule) => ({ meta: rule.meta, docs: rule.docs }))
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}

/** The file's exact text: stable key order (as the rules write them), one trailing newline. */
export function rulesMetaJson(rules: readonly Rule[]): string {
  return JSON.stringify(ruleInfos(rules), null, 1) + '\n';
}
