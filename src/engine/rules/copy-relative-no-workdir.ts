// correctness: COPY to a relative destination while no WORKDIR is set (DL3045).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { foldStages, isCopy } from './util';

export const rule: Rule = {
  meta: {
    id: 'copy-relative-no-workdir',
    technique: 'correctness',
    severity: 'info',
    title: 'Set WORKDIR before copying to a relative path',
    hadolint: ['DL3045'],
    buildChecks: [],
    references: [DOCS.workdir, DOCS.copy, hadolintRule('DL3045')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports COPY or ADD to a relative destination in a stage (and its parent stages) that has no WORKDIR yet.',
    whyItMatters:
      'A relative destination lands in the base image’s working directory, which is `/` for most images: `COPY . .` then scatters the project over the root filesystem, next to `/etc` and `/bin`. Set WORKDIR first.',
    before: String.raw`FROM python:3.12-slim
COPY app.py .
`,
    after: String.raw`FROM python:3.12-slim
WORKDIR /app
COPY app.py .
`,
    fixSafety: 'Reported, not fixed: the folder to use is yours to choose.',
    whenNotToUse: 'Base images with a meaningful WORKDIR of their own (golang’s /go); ignore the rule there.',
  },
  check({ model }) {
    // Whether a WORKDIR was set in the stage (or the stage it is built FROM); one finding a stage.
    return foldStages<{ workdir: boolean; reported: boolean }>(model, {
      start: (_stage, parent) => ({ workdir: parent?.workdir ?? false, reported: false }),
      step(state, ins) {
        // A WORKDIR after the report still counts for the stages built FROM this one.
        if (ins.keyword === 'WORKDIR') state.workdir = true;
        if (state.reported || !isCopy(ins) || state.workdir) return null;
        const d = ins.destination;
        if (!d || d.startsWith('/') || d.startsWith('$') || /^[A-Za-z]:/.test(d)) return null;
        state.reported = true;
        return {
          span: ins.span,
          message: `${ins.keyword} to the relative path ${d} with no WORKDIR set: it lands in the base image’s working directory (usually /).`,
        };
      },
    });
  },
};
