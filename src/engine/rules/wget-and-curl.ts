// other: both wget and curl are used (DL4001).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { perStage, runsOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'wget-and-curl',
    technique: 'other',
    severity: 'info',
    title: 'Use either wget or curl, not both',
    hadolint: ['DL4001'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL4001')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports a Dockerfile whose RUN instructions use both `wget` and `curl`.',
    whyItMatters:
      'Two download tools do the same job; installing both adds packages (and their libraries) for nothing. Pick one.',
    before: String.raw`FROM debian:bookworm-slim
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN wget -q -O /tmp/b.tgz https://example.com/b.tgz
`,
    after: String.raw`FROM debian:bookworm-slim
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz
`,
    fixSafety: 'Reported, not fixed: the two tools take different options.',
    whenNotToUse: 'When the base image already ships both (then neither costs anything extra).',
  },
  check({ model }) {
    return perStage(model, (stage) => {
      const runs = runsOf(stage).filter((r) => r.shell);
      if (!runs.some((r) => r.shell.commands.some((c) => c.name === 'curl'))) return null;
      const wget = runs.find((r) => r.shell.commands.some((c) => c.name === 'wget'));
      if (!wget) return null;
      return {
        span: wget.span,
        message: 'wget is used here and curl elsewhere in this stage; one download tool is enough.',
      };
    });
  },
};
