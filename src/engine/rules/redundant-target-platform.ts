// correctness: FROM --platform=$TARGETPLATFORM is the default (RedundantTargetPlatform, DL3065).
import type { Rule } from './types';
import { buildCheck, DOCS } from './refs';
import { makeFix, perStage } from './util';

export const rule: Rule = {
  meta: {
    id: 'redundant-target-platform',
    technique: 'correctness',
    severity: 'info',
    title: 'Drop `--platform=$TARGETPLATFORM`',
    hadolint: ['DL3065'],
    buildChecks: ['RedundantTargetPlatform'],
    references: [DOCS.from, buildCheck('RedundantTargetPlatform')],
    fixable: 'always',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports `FROM --platform=$TARGETPLATFORM`.',
    whyItMatters:
      'Every stage is built for the target platform already; the flag adds noise and suggests a difference that is not there.',
    before: String.raw`FROM --platform=$TARGETPLATFORM alpine:3.20
`,
    after: String.raw`FROM alpine:3.20
`,
    fixSafety: 'Safe: the flag restates the default.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    return perStage(model, (stage) => {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag || !/^\$\{?TARGETPLATFORM\}?$/.test(flag.value ?? '')) return null;
      let end = flag.span.end;
      while (model.text[end] === ' ' || model.text[end] === '\t') end++;
      return {
        span: stage.from.span,
        message: '--platform=$TARGETPLATFORM is what FROM does anyway; drop the flag.',
        fix: makeFix('Remove the flag', 'safe', [{ start: flag.span.start, end, text: '' }]),
      };
    });
  },
};
