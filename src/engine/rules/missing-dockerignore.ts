// dockerignore: the whole build context is copied; suggest a .dockerignore (info).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { isCopy } from './util';
import { wholeContext } from './copy-before-install';

export const rule: Rule = {
  meta: {
    id: 'missing-dockerignore',
    technique: 'dockerignore',
    severity: 'info',
    title: 'Add a .dockerignore when copying the whole context',
    hadolint: ['DL4007'],
    buildChecks: [],
    references: [DOCS.dockerignore, DOCS.bestPractices, hadolintRule('DL4007')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports the first `COPY . .` (or `ADD .`) of the whole build context, unless you told the playground that the context has a `.dockerignore`.',
    whyItMatters:
      'Without a `.dockerignore`, everything in the folder goes into the image: `.git` history, a local `node_modules` or virtualenv, build outputs, test data, editor folders, and `.env` files with secrets. It also makes every build send that context to the builder and breaks caching whenever any of it changes. The rewrite suggests a `.dockerignore` for the detected ecosystem.',
    before: String.raw`FROM python:3.12-slim
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
`,
    after: String.raw`FROM python:3.12-slim
WORKDIR /app
COPY app.py ./
CMD ["python", "app.py"]
`,
    fixSafety:
      'Reported, not fixed in the Dockerfile: the fix is a new `.dockerignore` file, which the rewrite proposes next to the rewritten Dockerfile. Copying only the needed files (as in the example) also silences it.',
    whenNotToUse:
      'When the project already has a `.dockerignore` (set the context option so the playground knows), or the context is a folder made for the build.',
  },
  check({ model, context }) {
    if (context?.hasDockerignore) return [];
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (ins.stage < 0 || !isCopy(ins) || !wholeContext(ins)) continue;
      out.push({
        span: ins.span,
        message: `${ins.keyword} ${ins.sources.join(' ')} copies the whole build context: without a .dockerignore, .git, local dependencies, build outputs and .env files end up in the image.`,
      });
      break;
    }
    return out;
  },
};
