// correctness: every resulting image carries the labels the label schema requires (DL3049).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { resultStages, stageLabelKeys } from './label-schema';

export const rule: Rule = {
  meta: {
    id: 'label-required',
    technique: 'correctness',
    severity: 'info',
    title: 'Carry the labels your label schema requires',
    hadolint: ['DL3049'],
    buildChecks: [],
    references: [DOCS.label, hadolintRule('DL3049')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'With a label schema in the lint settings (`label-schema` in `.hadolint.yaml`, or the Options panel), reports each resulting image — a stage no other stage builds on or copies from — that lacks a label the schema names. Labels set in a parent stage count. Without a schema it reports nothing.',
    whyItMatters:
      'Teams use labels to find an image’s source, owner, version and licence in registries and scanners. A missing label is found late, when someone needs it.',
    before: String.raw`FROM alpine:3.20
CMD ["sh"]
`,
    after: String.raw`FROM alpine:3.20
LABEL org.opencontainers.image.source="https://example.com/app"
CMD ["sh"]
`,
    fixSafety: 'Reported, not fixed: only you know the value.',
    whenNotToUse: 'Images that never leave your machine; or switch the label off in the schema.',
    settings: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
  },
  check({ model, settings }) {
    const schema = settings?.labelSchema;
    if (!schema) return [];
    const required = Object.keys(schema);
    const out: RuleReport[] = [];
    for (const stage of resultStages(model)) {
      const keys = stageLabelKeys(model, stage);
      for (const key of required)
        if (!keys.has(key))
          out.push({
            span: stage.from.span,
            message: `Label ${key} is missing: the label schema requires it on every image this file produces.`,
          });
    }
    return out;
  },
};
