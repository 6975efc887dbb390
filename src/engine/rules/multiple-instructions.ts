// correctness: several CMD / ENTRYPOINT / HEALTHCHECK in one stage; only the last counts
// (DL4003, DL4004, DL3012, MultipleInstructionsDisallowed).
import type { Rule } from './types';
import { DOCS, buildCheck, hadolintRule } from './refs';
import { deleteInstruction, makeFix, perStage } from './util';

const ALIAS: Record<string, string> = { CMD: 'DL4003', ENTRYPOINT: 'DL4004', HEALTHCHECK: 'DL3012' };

export const rule: Rule = {
  meta: {
    id: 'multiple-instructions',
    technique: 'correctness',
    severity: 'warning',
    title: 'Only one CMD, ENTRYPOINT and HEALTHCHECK per stage',
    hadolint: ['DL4003', 'DL4004', 'DL3012'],
    buildChecks: ['MultipleInstructionsDisallowed'],
    references: [DOCS.cmd, buildCheck('MultipleInstructionsDisallowed'), hadolintRule('DL4003')],
    fixable: 'always',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports every CMD, ENTRYPOINT or HEALTHCHECK of a stage that a later one of the same kind overrides.',
    whyItMatters:
      'Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage take effect; the earlier ones are dead code that misleads the reader about how the container starts.',
    before: String.raw`FROM node:22-slim
CMD ["node", "worker.js"]
CMD ["node", "server.js"]
`,
    after: String.raw`FROM node:22-slim
CMD ["node", "server.js"]
`,
    fixSafety: 'Safe: the overridden instruction has no effect on the image, so deleting it changes nothing.',
    whenNotToUse: 'Never; keep alternatives as comments instead.',
  },
  check({ model }) {
    return perStage(model, (stage) =>
      ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].flatMap((kind) => {
        const list = stage.instructions.filter((i) => i.keyword === kind);
        const last = list[list.length - 1];
        return list.slice(0, -1).map((ins) => ({
          span: ins.span,
          message: `This ${kind} is overridden by the ${kind} on line ${last.span.line}; only the last one of a stage takes effect.`,
          fix: makeFix(`Remove the overridden ${kind}`, 'safe', [deleteInstruction(model, ins)]),
          aliases: [ALIAS[kind], 'MultipleInstructionsDisallowed'],
        }));
      }),
    );
  },
};
