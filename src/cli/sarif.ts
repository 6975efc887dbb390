// SARIF 2.1.0 output: one run, the findings of every file as results, their rules in the driver.
import type { Analysis, Severity } from '../engine/types';
import { toolOfAlias, type CrossRefTool } from '../engine/rules/cross-refs';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri?: string;
  properties: { technique: string; aliases: string[]; trivy?: string[]; checkov?: string[]; kics?: string[] };
  defaultConfiguration: { level: string };
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(results: { file: string; analysis: Analysis }[]): string {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: SarifRule) => {
    if (!ruleIndex.has(rule.id)) {
      ruleIndex.set(rule.id, rules.length);
      rules.push(rule);
    }
    return ruleIndex.get(rule.id) as number;
  };
  const sarifResults: unknown[] = [];
  for (const { file, analysis } of results) {
    const uri = file === '-' ? 'stdin' : file.replace(/\\/g, '/');
    for (const e of analysis.syntaxErrors) {
      const index = addRule({
        id: 'syntax-error',
        name: 'SyntaxError',
        shortDescription: { text: 'The Dockerfile could not be read as written.' },
        properties: { technique: 'correctness', aliases: [] },
        defaultConfiguration: { level: 'error' },
      });
      sarifResults.push({
        ruleId: 'syntax-error',
        ruleIndex: index,
        level: 'error',
        message: { text: e.message },
        locations: [location(uri, e.line, e.line, e.column)],
      });
    }
    for (const f of analysis.findings) {
      const index = addRule({
        id: f.ruleId,
        name: pascal(f.ruleId),
        shortDescription: { text: f.title ?? f.ruleId },
        properties: { technique: f.technique, aliases: f.aliases, ...byTool(f.aliases) },
        defaultConfiguration: { level: LEVEL[f.severity] ?? 'warning' },
      });
      sarifResults.push({
        ruleId: f.ruleId,
        ruleIndex: index,
        level: LEVEL[f.severity] ?? 'warning',
        message: { text: f.message },
        locations: [location(uri, f.line, f.endLine || f.line, f.column)],
        properties: {
          technique: f.technique,
          savingsBytes: f.savingsBytes,
          fixable: f.fixable,
          aliases: f.aliases,
        },
      });
    }
  }
  const engineVersion = results[0]?.analysis.engineVersion ?? '0.0.0';
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-playground',
            version: engineVersion,
            semanticVersion: engineVersion,
            rules,
          },
        },
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(uri: string, startLine: number, endLine: number, column?: number) {
  const region: Record<string, number> = {
    startLine: Math.max(1, startLine),
    endLine: Math.max(1, endLine, startLine),
  };
  if (column && column > 0) region.startColumn = column;
  return { physicalLocation: { artifactLocation: { uri }, region } };
}

/** The Trivy, Checkov and KICS ids among a finding's aliases, by tool (src/engine/rules/cross-refs.ts). */
function byTool(aliases: readonly string[]): Partial<Record<CrossRefTool, string[]>> {
  const out: Partial<Record<CrossRefTool, string[]>> = {};
  for (const a of aliases) {
    const tool = toolOfAlias(a);
    if (tool) (out[tool] ??= []).push(a);
  }
  return out;
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
