// The rules' public surface for the UI (Learn pages), the docs generator and tests: the registry
// and the documentation of each rule, from the one source of truth (the rule objects).
import type { Rule, RuleDocs, RuleMeta } from './types';
import { allRules } from './registry';
import { crossRefIds } from './cross-refs';

export { allRules } from './registry';
export type { Rule, RuleDocs, RuleMeta, Fix, TextEdit, RuleReport, RuleContext } from './types';

const byId = new Map<string, Rule>(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | null {
  return byId.get(id) ?? null;
}

/** Metadata and docs of one rule, for its Learn page; null for an unknown id. */
export function ruleDocs(id: string): { meta: RuleMeta; docs: RuleDocs; aliases: string[] } | null {
  const rule = byId.get(id);
  if (!rule) return null;
  const peers = [...rule.meta.hadolint, ...rule.meta.buildChecks];
  return { meta: rule.meta, docs: rule.docs, aliases: [...peers, ...crossRefIds(rule.meta.id, peers)] };
}

/** The rule whose hadolint id or build-check name this is (e.g. 'DL3009' → apt-lists-not-removed). */
export function rulesForAlias(alias: string): Rule[] {
  const a = alias.toLowerCase();
  return allRules.filter((r) =>
    [...r.meta.hadolint, ...r.meta.buildChecks].some((x) => x.toLowerCase() === a),
  );
}
