// Test helpers for the rules: parse through the engine's Node entry, run one rule (or all), apply a fix.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parseDockerfile, shellParserLoaded } from '../../../src/engine/node';
import { resolveOptions } from '../../../src/engine/options';
import { runRules, type RuleOutcome } from '../../../src/engine/rules/run';
import { allRules } from '../../../src/engine/rules/registry';
import { applyEdits } from '../../../src/engine/primitives/edits';
import type { Rule } from '../../../src/engine/rules/types';
import type { AnalyzeOptions, Estimate } from '../../../src/engine/types';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/dockerfiles');

export const ready = (): Promise<void> => shellParserLoaded;

const NO_ESTIMATE: Estimate = { uncompressedBytes: 0, compressedBytes: 0, confidence: 'low', layers: [] };

export function ruleOf(id: string): Rule {
  const rule = allRules.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

/** Runs rules (all, or one by id) over a Dockerfile, with central suppression, without savings. */
export function lint(text: string, id?: string, options: AnalyzeOptions = {}): RuleOutcome[] {
  const model = parseDockerfile(text);
  return runRules(model, resolveOptions(options), NO_ESTIMATE, {
    rules: id ? [ruleOf(id)] : undefined,
    skipSavings: true,
    onError: (rule, error) => {
      throw new Error(`rule ${rule.meta.id} threw: ${error instanceof Error ? error.stack : String(error)}`);
    },
  });
}

/** The text after applying the fix of the one finding, or null when it has none. */
export function fixed(text: string, outcome: RuleOutcome): string | null {
  return outcome.fix ? applyEdits(text, outcome.fix.edits) : null;
}

export interface Case {
  name: string;
  code: string;
  /** For invalid cases: the text after the fix, or null for "reported, not fixed". */
  output?: string | null;
  /** Expected number of findings (default 1 for invalid cases). */
  count?: number;
  /** For invalid cases: the line of the first finding (1-based), when the case wants it explicit. */
  line?: number;
  /** For invalid cases: a part of the first finding's message, when the case wants it explicit. */
  message?: string | RegExp;
}

/** Lines joined with \n plus a final newline. */
export function df(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/**
 * A valid/invalid table in the manner of ESLint's RuleTester: valid cases yield no finding of the
 * rule; invalid ones yield `count` findings (default 1) whose lines and messages match the stored
 * snapshot (and `line` / `message` when given), and, when `output` is given, the first finding's
 * fix produces it (null: reported, not fixed).
 */
export function ruleCases(
  id: string,
  cases: { valid: Case[]; invalid: Case[] },
  options?: AnalyzeOptions,
): void {
  describe(id, () => {
    for (const c of cases.valid) {
      it(`don't warn: ${c.name}`, () => {
        expect(lint(c.code, id, options).map((o) => o.finding.message)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`warn: ${c.name}`, () => {
        const found = lint(c.code, id, options);
        expect(found.map((o) => o.finding.message)).toHaveLength(c.count ?? 1);
        if (c.line !== undefined) expect(found[0].finding.line).toBe(c.line);
        if (c.message !== undefined) expect(found[0].finding.message).toMatch(c.message);
        // Every finding's lines and message, compared with the reviewed snapshot
        // (__snapshots__/<rule>.test.ts.snap; regenerate with `npm run snapshots:update`).
        expect(found.map(({ finding: f }) => `L${f.line}-${f.endLine}: ${f.message}`)).toMatchSnapshot();
        if (c.output !== undefined) expect(fixed(c.code, found[0])).toBe(c.output);
      });
    }
  });
}
