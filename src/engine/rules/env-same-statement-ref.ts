// correctness: ENV uses a variable defined in the same ENV statement (DL3044).
import type { ArgInstruction, EnvInstruction } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { foldStages } from './util';

export const rule: Rule = {
  meta: {
    id: 'env-same-statement-ref',
    technique: 'correctness',
    severity: 'warning',
    title: 'Do not refer to a variable set in the same ENV',
    hadolint: ['DL3044'],
    buildChecks: [],
    references: [DOCS.env, hadolintRule('DL3044')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports `ENV A=1 B=$A` where `$A` refers to a variable that this same ENV sets and nothing set before.',
    whyItMatters:
      'Variables in one ENV are all substituted with the values from before the instruction, so `B` gets the old (usually empty) value of `A`, not the new one. Split it into two ENV lines.',
    before: String.raw`FROM alpine:3.20
ENV APP_HOME=/app APP_BIN=$APP_HOME/bin
`,
    after: String.raw`FROM alpine:3.20
ENV APP_HOME=/app
ENV APP_BIN=$APP_HOME/bin
`,
    fixSafety: 'Reported, not fixed.',
    whenNotToUse: 'When you really mean the value from before the instruction (rare and confusing).',
  },
  check({ model }) {
    const globals = model.globalArgs.flatMap((a) => a.pairs.map((p) => p.key));
    // The names already set when an instruction runs: global ARGs, then the stage's ARG and ENV.
    return foldStages(model, {
      start: () => new Set<string>(globals),
      step(known, ins) {
        if (ins.keyword === 'ARG') for (const p of (ins as unknown as ArgInstruction).pairs) known.add(p.key);
        if (ins.keyword !== 'ENV') return null;
        const env = ins as EnvInstruction;
        const report = sameStatementRef(env, known);
        for (const p of env.pairs) known.add(p.key);
        return report;
      },
    });
  },
};

/** The report for the ENV's first value that reads a variable set earlier in the same ENV. */
function sameStatementRef(env: EnvInstruction, known: Set<string>): RuleReport | null {
  const here = new Set<string>();
  for (const p of env.pairs) {
    const refs = [...(p.value ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
    const bad = refs.find((r) => here.has(r) && !known.has(r));
    if (bad)
      return {
        span: env.span,
        message: `${p.key} uses $${bad}, which is set in this same ENV: it gets the value from before the instruction. Split the ENV.`,
      };
    here.add(p.key);
  }
  return null;
}
