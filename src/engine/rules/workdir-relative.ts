// correctness: a relative WORKDIR with no absolute one before it (DL3000, WorkdirRelativePath).
import type { Rule, RuleReport } from './types';
import { DOCS, buildCheck, hadolintRule } from './refs';
import { argsStart, makeFix, perStage } from './util';

export const rule: Rule = {
  meta: {
    id: 'workdir-relative',
    technique: 'correctness',
    severity: 'warning',
    title: 'Use an absolute WORKDIR',
    hadolint: ['DL3000'],
    buildChecks: ['WorkdirRelativePath'],
    references: [DOCS.workdir, buildCheck('WorkdirRelativePath'), hadolintRule('DL3000')],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes: 'Reports a relative `WORKDIR` in a stage that has not set an absolute one before.',
    whyItMatters:
      'A relative WORKDIR is resolved against the working directory the base image left behind, which you do not see in this file and which can change with a new base version. An absolute path says where files go.',
    before: String.raw`FROM node:22-slim
WORKDIR app
`,
    after: String.raw`FROM node:22-slim
WORKDIR /app
`,
    fixSafety:
      'Unsafe: the fix prefixes `/`, which is what the path means only when the base image’s working directory is `/` (true for most official images, not for e.g. golang, whose WORKDIR is /go).',
    whenNotToUse: 'When you rely on the base image’s WORKDIR on purpose; write it out anyway for clarity.',
  },
  check({ model }) {
    return perStage(model, (stage) => {
      const out: RuleReport[] = [];
      // An absolute WORKDIR inherited from the parent stage anchors relative ones (BuildKit).
      let absolute = stage.parent != null && !!model.stages[stage.parent]?.workdir;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'WORKDIR') continue;
        const path = (('args' in ins ? ins.args[0] : undefined) ?? ins.argsAfterFlags).trim();
        if (
          path.startsWith('/') ||
          path.startsWith('$') ||
          /^["']?[A-Za-z]:([\\/]|["']?$)/.test(path) ||
          path.startsWith('\\')
        ) {
          absolute = true;
          continue;
        }
        if (absolute || path === '') continue;
        const at = argsStart(model, ins);
        out.push({
          span: ins.span,
          message: `WORKDIR ${path} is relative to whatever directory the base image set; use an absolute path such as /${path.replace(/^\.\//, '')}.`,
          fix:
            at !== null && !ins.argsAfterFlags.trim().startsWith('"')
              ? makeFix(`Use /${path.replace(/^\.\//, '')}`, 'unsafe', [
                  path.startsWith('./')
                    ? { start: at, end: at + 2, text: '/' }
                    : { start: at, end: at, text: '/' },
                ])
              : null,
        });
      }
      return out;
    });
  },
};
