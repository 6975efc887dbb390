// pin-version: FROM image:latest (DL3007).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { perStage, splitImage } from './util';

export const rule: Rule = {
  meta: {
    id: 'base-image-latest',
    technique: 'pin-version',
    severity: 'warning',
    title: 'Pin a version instead of `:latest`',
    hadolint: ['DL3007'],
    buildChecks: [],
    references: [DOCS.from, DOCS.bestPractices, hadolintRule('DL3007')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports `FROM <image>:latest` (without a digest).',
    whyItMatters:
      '`latest` is just the tag a publisher moved last. Today it may be Node 22 on Debian, tomorrow Node 24 on a newer Debian: the same Dockerfile then builds a different image, with different sizes, libraries and bugs, and a rebuild can break without any change of yours. A version tag (and optionally a digest) makes builds repeatable.',
    before: String.raw`FROM node:latest
CMD ["node"]
`,
    after: String.raw`FROM node:22.11-bookworm-slim
CMD ["node"]
`,
    fixSafety:
      'Reported, not fixed: which version you want is your decision. The message names what the catalog currently resolves `latest` to, when it knows.',
    whenNotToUse: 'Throw-away experiments. For anything that is rebuilt, pin.',
  },
  check({ model, bases }) {
    return perStage(model, (stage) => {
      if (!('image' in stage.base)) return;
      const ref = stage.from.resolvedImage ?? stage.from.image;
      if (ref.includes('$')) return;
      const { tag, digest, repo } = splitImage(ref);
      if (tag !== 'latest' || digest) return;
      let hint = '';
      try {
        const entry = bases.resolve(ref).entry;
        if (entry && entry.tag !== 'latest') hint = ` (the catalog resolves it to ${entry.reference} today)`;
      } catch {
        /* no hint */
      }
      return {
        span: stage.from.span,
        message: `${repo}:latest is a moving target${hint}; pin a version tag so rebuilds give the same image.`,
      };
    });
  },
};
