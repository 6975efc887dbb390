// The CLI's readable report: stages, estimated size with a per-layer table, findings, rewrite.
import type { Analysis, LayerEstimate } from '../engine/types';
import { formatBytes } from './sizes';

export interface TextOptions {
  file: string;
  /** Print the rewritten Dockerfile in full. */
  rewrite: boolean;
  budget: number | null;
}

export function formatText(analysis: Analysis, options: TextOptions): string {
  const out: string[] = [];
  const title = `${options.file}`;
  out.push(title, '='.repeat(Math.min(title.length, 78)));
  if (analysis.syntaxErrors.length > 0) {
    out.push('', `Syntax errors (${analysis.syntaxErrors.length}):`);
    for (const e of analysis.syntaxErrors) out.push(`  line ${e.line}:${e.column}  ${e.message}`);
  }
  out.push('', `Stages (${analysis.stages.length}):`);
  for (const s of analysis.stages) {
    const name = s.name ? ` ${s.name}` : '';
    const resolved = s.resolvedBase && s.resolvedBase !== s.base ? ` -> ${s.resolvedBase}` : '';
    const size = analysis.estimate.stages?.find((x) => x.index === s.index);
    const tags = [
      s.final ? 'final' : 'builder, discarded',
      s.known ? null : 'base not in catalog',
      size ? `${formatBytes(size.uncompressedBytes)} on disk` : null,
    ]
      .filter(Boolean)
      .join(', ');
    out.push(`  #${s.index}${name}: FROM ${s.base}${resolved}  (lines ${s.startLine}-${s.endLine}; ${tags})`);
  }
  const est = analysis.estimate;
  out.push(
    '',
    `Estimated size of the final image: ${formatBytes(est.uncompressedBytes)} on disk, ${formatBytes(est.compressedBytes)} compressed (confidence: ${est.confidence})`,
  );
  if (options.budget !== null) {
    const over = est.uncompressedBytes > options.budget;
    out.push(`  Budget ${formatBytes(options.budget)}: ${over ? 'OVER' : 'within'} budget`);
  }
  if (est.layers.length > 0) out.push('', ...layerTable(est.layers));
  if (est.wastedBytes) out.push(`  Shipped but deleted by a later layer: ${formatBytes(est.wastedBytes)}`);
  if (est.assumptions && est.assumptions.length > 0) {
    out.push('', 'Assumptions:');
    for (const a of est.assumptions) out.push(`  - ${a}`);
  }
  out.push('', `Findings (${analysis.findings.length}):`);
  if (analysis.findings.length === 0) out.push('  none');
  const findings = [...analysis.findings].sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  for (const f of findings) {
    const saving = f.savingsBytes ? `  (saves ~${formatBytes(f.savingsBytes)})` : '';
    const lines = f.endLine && f.endLine !== f.line ? `${f.line}-${f.endLine}` : `${f.line}`;
    out.push(`  line ${lines}  ${f.severity.padEnd(7)}  ${f.ruleId}: ${oneLine(f.message)}${saving}`);
  }
  const rw = analysis.rewrite;
  out.push('', `Rewrite: ${rw.steps.length} step${rw.steps.length === 1 ? '' : 's'}`);
  if (rw.steps.length > 0) {
    const before = est.uncompressedBytes;
    const after = rw.estimate.uncompressedBytes;
    out.push(
      `  estimated ${formatBytes(before)} -> ${formatBytes(after)} on disk (${before >= after ? `${formatBytes(before - after)} less` : `${formatBytes(after - before)} more`})`,
    );
    for (const step of rw.steps) {
      const withheld = step.status === 'withheld';
      const off = withheld ? ' [withheld]' : step.enabled === false ? ' [off]' : '';
      out.push(
        `  - ${step.title}${off}${step.savingsBytes ? `  (saves ~${formatBytes(step.savingsBytes)})` : ''}`,
      );
      if (withheld && step.withheldReason) out.push(`      ${oneLine(step.withheldReason)}`);
      for (const r of step.repairs ?? []) out.push(`      repaired: ${oneLine(r)}`);
    }
  }
  if (options.rewrite) {
    out.push('', '--- rewritten Dockerfile ---', rw.dockerfile.replace(/\n$/, ''), '--- end ---');
    if (rw.dockerignore)
      out.push('', '--- suggested .dockerignore ---', rw.dockerignore.replace(/\n$/, ''), '--- end ---');
  }
  return `${out.join('\n')}\n`;
}

function layerTable(layers: LayerEstimate[]): string[] {
  const rows = layers.map((l) => [
    String(l.line),
    truncate(oneLine(l.instruction), 56),
    formatBytes(l.uncompressedBytes),
    formatBytes(l.compressedBytes),
    l.confidence,
  ]);
  const header = ['LINE', 'LAYER', 'ON DISK', 'COMPRESSED', 'CONFIDENCE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    `  ${r.map((c, i) => (i >= 2 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`.trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
