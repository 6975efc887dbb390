// Conformance with hadolint's and BuildKit's own test cases (issue 19): for every peer rule one of
// our rules claims as an alias, the share of the peer's cases we agree with. Read from
// ../shared/peer-suites (never copied into the project); skipped with a message when absent.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PEER_SUITES_DIR,
  formatConformance,
  loadPeerCases,
  runConformance,
  type ConformanceReport,
} from '../../../scripts/bench/conformance';
import { DOCUMENTED_DIFFERENCES } from '../../../scripts/bench/conformance-differences';
import { rulesForAlias } from '../../../src/engine/rules/index';

/** Agreement each suite must reach; issue 19's bar is 95 % (raised as the rules are fixed). */
const REQUIRED_RATE = { hadolint: 0.95, buildkit: 0.95 };
/** Agreement each claimed peer rule must reach on its own cases (issue 19). */
const REQUIRED_RULE_RATE = 0.95;
/**
 * Claimed rules below that bar, each only through differences documented in its rule docs, with
 * the agreement measured when it was listed: a rule may leave this list by agreeing more, never
 * fall further, and no rule may join it silently.
 */
const BELOW_BAR_DOCUMENTED: Record<string, number> = {
  'hadolint/DL3002': 15 / 17,
  'hadolint/DL3010': 7 / 8,
};
/** Undocumented disagreements still allowed (lowered as the rules are fixed, to 0). */
const MAX_UNDOCUMENTED = 0;

const cases = loadPeerCases();
if (!cases) console.warn(`conformance: skipped — the peer suites folder ${PEER_SUITES_DIR} is absent.`);

describe.skipIf(!cases)('conformance with the peer suites', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    report = await runConformance(cases!);
    console.log(formatConformance(report));
  }, 180_000);

  it.each(['hadolint', 'buildkit'] as const)(
    'agrees with %s on the required share of the claimed cases',
    (source) => {
      const t = report.totals[source];
      expect(t.cases).toBeGreaterThan(100);
      expect(t.rate).toBeGreaterThanOrEqual(REQUIRED_RATE[source]);
    },
  );

  it('every claimed rule agrees on 95 % of its cases, or is listed with documented differences', () => {
    const below = report.rows
      .filter((r) => r.agree / r.cases < REQUIRED_RULE_RATE)
      .map((r) => ({ key: `${r.source}/${r.rule}`, rate: r.agree / r.cases, row: r }));
    const unlisted = below
      .filter((b) => !(b.key in BELOW_BAR_DOCUMENTED) || b.row.disagree > 0)
      .map((b) => `${b.key}: ${b.row.agree}/${b.row.cases} (${(b.rate * 100).toFixed(1)} %)`);
    expect(unlisted, `rules below ${REQUIRED_RULE_RATE * 100} %:\n${unlisted.join('\n')}`).toEqual([]);
    for (const b of below)
      expect(b.rate, `${b.key} fell below its listed agreement`).toBeGreaterThanOrEqual(
        BELOW_BAR_DOCUMENTED[b.key] - 1e-9,
      );
    // A listed rule that now clears the bar should leave the list (keeps the list honest).
    const cleared = Object.keys(BELOW_BAR_DOCUMENTED).filter((k) => !below.some((b) => b.key === k));
    expect(cleared, 'listed rules that now reach the bar: remove them from the list').toEqual([]);
  });

  it('disagreements are documented differences', () => {
    const undocumented = report.results
      .filter((r) => r.verdict === 'disagree')
      .map(
        (r) =>
          `${r.case.rule} ${r.case.expect} ${r.case.file} (ours on lines: ${r.lines.join(',') || 'none'})`,
      );
    expect(undocumented.length, undocumented.join('\n')).toBeLessThanOrEqual(MAX_UNDOCUMENTED);
  });

  it('every documented difference is a real disagreement, explained in the rule docs', () => {
    for (const d of DOCUMENTED_DIFFERENCES) {
      const result = report.results.find((r) => r.case.file === d.file && r.case.rule === d.rule);
      expect(result?.verdict, `${d.file} ${d.rule}`).toBe('documented');
      const docs = rulesForAlias(d.rule)
        .map((r) => r.docs.whenNotToUse)
        .join(' ');
      expect(docs, `the docs of the rule claiming ${d.rule} name the difference`).toContain(d.rule);
    }
  });
});
