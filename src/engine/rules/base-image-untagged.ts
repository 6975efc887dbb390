// pin-version: FROM image without a tag (DL3006).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { perStage, splitImage } from './util';

export const rule: Rule = {
  meta: {
    id: 'base-image-untagged',
    technique: 'pin-version',
    severity: 'warning',
    title: 'Tag the base image explicitly',
    hadolint: ['DL3006'],
    buildChecks: [],
    references: [DOCS.from, DOCS.bestPractices, hadolintRule('DL3006')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports `FROM <image>` with neither a tag nor a digest (stage names and `scratch` excepted).',
    whyItMatters:
      'An untagged image means `:latest`, silently. The build then depends on whatever the publisher tagged last, so the image changes under you between builds — size, OS release and runtime version included.',
    before: String.raw`FROM python
CMD ["python"]
`,
    after: String.raw`FROM python:3.12-slim
CMD ["python"]
`,
    fixSafety: 'Reported, not fixed: the version to pin is your choice.',
    whenNotToUse: 'Never for images that are rebuilt; an explicit tag costs nothing.',
  },
  check({ model }) {
    return perStage(model, (stage) => {
      if (!('image' in stage.base)) return;
      const ref = stage.from.resolvedImage ?? stage.from.image;
      if (ref.includes('$') || ref.trim() === '') return;
      const { tag, digest, repo } = splitImage(ref);
      if (tag || digest) return;
      return {
        span: stage.from.span,
        message: `FROM ${repo} has no tag, so it means ${repo}:latest; pin a version tag.`,
      };
    });
  },
};
