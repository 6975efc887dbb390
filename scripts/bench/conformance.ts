// Conformance with the peers' own test suites (issue 19): every case of hadolint's rule specs and
// BuildKit's check tests (../shared/peer-suites, see its README) is run through the engine, and a
// finding agrees when its aliases (or rule id) name the peer's rule. Used by the unit test
// (tests/unit/rules/conformance.test.ts) and printed by `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../../src/engine/node';
import type { Finding } from '../../src/engine/types';
import { allRules } from '../../src/engine/rules';
import { DOCUMENTED_DIFFERENCES, NOT_COVERED } from './conformance-differences';

export const PEER_SUITES_DIR = resolve(import.meta.dirname, '../../../shared/peer-suites');

export interface PeerCase {
  file: string;
  source: 'hadolint' | 'buildkit';
  rule: string;
  expect: 'fires' | 'silent';
  line?: number;
  line_asserted?: boolean;
  except_lines?: number[];
}

export type Verdict = 'agree' | 'documented' | 'disagree';

export interface CaseResult {
  case: PeerCase;
  verdict: Verdict;
  /** The lines our findings carrying the peer's rule id sit on. */
  lines: number[];
  /** For documented differences: why we deliberately differ. */
  reason?: string;
}

export interface RuleRow {
  source: PeerCase['source'];
  rule: string;
  cases: number;
  agree: number;
  documented: number;
  disagree: number;
}

export interface ConformanceReport {
  results: CaseResult[];
  /** Claimed peer rules only (an alias of one of our rules). */
  rows: RuleRow[];
  /** Peer rules no rule of ours names as an alias: their cases are counted apart. */
  unclaimed: { source: string; rule: string; cases: number }[];
  totals: Record<
    'all' | PeerCase['source'],
    { cases: number; agree: number; documented: number; rate: number }
  >;
}

/** The cases, or null when the shared folder is absent (tests skip, the bench says so). */
export function loadPeerCases(dir = PEER_SUITES_DIR): PeerCase[] | null {
  const path = resolve(dir, 'cases.json');
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as PeerCase[];
}

/** Every hadolint id and build-check name our rules' metadata claims (lower-case). */
export function claimedAliases(): Set<string> {
  const out = new Set<string>();
  for (const r of allRules)
    for (const a of [...r.meta.hadolint, ...r.meta.buildChecks]) out.add(a.toLowerCase());
  return out;
}

function carries(f: Finding, rule: string): boolean {
  const r = rule.toLowerCase();
  return f.ruleId.toLowerCase() === r || f.aliases.some((a) => a.toLowerCase() === r);
}

/** Whether our findings agree with one case's expectation. */
export function judge(c: PeerCase, findings: readonly Finding[]): { agree: boolean; lines: number[] } {
  const lines = findings.filter((f) => carries(f, c.rule)).map((f) => f.line);
  if (c.source === 'hadolint')
    return { agree: c.expect === 'fires' ? lines.length > 0 : lines.length === 0, lines };
  if (c.expect === 'fires') {
    const lineMatters = c.line !== undefined && c.line_asserted !== false;
    return { agree: lineMatters ? lines.includes(c.line!) : lines.length > 0, lines };
  }
  const allowed = new Set(c.except_lines ?? []);
  return { agree: lines.every((l) => allowed.has(l)), lines };
}

export async function runConformance(cases: PeerCase[], dir = PEER_SUITES_DIR): Promise<ConformanceReport> {
  const claimed = claimedAliases();
  const results: CaseResult[] = [];
  const unclaimed = new Map<string, { source: string; rule: string; cases: number }>();
  const memo = new Map<string, Finding[]>();
  for (const c of cases) {
    if (!claimed.has(c.rule.toLowerCase())) {
      const key = `${c.source}/${c.rule}`;
      const u = unclaimed.get(key) ?? { source: c.source, rule: c.rule, cases: 0 };
      u.cases++;
      unclaimed.set(key, u);
      continue;
    }
    let findings = memo.get(c.file);
    if (!findings) {
      const text = readFileSync(resolve(dir, 'files', c.file), 'utf8');
      findings = (await analyze(text)).findings;
      memo.set(c.file, findings);
    }
    const { agree, lines } = judge(c, findings);
    const documented = agree
      ? undefined
      : DOCUMENTED_DIFFERENCES.find((d) => d.file === c.file && d.rule === c.rule);
    results.push({
      case: c,
      verdict: agree ? 'agree' : documented ? 'documented' : 'disagree',
      lines,
      reason: documented?.reason,
    });
  }
  return { results, rows: rowsOf(results), unclaimed: [...unclaimed.values()], totals: totalsOf(results) };
}

function rowsOf(results: CaseResult[]): RuleRow[] {
  const rows = new Map<string, RuleRow>();
  for (const r of results) {
    const key = `${r.case.source}/${r.case.rule}`;
    const row = rows.get(key) ?? {
      source: r.case.source,
      rule: r.case.rule,
      cases: 0,
      agree: 0,
      documented: 0,
      disagree: 0,
    };
    row.cases++;
    row[r.verdict]++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.source.localeCompare(b.source) || a.rule.localeCompare(b.rule));
}

function totalsOf(results: CaseResult[]): ConformanceReport['totals'] {
  const total = (list: CaseResult[]) => {
    const agree = list.filter((r) => r.verdict === 'agree').length;
    const documented = list.filter((r) => r.verdict === 'documented').length;
    return { cases: list.length, agree, documented, rate: list.length ? agree / list.length : 1 };
  };
  return {
    all: total(results),
    hadolint: total(results.filter((r) => r.case.source === 'hadolint')),
    buildkit: total(results.filter((r) => r.case.source === 'buildkit')),
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** The table `npm run bench` prints: one row per claimed peer rule, then the totals. */
export function formatConformance(report: ConformanceReport): string {
  const lines = ['source    rule                              cases  agree  documented  disagree  rate'];
  for (const r of report.rows)
    lines.push(
      `${r.source.padEnd(9)} ${r.rule.padEnd(33)} ${String(r.cases).padStart(5)}  ${String(r.agree).padStart(5)}  ${String(r.documented).padStart(10)}  ${String(r.disagree).padStart(8)}  ${pct(r.agree / r.cases)}`,
    );
  for (const key of ['hadolint', 'buildkit', 'all'] as const) {
    const t = report.totals[key];
    lines.push(
      `${key}: ${t.agree} of ${t.cases} cases agree (${pct(t.rate)}), ${t.documented} documented differences, ${t.cases - t.agree - t.documented} undocumented`,
    );
  }
  if (report.unclaimed.length)
    lines.push(
      `peer rules we do not claim (cases not counted): ${report.unclaimed.map((u) => `${u.rule} (${u.cases})`).join(', ')}`,
    );
  for (const n of NOT_COVERED) lines.push(`not covered on purpose: ${n.rule} — ${n.reason}`);
  return lines.join('\n');
}

/** `npm run bench`'s hook: prints the table, or why it was skipped. */
export async function printConformance(): Promise<ConformanceReport | null> {
  const cases = loadPeerCases();
  if (!cases) {
    console.log(`\n# Lint conformance: skipped — the peer suites folder ${PEER_SUITES_DIR} is absent.`);
    return null;
  }
  const report = await runConformance(cases);
  console.log(`\n# Lint conformance with hadolint's and BuildKit's own test cases (${cases.length} cases)`);
  console.log(formatConformance(report));
  return report;
}
