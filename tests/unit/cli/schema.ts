// A small checker for the Analysis schema v1 (DESIGN.md): returns the problems found, [] when valid.
import { TECHNIQUES } from '../../../src/engine/types';

type Json = unknown;
const CONFIDENCE = ['high', 'medium', 'low'];
const SEVERITY = ['error', 'warning', 'info'];

export function validateAnalysis(value: Json): string[] {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${path}: ${message}`);
  const obj = (v: Json, path: string): v is Record<string, Json> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      at(path, 'not an object');
      return false;
    }
    return true;
  };
  const int = (v: Json, path: string, min = 0) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      at(path, `not an integer >= ${min}: ${String(v)}`);
  };
  const str = (v: Json, path: string) => {
    if (typeof v !== 'string') at(path, 'not a string');
  };
  const strOrNull = (v: Json, path: string) => {
    if (v !== null && typeof v !== 'string') at(path, 'not a string or null');
  };
  const bool = (v: Json, path: string) => {
    if (typeof v !== 'boolean') at(path, 'not a boolean');
  };
  const arr = (v: Json, path: string): v is Json[] => {
    if (!Array.isArray(v)) {
      at(path, 'not an array');
      return false;
    }
    return true;
  };
  const oneOf = (v: Json, list: readonly string[], path: string) => {
    if (typeof v !== 'string' || !list.includes(v)) at(path, `not one of ${list.join('|')}: ${String(v)}`);
  };
  const estimate = (e: Json, path: string) => {
    if (!obj(e, path)) return;
    int(e.uncompressedBytes, `${path}.uncompressedBytes`);
    int(e.compressedBytes, `${path}.compressedBytes`);
    oneOf(e.confidence, CONFIDENCE, `${path}.confidence`);
    if (arr(e.layers, `${path}.layers`)) {
      e.layers.forEach((l, i) => {
        const p = `${path}.layers[${i}]`;
        if (!obj(l, p)) return;
        int(l.stage, `${p}.stage`);
        int(l.line, `${p}.line`, 1);
        str(l.instruction, `${p}.instruction`);
        int(l.uncompressedBytes, `${p}.uncompressedBytes`);
        int(l.compressedBytes, `${p}.compressedBytes`);
        oneOf(l.confidence, CONFIDENCE, `${p}.confidence`);
        str(l.basis, `${p}.basis`);
      });
    }
  };
  if (!obj(value, '$')) return problems;
  const a = value;
  if (a.schemaVersion !== 1) at('$.schemaVersion', 'not 1');
  str(a.engineVersion, '$.engineVersion');
  if (arr(a.syntaxErrors, '$.syntaxErrors')) {
    a.syntaxErrors.forEach((e, i) => {
      if (!obj(e, `$.syntaxErrors[${i}]`)) return;
      int(e.line, `$.syntaxErrors[${i}].line`, 1);
      int(e.column, `$.syntaxErrors[${i}].column`, 1);
      str(e.message, `$.syntaxErrors[${i}].message`);
    });
  }
  if (arr(a.stages, '$.stages')) {
    a.stages.forEach((s, i) => {
      const p = `$.stages[${i}]`;
      if (!obj(s, p)) return;
      int(s.index, `${p}.index`);
      strOrNull(s.name, `${p}.name`);
      str(s.base, `${p}.base`);
      strOrNull(s.resolvedBase, `${p}.resolvedBase`);
      bool(s.known, `${p}.known`);
      bool(s.final, `${p}.final`);
      int(s.startLine, `${p}.startLine`, 1);
      int(s.endLine, `${p}.endLine`, 1);
    });
  }
  estimate(a.estimate, '$.estimate');
  if (arr(a.findings, '$.findings')) {
    a.findings.forEach((f, i) => {
      const p = `$.findings[${i}]`;
      if (!obj(f, p)) return;
      str(f.ruleId, `${p}.ruleId`);
      oneOf(f.technique, TECHNIQUES, `${p}.technique`);
      oneOf(f.severity, SEVERITY, `${p}.severity`);
      int(f.line, `${p}.line`, 1);
      int(f.endLine, `${p}.endLine`, 1);
      str(f.message, `${p}.message`);
      if (f.savingsBytes !== null) int(f.savingsBytes, `${p}.savingsBytes`);
      bool(f.fixable, `${p}.fixable`);
      if (arr(f.aliases, `${p}.aliases`)) f.aliases.forEach((x, j) => str(x, `${p}.aliases[${j}]`));
    });
  }
  if (obj(a.rewrite, '$.rewrite')) {
    const r = a.rewrite;
    str(r.dockerfile, '$.rewrite.dockerfile');
    strOrNull(r.dockerignore, '$.rewrite.dockerignore');
    estimate(r.estimate, '$.rewrite.estimate');
    if (arr(r.steps, '$.rewrite.steps')) {
      r.steps.forEach((s, i) => {
        const p = `$.rewrite.steps[${i}]`;
        if (!obj(s, p)) return;
        str(s.ruleId, `${p}.ruleId`);
        oneOf(s.technique, TECHNIQUES, `${p}.technique`);
        str(s.title, `${p}.title`);
        str(s.explanation, `${p}.explanation`);
        int(s.savingsBytes, `${p}.savingsBytes`);
      });
    }
  }
  try {
    JSON.stringify(value);
  } catch {
    at('$', 'not serialisable as JSON');
  }
  return problems;
}
