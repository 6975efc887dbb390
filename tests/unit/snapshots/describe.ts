// The reviewed, stored form of an Analysis (issue 17 item 7): plain text, one fact per line, so a
// change of behaviour shows as a readable diff of tests/snapshots/. Byte counts are raw numbers
// (not formatted), so a change of unit style does not hide a change of size.
//
// "derived" leaves out everything that copies the analyzed text (the corpus in ../shared is
// never copied into the project): the rewritten Dockerfile becomes a digest, instructions their
// keyword. "full" (the in-repo fixtures, written for this project) keeps the rewrite's text.
import { createHash } from 'node:crypto';
import type { Analysis, Estimate, Finding, RewriteStep } from '../../../src/engine/types';

export type Detail = 'derived' | 'full';

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);
const keywordOf = (instruction: string): string => instruction.trim().split(/\s/, 1)[0].toUpperCase();

function estimateLines(e: Estimate, detail: Detail, indent: string): string[] {
  const out = [
    `${indent}total: ${e.uncompressedBytes} B uncompressed, ${e.compressedBytes} B compressed (${e.confidence})`,
  ];
  for (const s of e.stages ?? [])
    out.push(
      `${indent}stage ${s.index}${s.name ? ` ${s.name}` : ''}${s.final ? ' (final)' : ''}${s.discarded ? ' (discarded)' : ''}: ${s.uncompressedBytes} B`,
    );
  for (const l of e.layers) {
    const what =
      detail === 'full'
        ? l.instruction.replace(/\s+/g, ' ').slice(0, 80)
        : l.kind === 'base'
          ? 'base'
          : keywordOf(l.instruction);
    out.push(`${indent}L${l.line} s${l.stage} ${what}: ${l.uncompressedBytes} B (${l.confidence})`);
  }
  if (e.wastedBytes) out.push(`${indent}wasted: ${e.wastedBytes} B`);
  return out;
}

function findingLine(f: Finding): string {
  const lines = f.endLine !== f.line ? `L${f.line}-${f.endLine}` : `L${f.line}`;
  const savings = f.savingsBytes === null ? '' : ` saves ${f.savingsBytes} B`;
  return `  ${lines} ${f.ruleId} [${f.severity}${f.fixable ? ', fixable' : ''}]${savings}: ${f.message}`;
}

function stepLines(s: RewriteStep): string[] {
  const out = [
    `  ${s.id ?? s.ruleId} ${s.status ?? (s.enabled ? 'applied' : 'off')}, saves ${s.savingsBytes} B`,
  ];
  if (s.withheldReason) out.push(`    withheld: ${s.withheldReason}`);
  for (const r of s.repairs ?? []) out.push(`    repair: ${r}`);
  if (s.invariants?.length) out.push(`    invariants: ${s.invariants.join(', ')}`);
  return out;
}

/** The stored text of one analysis. */
export function describeAnalysis(text: string, a: Analysis, detail: Detail): string {
  const out: string[] = [];
  if (a.syntaxErrors.length) {
    out.push('syntax errors:');
    for (const e of a.syntaxErrors) out.push(`  L${e.line}:${e.column} ${e.message}`);
  }
  out.push('stages:');
  for (const s of a.stages)
    out.push(
      `  ${s.index}${s.name ? ` ${s.name}` : ''}: ${s.base} → ${s.resolvedBase ?? 'unknown'}${s.known ? '' : ' (not in the catalog)'}${s.final ? ' (final)' : ''}, lines ${s.startLine}-${s.endLine}`,
    );
  out.push('estimate:', ...estimateLines(a.estimate, detail, '  '));
  out.push(`findings (${a.findings.length}):`, ...a.findings.map(findingLine));
  const r = a.rewrite;
  out.push(`rewrite steps (${r.steps.length}):`, ...r.steps.flatMap(stepLines));
  for (const v of r.violations ?? []) out.push(`  violation: ${v}`);
  out.push('rewrite estimate:', ...estimateLines(r.estimate, detail, '  '));
  if (detail === 'full') {
    out.push('rewritten Dockerfile:', ...r.dockerfile.split('\n').map((l) => `  | ${l}`));
    out.push('.dockerignore:', ...(r.dockerignore ?? '(none)').split('\n').map((l) => `  | ${l}`));
  } else {
    const changed = r.dockerfile === text ? 'unchanged' : `sha256 ${digest(r.dockerfile)}`;
    out.push(`rewritten Dockerfile: ${r.dockerfile.split('\n').length} lines, ${changed}`);
    out.push(
      `.dockerignore: ${r.dockerignore === null ? 'none' : `${r.dockerignore.split('\n').length} lines, sha256 ${digest(r.dockerignore)}`}`,
    );
  }
  return `${out.join('\n')}\n`;
}
