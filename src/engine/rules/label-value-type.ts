// correctness: label values fit the types the label schema gives them (DL3051–DL3056, DL3058).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { LABEL_TYPES, TYPE_WORDS, labelType, labelUses, valueFits } from './label-schema';

const IDS = Object.values(LABEL_TYPES);

export const rule: Rule = {
  meta: {
    id: 'label-value-type',
    technique: 'correctness',
    severity: 'warning',
    title: 'Give labels values of the type your label schema names',
    hadolint: [...new Set(IDS)],
    buildChecks: [],
    references: [DOCS.label, ...[...new Set(IDS)].map(hadolintRule)],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'With a label schema in the lint settings, checks each schema label’s value: not empty (DL3051, any type), a URL (`url`, DL3052), an RFC 3339 date and time (`rfc3339`, DL3053), an SPDX license expression (`spdx`, DL3054), a 7- or 40-digit git hash (`hash`, DL3055), a semantic version (`semver`, DL3056), an e-mail address (`email`, DL3058). Labels whose value comes from an unset variable are judged as written.',
    whyItMatters:
      'Tools read these labels by type: a registry links the source URL, a licence scanner parses the SPDX expression, a deploy tool compares versions. A malformed value breaks them quietly.',
    before: String.raw`FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache 2"
`,
    after: String.raw`FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache-2.0"
`,
    fixSafety: 'Reported, not fixed: only you know the right value.',
    whenNotToUse: 'Labels your tools read in another format: give them the `text` type in the schema.',
    settings: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
  },
  check({ model, settings }) {
    const schema = settings?.labelSchema;
    if (!schema) return [];
    const out: RuleReport[] = [];
    for (const use of labelUses(model)) {
      if (!Object.hasOwn(schema, use.key)) continue;
      const type = labelType(schema[use.key]);
      if (use.value === '')
        out.push({ span: use.span, message: `Label ${use.key} is empty.`, aliases: ['DL3051'] });
      else if (!valueFits(type, use.value))
        out.push({
          span: use.span,
          message: `Label ${use.key} should hold ${TYPE_WORDS[type]}, not "${use.value}".`,
          aliases: [LABEL_TYPES[type]],
        });
    }
    return out;
  },
};
