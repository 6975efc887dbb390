// correctness: label keys follow Docker's key format and stay out of Docker's namespaces (DL3048).
import type { LabelInstruction } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { perInstruction } from './util';

/** Namespaces Docker reserves for its own labels. */
const RESERVED = /^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/;
/** Lower-case letters and digits, single dots or hyphens between them, starting with a letter. */
const VALID = /^[a-z](?:[a-z0-9]|[.-](?=[a-z0-9]))*$/;

export const rule: Rule = {
  meta: {
    id: 'label-key-invalid',
    technique: 'correctness',
    severity: 'info',
    title: 'Use valid label keys',
    hadolint: ['DL3048'],
    buildChecks: [],
    references: [DOCS.label, hadolintRule('DL3048')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports LABEL keys in a reserved Docker namespace (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`) or outside Docker’s key format: lower-case letters, digits, single `.` or `-` between them, starting with a letter.',
    whyItMatters:
      'Tools that read labels (registries, scanners, orchestrators) expect reverse-DNS keys such as `org.opencontainers.image.source`. Odd characters or doubled separators break their lookups, and the reserved namespaces belong to Docker itself.',
    before: String.raw`FROM alpine:3.20
LABEL com.docker.version="1.0"
`,
    after: String.raw`FROM alpine:3.20
LABEL org.opencontainers.image.version="1.0"
`,
    fixSafety: 'Reported, not fixed: the right key depends on who reads the label.',
    whenNotToUse: 'Labels a tool of yours reads under an established, non-conforming key.',
  },
  check({ model }) {
    return perInstruction(model, ['LABEL'], (ins) => {
      const out: RuleReport[] = [];
      for (const { key } of (ins as LabelInstruction).pairs) {
        const k = key.trim();
        if (!k || k.includes('${')) continue;
        if (!RESERVED.test(k) && VALID.test(k)) continue;
        out.push({
          span: ins.span,
          message: RESERVED.test(k)
            ? `Label key ${k} is in a namespace Docker reserves; use your own reverse-DNS prefix.`
            : `Label key ${k} is not a valid key: use lower-case letters, digits and single . or - between them.`,
        });
      }
      return out;
    });
  },
};
