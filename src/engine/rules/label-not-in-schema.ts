// correctness: with strict labels, no label outside the label schema (DL3050).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { labelUses } from './label-schema';

export const rule: Rule = {
  meta: {
    id: 'label-not-in-schema',
    technique: 'correctness',
    severity: 'info',
    title: 'Only use labels your label schema names',
    hadolint: ['DL3050'],
    buildChecks: [],
    references: [DOCS.label, hadolintRule('DL3050')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'With `strict-labels: true` and a label schema in the lint settings, reports each LABEL key the schema does not name. Otherwise it reports nothing.',
    whyItMatters:
      'A strict schema keeps label keys consistent across a team’s images: a typo (`org.opencontainers.image.sourse`) or a private key nobody reads is caught where it is written.',
    before: String.raw`FROM alpine:3.20
LABEL org.opencontainers.image.source="https://example.com/app" team="web"
`,
    after: String.raw`FROM alpine:3.20
LABEL org.opencontainers.image.source="https://example.com/app"
`,
    fixSafety: 'Reported, not fixed: add the key to the schema or remove the label.',
    whenNotToUse: 'Projects without an agreed label schema: leave `strict-labels` off.',
    settings: { labelSchema: { 'org.opencontainers.image.source': 'url' }, strictLabels: true },
  },
  check({ model, settings }) {
    const schema = settings?.labelSchema;
    if (!schema || !settings?.strictLabels) return [];
    const out: RuleReport[] = [];
    for (const use of labelUses(model))
      if (use.key && !Object.hasOwn(schema, use.key))
        out.push({
          span: use.span,
          message: `Label ${use.key} is not in the label schema (strict labels): add it to the schema or remove it.`,
        });
    return out;
  },
};
